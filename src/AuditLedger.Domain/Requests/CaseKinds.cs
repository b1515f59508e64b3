namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Reviews;
using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>The three requests a person may make about their own retained information (Chapter 4).</summary>
public enum RequestKind
{
    /// <summary>開示請求 (Art. 18-30).</summary>
    Disclosure,
    /// <summary>訂正請求 (Art. 31-37).</summary>
    Correction,
    /// <summary>利用停止請求 (Art. 38-43).</summary>
    Suspension,
}

/// <summary>Who makes the request (Art. 18(2), 31(2), 38(2)); the annual status counts them apart.</summary>
public enum RequesterType
{
    /// <summary>本人.</summary>
    Self,
    /// <summary>法定代理人 (未成年者又は成年被後見人の法定代理人).</summary>
    LegalRepresentative,
    /// <summary>任意代理人 (本人の委任による代理人).</summary>
    AppointedAgent,
}

/// <summary>The decisions a request can end in (Art. 24, 34, 41) and the ways it can end without one.</summary>
public enum CaseOutcome
{
    /// <summary>開示 (全部開示, Art. 24(1)).</summary>
    DisclosedInFull,
    /// <summary>一部開示 (Art. 21, 24(1)).</summary>
    DisclosedInPart,
    /// <summary>裁量的開示 (Art. 22).</summary>
    DisclosedAtDiscretion,
    /// <summary>不開示 (Art. 24(2)).</summary>
    NotDisclosed,
    /// <summary>不存在: the information is not held (Art. 24(2) 括弧書).</summary>
    NotHeld,
    /// <summary>存否応答拒否 (Art. 23).</summary>
    ExistenceNeitherConfirmedNorDenied,
    /// <summary>訂正決定 (Art. 34(1)).</summary>
    Corrected,
    /// <summary>訂正しない旨の決定 (Art. 34(2)).</summary>
    CorrectionRefused,
    /// <summary>利用停止決定 (Art. 41(1)).</summary>
    UseSuspended,
    /// <summary>利用停止をしない旨の決定 (Art. 41(2)).</summary>
    SuspensionRefused,
    /// <summary>却下: the request is unlawful in form, e.g. a 補正 not made (any kind).</summary>
    Dismissed,
}

public static class CaseOutcomes
{
    /// <summary>Whether the decision discloses anything, so that the method of disclosure and the disclosure itself follow (Art. 24(1), 28).</summary>
    public static bool Discloses(this CaseOutcome outcome) =>
        outcome is CaseOutcome.DisclosedInFull or CaseOutcome.DisclosedInPart or CaseOutcome.DisclosedAtDiscretion;

    /// <summary>The outcomes each kind of request can be decided with.</summary>
    public static bool BelongsTo(this CaseOutcome outcome, RequestKind kind) => outcome == CaseOutcome.Dismissed || kind switch
    {
        RequestKind.Disclosure => outcome is CaseOutcome.DisclosedInFull or CaseOutcome.DisclosedInPart or CaseOutcome.DisclosedAtDiscretion
            or CaseOutcome.NotDisclosed or CaseOutcome.NotHeld or CaseOutcome.ExistenceNeitherConfirmedNorDenied,
        RequestKind.Correction => outcome is CaseOutcome.Corrected or CaseOutcome.CorrectionRefused,
        RequestKind.Suspension => outcome is CaseOutcome.UseSuspended or CaseOutcome.SuspensionRefused,
        _ => false,
    };

    public static IEnumerable<CaseOutcome> For(RequestKind kind) => Enum.GetValues<CaseOutcome>().Where(o => o.BelongsTo(kind));
}

/// <summary>How the disclosure is carried out (Art. 28(1), (3)).</summary>
public enum DisclosureMethod
{
    /// <summary>閲覧.</summary>
    Inspection,
    /// <summary>写しの交付.</summary>
    Copy,
    /// <summary>電磁的記録の方法 (the chair's rule for electronic records).</summary>
    Electronic,
    /// <summary>視聴 (viewing or hearing a recording).</summary>
    Viewing,
}

/// <summary>How a request reached the office; which are accepted is the jurisdiction profile's <c>intake.channels</c>.</summary>
public enum RequestChannel
{
    /// <summary>At the counter, in person (窓口).</summary>
    Counter,
    /// <summary>By mail (郵送).</summary>
    Mail,
    /// <summary>Electronically (電子申請).</summary>
    Electronic,
}

/// <summary>The names the profiles use for the channels and methods.</summary>
public static class ProfileNames
{
    public static string Of(RequestChannel channel) => channel switch
    {
        RequestChannel.Counter => "counter",
        RequestChannel.Mail => "mail",
        _ => "electronic",
    };

    public static string Of(DisclosureMethod method) => method switch
    {
        DisclosureMethod.Inspection => "inspection",
        DisclosureMethod.Copy => "copy",
        DisclosureMethod.Viewing => "viewing",
        _ => "electronic",
    };
}

/// <summary>
/// The articles that govern the same step for each kind of request: the ordinance repeats each provision for
/// disclosure, correction and suspension with different numbers. A refusal cites the one of the case's kind.
/// </summary>
public sealed record CaseArticles(
    string NameJa,
    string NameEn,
    ArticleRef Request,
    ArticleRef Agent,
    ArticleRef IdentityCheck,
    ArticleRef FormCorrection,
    ArticleRef Decision,
    ArticleRef DecisionDeadline,
    ArticleRef Extension,
    ArticleRef SpecialDeadline,
    ArticleRef ChairVacancy,
    ArticleRef? RequestWindow,
    string DecisionClock,
    string? RequestWindowClock)
{
    public static CaseArticles For(RequestKind kind) => kind switch
    {
        RequestKind.Disclosure => new("開示請求", "disclosure request",
            Ordinance(18), Ordinance(18, 2), Ordinance(19, 2), Ordinance(19, 3), Ordinance(24), Ordinance(25, 1), Ordinance(25, 2),
            Ordinance(26, 1), Ordinance(26, 2), null, ClockIds.DisclosureDecision, null),
        RequestKind.Correction => new("訂正請求", "correction request",
            Ordinance(31), Ordinance(31, 2), Ordinance(32, 2), Ordinance(32, 3), Ordinance(34), Ordinance(35, 1), Ordinance(35, 2),
            Ordinance(36, 1), Ordinance(36, 2), Ordinance(31, 3), ClockIds.CorrectionDecision, ClockIds.CorrectionRequest),
        RequestKind.Suspension => new("利用停止請求", "suspension-of-use request",
            Ordinance(38), Ordinance(38, 2), Ordinance(39, 2), Ordinance(39, 3), Ordinance(41), Ordinance(42, 1), Ordinance(42, 2),
            Ordinance(43, 1), Ordinance(43, 2), Ordinance(38, 3), ClockIds.SuspensionDecision, ClockIds.SuspensionRequest),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown request kind."),
    };
}
