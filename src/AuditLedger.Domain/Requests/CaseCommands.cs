namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Reviews;
using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;

/// <summary>What a case command is decided with besides the case: the case's jurisdiction profile and, for Art. 37, the record.</summary>
public sealed record CaseInputs(JurisdictionProfile Profile)
{
    public RetainedRecord? Record { get; init; }
}

/// <summary>Builds refusals that cite the article of the case's own kind.</summary>
public static class CaseRefusal
{
    public static LedgerRuleViolation Of(LedgerRule rule, ArticleRef article, string? detail = null) =>
        new(rule with { Article = article }, detail);
}

/// <summary>Receives a disclosure, correction or suspension request (Art. 18-19, 31-32, 38-39) and opens its case.</summary>
public sealed record ReceiveRequest : LedgerCommand
{
    public Guid? CaseId { get; init; }
    public RequestKind Kind { get; init; }
    /// <summary>The jurisdiction profile whose clocks the case runs on; the service's own when omitted.</summary>
    public string? JurisdictionId { get; init; }
    public RequesterType RequesterType { get; init; }
    /// <summary>The person the information is about (本人), by opaque id.</summary>
    public Guid DataSubjectId { get; init; }
    /// <summary>請求をする者の氏名及び住所又は居所 (Art. 19(1)(1)), each tied to the data subject.</summary>
    public IReadOnlyList<PersonalData> Requester { get; init; } = [];
    /// <summary>The retained records the request is about, where known.</summary>
    public IReadOnlyList<Guid> RecordIds { get; init; } = [];
    /// <summary>保有個人情報を特定するに足りる事項 (Art. 19(1)(2)): the document or file names, without personal data.</summary>
    [PersonalText]
    public string InformationSought { get; init; } = "";
    /// <summary>For a correction or suspension: the disclosure case under which the information was received.</summary>
    public Guid? DisclosureCaseId { get; init; }
    /// <summary>For a correction or suspension: the day the disclosure was received, when it is not in the ledger (Art. 32(1)(2)).</summary>
    public DateOnly? DisclosureReceivedOn { get; init; }

    public override Guid StreamId => CaseId ?? Guid.Empty;

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Kind, nameof(Kind), "請求の種類", "kind of request");
        Fields.RequireDefined(errors, RequesterType, nameof(RequesterType), "請求者の区分", "requester type");
        Fields.RequireId(errors, DataSubjectId, nameof(DataSubjectId), "本人ID", "data subject id");
        Fields.CheckPersonalData(errors, Requester, nameof(Requester));
        Fields.RequireText(errors, InformationSought, nameof(InformationSought), "請求に係る保有個人情報を特定するに足りる事項", "description of the information sought", 2000);
        if (JurisdictionId is { Length: > 100 }) errors.Add(new FieldError(nameof(JurisdictionId), "管轄IDが長すぎます。", "The jurisdiction id is too long."));
        if ((RecordIds ?? []).Any(id => id == Guid.Empty)) errors.Add(Fields.Required(nameof(RecordIds), "保有個人情報ID", "record id"));
    }

    /// <param name="disclosureCase">The state of <see cref="DisclosureCaseId"/>, when given and found.</param>
    public IReadOnlyList<ILedgerEvent> Decide(Guid caseId, JurisdictionProfile profile, RequestCase? disclosureCase, DateTimeOffset now)
    {
        var articles = CaseArticles.For(Kind);
        var context = ContextAt(now, LegalGround.Of(articles.Request, $"{articles.NameJa}の受付 / {articles.NameEn} received"));
        var receivedOn = JapanDate.Of(context.OccurredAt);
        if (!Requester.Any(p => p.Kind == PersonalDataKind.Name && p.DataSubjectId == DataSubjectId))
            throw CaseRefusal.Of(Rules.RequesterNameRequired, articles.IdentityCheck with { Paragraph = 1, Item = 1 },
                "Give the requester's name as personal data of the data subject (kind Name).");
        DateOnly? disclosureReceivedOn = null;
        if (articles.RequestWindow is { } window)
        {
            disclosureReceivedOn = DisclosureReceivedOn;
            if (DisclosureCaseId is { } linked)
            {
                if (disclosureCase is not { Kind: RequestKind.Disclosure, DisclosedOn: { } disclosedOn } || disclosureCase.DataSubjectId != DataSubjectId)
                    throw CaseRefusal.Of(Rules.RequestNeedsDisclosure, articles.Request with { Paragraph = 1 },
                        $"Case {linked} is not a disclosure of this person's information that has been carried out.");
                disclosureReceivedOn = disclosedOn;
            }
            if (disclosureReceivedOn is not { } received)
                throw CaseRefusal.Of(Rules.RequestNeedsDisclosure, articles.Request with { Paragraph = 1 });
            if (received > receivedOn)
                throw CaseRefusal.Of(Rules.RequestNeedsDisclosure, articles.Request with { Paragraph = 1 }, $"The disclosure is dated {received:yyyy-MM-dd}, after the request.");
            var due = CaseClocks.Window(profile, articles.RequestWindowClock!, received);
            if (due is not null && receivedOn > due.DueDate.ToDateOnly())
                throw CaseRefusal.Of(Rules.RequestWindowPassed, window,
                    $"The disclosure was received on {received:yyyy-MM-dd}; the request had to be made by {due.DueDate:yyyy-MM-dd} and was received on {receivedOn:yyyy-MM-dd}.");
        }
        return [new RequestReceived(caseId, Kind, profile.Id, RequesterType, DataSubjectId, PersonalData.In(Requester, caseId), [.. (RecordIds ?? []).Distinct()],
            PersonalText.About(caseId, Requester.Select(r => r.DataSubjectId).Prepend(DataSubjectId), InformationSought)!, DisclosureCaseId, disclosureReceivedOn, context)];
    }
}

/// <summary>Base of the commands on an open request case.</summary>
public abstract record CaseCommand : StreamCommand
{
    public Guid CaseId { get; init; }

    public override Guid StreamId => CaseId;

    public IReadOnlyList<ILedgerEvent> Decide(RequestCase c, CaseInputs inputs, DateTimeOffset now)
    {
        var articles = CaseArticles.For(c.Kind);
        if (c.Status == CaseStatus.Withdrawn) throw CaseRefusal.Of(Rules.CaseWithdrawn, articles.Request);
        var events = DecideOnCase(c, articles, inputs, now);
        foreach (var e in events) Chronology.NotBefore(e.Context, c.ReceivedAt, "receipt of the request");
        return events;
    }

    protected abstract IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now);

    protected EventContext Context(DateTimeOffset now, ArticleRef article, string statement) => ContextAt(now, LegalGround.Of(article, statement));

    protected static void RefuseAfterDecision(RequestCase c, CaseArticles articles)
    {
        if (c.Status == CaseStatus.Decided) throw CaseRefusal.Of(Rules.AlreadyDecided, articles.Decision);
    }

    protected static void RequireDisclosingDecision(RequestCase c)
    {
        if (c.Kind != RequestKind.Disclosure || c.Outcome?.Discloses() != true)
            throw CaseRefusal.Of(Rules.NothingToDisclose, ArticleRef.Ordinance(28));
    }
}

/// <summary>本人確認 (Art. 19(2), 32(2), 39(2)).</summary>
public sealed record VerifyRequesterIdentity : CaseCommand
{
    /// <summary>The kind of document shown (運転免許証, 旅券, ...), not its number.</summary>
    public string IdentityDocument { get; init; } = "";
    /// <summary>For an agent: the document showing the agency (戸籍謄本, 委任状, ...).</summary>
    public string? AgencyDocument { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, IdentityDocument, nameof(IdentityDocument), "本人確認書類", "identity document", 200);

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        RefuseAfterDecision(c, articles);
        if (c.RequesterType != RequesterType.Self && string.IsNullOrWhiteSpace(AgencyDocument))
            throw CaseRefusal.Of(Rules.AgencyNotShown, articles.IdentityCheck, $"The request was made by a {c.RequesterType}.");
        return [new RequesterIdentityVerified(c.Id, IdentityDocument.Trim(), AgencyDocument?.Trim(),
            Context(now, articles.IdentityCheck, "本人確認 / identity checked"))];
    }
}

/// <summary>補正を求める (Art. 19(3), 32(3), 39(3)).</summary>
public sealed record RequestFormCorrection : CaseCommand
{
    [PersonalText]
    public string Deficiency { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Deficiency, nameof(Deficiency), "形式上の不備の内容", "deficiency in form", 2000);

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        RefuseAfterDecision(c, articles);
        if (c.FormCorrectionIsPending) throw CaseRefusal.Of(Rules.FormCorrectionPending, articles.FormCorrection);
        return [new FormCorrectionRequested(c.Id, PersonalText.About(c.Id, c.PersonIds, Deficiency)!, Context(now, articles.FormCorrection, "補正の求め / correction of form requested"))];
    }
}

/// <summary>The requester completed the correction of form.</summary>
public sealed record CompleteFormCorrection : CaseCommand
{
    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        if (!c.FormCorrectionIsPending) throw CaseRefusal.Of(Rules.NoFormCorrectionPending, articles.FormCorrection);
        return [new FormCorrectionCompleted(c.Id, Context(now, articles.FormCorrection, "補正の完了 / correction of form completed"))];
    }
}

/// <summary>期限の延長 (Art. 25(2), 35(2), 42(2)), notified in writing with the reason and the new period.</summary>
public sealed record ExtendDecisionPeriod : CaseCommand
{
    public int Days { get; init; }
    /// <summary>延長の理由 (e.g. 事務処理上の困難).</summary>
    public string Reason { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Days < 1) errors.Add(new FieldError(nameof(Days), "延長日数は1日以上で入力してください。", "The extension must be at least 1 day."));
        Fields.RequireText(errors, Reason, nameof(Reason), "延長の理由", "reason for the extension", 2000);
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        RefuseAfterDecision(c, articles);
        var clock = inputs.Profile.Clocks.GetValueOrDefault(articles.DecisionClock);
        if (clock is not { MaxExtensionDays: > 0 })
            throw CaseRefusal.Of(Rules.ExtensionNotProvided, articles.Extension, $"Jurisdiction {inputs.Profile.Id} provides no extension of the {articles.DecisionClock} clock.");
        if (c.ExtensionDays + Days > clock.MaxExtensionDays)
            throw CaseRefusal.Of(Rules.ExtensionTooLong, articles.Extension,
                $"Already extended by {c.ExtensionDays} days; {Days} more would make {c.ExtensionDays + Days}, over the {clock.MaxExtensionDays} days allowed.");
        var today = JapanDate.Of(OccurredAt ?? now);
        var current = CaseClocks.Decision(c, inputs.Profile, c.ExtensionDays, today)!;
        if (today > current.DueDate.ToDateOnly())
            throw CaseRefusal.Of(Rules.ExtensionAfterPeriod, articles.Extension, $"The period ended on {current.DueDate:yyyy-MM-dd}.");
        var extended = CaseClocks.Decision(c, inputs.Profile, c.ExtensionDays + Days, today)!;
        return [new DecisionPeriodExtended(c.Id, Days, Reason.Trim(), extended.DueDate.ToDateOnly(),
            Context(now, articles.Extension, $"決定期限の延長（{Days}日）/ decision period extended by {Days} days"))];
    }
}

/// <summary>期限の特例の通知 (Art. 26(1), 36(1), 43(1)).</summary>
public sealed record NotifySpecialDeadline : CaseCommand
{
    public string Reason { get; init; } = "";
    /// <summary>The date by which the rest (disclosure) or the decision (correction, suspension) will be made.</summary>
    public DateOnly StatedDueDate { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireText(errors, Reason, nameof(Reason), "特例を適用する理由", "reason for the special deadline", 2000);
        if (StatedDueDate == default) errors.Add(Fields.Required(nameof(StatedDueDate), "決定等をする期限", "stated due date"));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        RefuseAfterDecision(c, articles);
        // Where the jurisdiction's profile has no clock for the substantial part (Art. 26) or no decision clock, it has no special deadline.
        if (!inputs.Profile.Clocks.ContainsKey(articles.DecisionClock) || (c.Kind == RequestKind.Disclosure && !inputs.Profile.Clocks.ContainsKey(ClockIds.LargeVolumePortion)))
            throw CaseRefusal.Of(Rules.SpecialDeadlineNotProvided, articles.SpecialDeadline, $"Jurisdiction {inputs.Profile.Id} provides no such clock.");
        var today = JapanDate.Of(OccurredAt ?? now);
        // "同条第1項に規定する期間内に": the ordinary period, with its pauses but without an extension.
        var ordinary = CaseClocks.Decision(c, inputs.Profile, 0, today)!.DueDate.ToDateOnly();
        if (today > ordinary)
            throw CaseRefusal.Of(Rules.SpecialDeadlineNoticeLate, articles.SpecialDeadline, $"The ordinary period ended on {ordinary:yyyy-MM-dd}.");
        var current = CaseClocks.Decision(c, inputs.Profile, c.ExtensionDays, today)!.DueDate.ToDateOnly();
        if (StatedDueDate <= current)
            throw CaseRefusal.Of(Rules.SpecialDeadlineBeforeOrdinary, articles.SpecialDeadline with { Item = 2 },
                $"The stated date {StatedDueDate:yyyy-MM-dd} is not after the deadline already running ({current:yyyy-MM-dd}).");
        return [new SpecialDeadlineNotified(c.Id, Reason.Trim(), StatedDueDate,
            Context(now, articles.SpecialDeadline, "決定期限の特例の通知 / special deadline notified"))];
    }
}

/// <summary>Days on which neither chair nor vice-chair held office (Art. 26(2), 36(2), 43(2)).</summary>
public sealed record RecordChairVacancy : CaseCommand
{
    public DateOnly FirstDay { get; init; }
    public DateOnly LastDay { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (FirstDay == default) errors.Add(Fields.Required(nameof(FirstDay), "欠けていた最初の日", "first day of the vacancy"));
        if (LastDay == default) errors.Add(Fields.Required(nameof(LastDay), "欠けていた最後の日", "last day of the vacancy"));
        if (FirstDay != default && LastDay != default && LastDay < FirstDay)
            errors.Add(new FieldError(nameof(LastDay), "最後の日が最初の日より前です。", "The last day is before the first day."));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        RefuseAfterDecision(c, articles);
        return [new ChairVacancyRecorded(c.Id, FirstDay, LastDay, Context(now, articles.ChairVacancy, "議長及び副議長がともに欠けている期間 / chair and vice-chair both absent"))];
    }
}

/// <summary>意見書提出の機会の付与 (Art. 27(1) discretionary, 27(2) mandatory).</summary>
public sealed record NotifyThirdParty : CaseCommand
{
    public Guid ThirdPartyId { get; init; }
    public bool Mandatory { get; init; }
    /// <summary>The third party's name and address, as personal data of the third party.</summary>
    public IReadOnlyList<PersonalData> ThirdParty { get; init; } = [];

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireId(errors, ThirdPartyId, nameof(ThirdPartyId), "第三者ID", "third party id");
        Fields.CheckPersonalData(errors, ThirdParty, nameof(ThirdParty));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        if (c.Kind != RequestKind.Disclosure) throw CaseRefusal.Of(Rules.ThirdPartyOnlyForDisclosure, ArticleRef.Ordinance(27, 1));
        if (c.Status == CaseStatus.Decided || c.PortionDecidedOn is not null)
            throw CaseRefusal.Of(Rules.ThirdPartyNoticeAfterDecision, ArticleRef.Ordinance(27, Mandatory ? 2 : 1));
        return [new ThirdPartyNotified(c.Id, ThirdPartyId, Mandatory, PersonalData.In(ThirdParty, c.Id),
            Context(now, ArticleRef.Ordinance(27, Mandatory ? 2 : 1), "第三者への意見書提出の機会の付与 / third party given the opportunity to submit an opinion"))];
    }
}

/// <summary>The third party's opinion (意見書), with or without objection (反対意見書, Art. 27(3)).</summary>
public sealed record ReceiveThirdPartyOpinion : CaseCommand
{
    public Guid ThirdPartyId { get; init; }
    public bool ObjectsToDisclosure { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireId(errors, ThirdPartyId, nameof(ThirdPartyId), "第三者ID", "third party id");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        if (c.ThirdParties.All(t => t.ThirdPartyId != ThirdPartyId)) throw CaseRefusal.Of(Rules.ThirdPartyNotNotified, ArticleRef.Ordinance(27, 3));
        return [new ThirdPartyOpinionReceived(c.Id, ThirdPartyId, ObjectsToDisclosure,
            Context(now, ArticleRef.Ordinance(27, 3), ObjectsToDisclosure ? "反対意見書の提出 / objection received" : "意見書の提出 / opinion received"))];
    }
}

/// <summary>開示決定等・訂正決定等・利用停止決定等 and the written notice (Art. 24, 34, 41), or a dismissal.</summary>
public sealed record DecideRequest : CaseCommand
{
    public CaseOutcome Outcome { get; init; }
    public DecisionScope Scope { get; init; } = DecisionScope.Whole;
    /// <summary>The reasons given in the notice (for a refusal, the non-disclosure grounds of Art. 20 and so on).</summary>
    [PersonalText]
    public string Reasons { get; init; } = "";
    /// <summary>The decision's document number (決定通知書の文書番号).</summary>
    public string DecisionReference { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Outcome, nameof(Outcome), "決定の内容", "outcome");
        Fields.RequireDefined(errors, Scope, nameof(Scope), "決定の範囲", "scope");
        Fields.RequireText(errors, Reasons, nameof(Reasons), "決定の理由", "reasons", 4000);
        Fields.RequireText(errors, DecisionReference, nameof(DecisionReference), "決定通知書の文書番号", "decision reference", 200);
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        RefuseAfterDecision(c, articles);
        if (!Outcome.BelongsTo(c.Kind))
            throw CaseRefusal.Of(Rules.OutcomeNotForKind, articles.Decision, $"A {articles.NameEn} is decided as one of: {string.Join(", ", CaseOutcomes.For(c.Kind))}.");
        if (Outcome != CaseOutcome.Dismissed)
        {
            if (!c.IdentityVerified) throw CaseRefusal.Of(Rules.IdentityNotVerified, articles.IdentityCheck);
            if (c.FormCorrectionIsPending) throw CaseRefusal.Of(Rules.FormCorrectionPending, articles.FormCorrection);
        }
        switch (Scope)
        {
            case DecisionScope.SubstantialPortion when c.Kind != RequestKind.Disclosure || c.SpecialDueDate is null || c.PortionDecidedOn is not null:
            case DecisionScope.Remainder when c.PortionDecidedOn is null:
                throw CaseRefusal.Of(Rules.PortionWithoutSpecialDeadline, ArticleRef.Ordinance(26, 1));
        }
        // A decision after its deadline is still recorded: the ledger keeps what happened, and the deadline view shows it as met late.
        return [new RequestDecided(c.Id, Outcome, Scope, PersonalText.About(c.Id, c.PersonIds, Reasons)!, DecisionReference.Trim(),
            Context(now, Outcome == CaseOutcome.Dismissed ? articles.Request : articles.Decision, $"決定 {Outcome} / decided: {Outcome}"))];
    }
}

/// <summary>The decision notice reached the requester (the day the Art. 28(4) period counts from).</summary>
public sealed record RecordDecisionNoticeDelivery : CaseCommand
{
    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        if (c.Outcome is null) throw CaseRefusal.Of(Rules.NotYetDecided, articles.Decision);
        return [new DecisionNoticeDelivered(c.Id, Context(now, articles.Decision, "決定通知の到達 / decision notice delivered"))];
    }
}

/// <summary>Art. 27(3) 後段: tells the objecting third party the decision, its reasons and the day of disclosure.</summary>
public sealed record NotifyObjectorOfDisclosure : CaseCommand
{
    public Guid ThirdPartyId { get; init; }
    public DateOnly DisclosureDate { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireId(errors, ThirdPartyId, nameof(ThirdPartyId), "第三者ID", "third party id");
        if (DisclosureDate == default) errors.Add(Fields.Required(nameof(DisclosureDate), "開示を実施する日", "disclosure date"));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        RequireDisclosingDecision(c);
        if (c.ThirdParties.FirstOrDefault(t => t.ThirdPartyId == ThirdPartyId) is not { Objects: true })
            throw CaseRefusal.Of(Rules.ThirdPartyNotNotified, ArticleRef.Ordinance(27, 3), "Only a third party who objected is told the day of disclosure.");
        RefuseBeforeInterval(c, inputs, DisclosureDate);
        return [new ObjectorNotifiedOfDisclosure(c.Id, ThirdPartyId, DisclosureDate,
            Context(now, ArticleRef.Ordinance(27, 3), "反対意見書提出者への開示実施日の通知 / objector told the day of disclosure"))];
    }

    internal static void RefuseBeforeInterval(RequestCase c, CaseInputs inputs, DateOnly disclosureDay)
    {
        if (c.ObjectionIntervalFrom is not { } from) return;
        var earliest = CaseClocks.Window(inputs.Profile, ClockIds.ThirdPartyObjection, from);
        if (earliest is not null && disclosureDay < earliest.DueDate.ToDateOnly())
            throw CaseRefusal.Of(Rules.DisclosureBeforeObjectionInterval, ArticleRef.Ordinance(27, 3),
                $"Decided (or ruled) on {from:yyyy-MM-dd}; the earliest day of disclosure is {earliest.DueDate:yyyy-MM-dd}, not {disclosureDay:yyyy-MM-dd}.");
    }
}

/// <summary>開示の実施の方法等の申出 (Art. 28(3)-(4)).</summary>
public sealed record RequestDisclosureMethod : CaseCommand
{
    public DisclosureMethod Method { get; init; }
    /// <summary>Art. 28(4) proviso: the justified reason for stating the method after the 30 days.</summary>
    [PersonalText]
    public string? LateReason { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireDefined(errors, Method, nameof(Method), "開示の実施の方法", "method of disclosure");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        RequireDisclosingDecision(c);
        var today = JapanDate.Of(OccurredAt ?? now);
        if (c.NoticeDeliveredOn is { } delivered && string.IsNullOrWhiteSpace(LateReason)
            && CaseClocks.Window(inputs.Profile, ClockIds.DisclosureMethodRequest, delivered) is { } due && today > due.DueDate.ToDateOnly())
            throw CaseRefusal.Of(Rules.MethodRequestLate, ArticleRef.Ordinance(28, 4), $"The notice was received on {delivered:yyyy-MM-dd}; the period ended on {due.DueDate:yyyy-MM-dd}.");
        return [new DisclosureMethodRequested(c.Id, Method, string.IsNullOrWhiteSpace(LateReason) ? null : PersonalText.About(c.Id, c.PersonIds, LateReason),
            Context(now, ArticleRef.Ordinance(28, 3), "開示の実施の方法等の申出 / method of disclosure stated"))];
    }
}

/// <summary>
/// 開示の実施 (Art. 28(1)). Refused before the decision notice of Art. 24(1) has reached the requester
/// (<see cref="Rules.DecisionNoticeNotDelivered"/>) and before the requester has stated the method under Art. 28(3)
/// (<see cref="Rules.DisclosureMethodNotStated"/>); then, over an objection, before the Art. 27(3) interval has run.
/// </summary>
public sealed record ImplementDisclosure : CaseCommand
{
    public DisclosureMethod Method { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireDefined(errors, Method, nameof(Method), "開示の実施の方法", "method of disclosure");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        RequireDisclosingDecision(c);
        if (c.NoticeDeliveredOn is null) throw CaseRefusal.Of(Rules.DecisionNoticeNotDelivered, ArticleRef.Ordinance(24, 1));
        if (c.MethodRequestedOn is null) throw CaseRefusal.Of(Rules.DisclosureMethodNotStated, ArticleRef.Ordinance(28, 3));
        NotifyObjectorOfDisclosure.RefuseBeforeInterval(c, inputs, JapanDate.Of(OccurredAt ?? now));
        return [new DisclosureImplemented(c.Id, Method, Context(now, ArticleRef.Ordinance(28, 1), "開示の実施 / disclosure carried out"))];
    }
}

/// <summary>The cost of copies (Art. 30(2)); the disclosure itself is free (30(1)).</summary>
public sealed record ChargeCopyCost : CaseCommand
{
    public int MonochromePages { get; init; }
    public int ColourPages { get; init; }
    public int AmountYen { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (MonochromePages < 0 || ColourPages < 0 || MonochromePages + ColourPages == 0 || MonochromePages + ColourPages > 1_000_000)
            errors.Add(new FieldError(nameof(MonochromePages), "写しの枚数（単色・カラー）を正しく入力してください。", "Give the number of copied pages (monochrome and colour), at least one."));
        if (AmountYen is < 0 or > 100_000_000)
            errors.Add(new FieldError(nameof(AmountYen), "費用の額が不正です。", "The amount must be between 0 and 100,000,000 yen."));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        RequireDisclosingDecision(c);
        return [new CopyCostCharged(c.Id, MonochromePages, ColourPages, AmountYen, Context(now, ArticleRef.Ordinance(30, 2), "写しの交付に要する費用 / cost of copies"))];
    }
}

/// <summary>Art. 37: tells the recipients of a corrected record of the correction; the recipients come from the record's provisions.</summary>
public sealed record NotifyProvisionRecipients : CaseCommand
{
    public Guid RecordId { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireId(errors, RecordId, nameof(RecordId), "保有個人情報ID", "record id");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        if (c.Kind != RequestKind.Correction || c.Outcome != CaseOutcome.Corrected || !c.RecordIds.Contains(RecordId) || inputs.Record is null)
            throw CaseRefusal.Of(Rules.RecipientNoticeNeedsCorrection, ArticleRef.Ordinance(37));
        if (inputs.Record.ActiveRecipients.Count == 0) throw CaseRefusal.Of(Rules.NoProvisionRecipients, ArticleRef.Ordinance(37));
        return [new ProvisionRecipientsNotified(c.Id, RecordId, [.. inputs.Record.ActiveRecipients],
            Context(now, ArticleRef.Ordinance(37), "提供先への訂正の通知 / recipients told of the correction"))];
    }
}

/// <summary>取下げ: the requester withdraws before a decision.</summary>
public sealed record WithdrawRequest : CaseCommand
{
    [PersonalText]
    public string Reason { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Reason, nameof(Reason), "取下げの理由", "reason for the withdrawal", 2000);

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        RefuseAfterDecision(c, articles);
        return [new RequestWithdrawn(c.Id, PersonalText.About(c.Id, c.PersonIds, Reason)!, Context(now, articles.Request, "請求の取下げ / request withdrawn"))];
    }
}
