namespace AuditLedger.Domain.Reviews;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Common;

/// <summary>What the review request is against (Art. 44, 45(1)): a decision, or the failure to decide.</summary>
public enum ReviewTarget
{
    /// <summary>開示決定等・訂正決定等・利用停止決定等.</summary>
    Decision,
    /// <summary>不作為.</summary>
    Inaction,
}

/// <summary>Art. 45(1)(1)-(4): the cases in which the chair rules without consulting the board.</summary>
public enum ConsultationException
{
    /// <summary>(1) 審査請求が不適法であり、却下する場合.</summary>
    UnlawfulRequestDismissed = 1,
    /// <summary>(2) 全部認容し全部を開示する場合（反対意見書が提出されている場合を除く）.</summary>
    FullDisclosure = 2,
    /// <summary>(3) 全部認容し訂正をする場合.</summary>
    FullCorrection = 3,
    /// <summary>(4) 全部認容し利用停止をする場合.</summary>
    FullSuspension = 4,
}

/// <summary>The parties told of a consultation (Art. 45(2)(1)-(3)).</summary>
public enum ConsultationParty
{
    /// <summary>(1) 審査請求人及び参加人.</summary>
    AppellantOrParticipant = 1,
    /// <summary>(2) 開示請求者、訂正請求者又は利用停止請求者.</summary>
    Requester = 2,
    /// <summary>(3) 反対意見書を提出した第三者.</summary>
    ObjectingThirdParty = 3,
}

/// <summary>裁決.</summary>
public enum ReviewOutcome
{
    /// <summary>却下.</summary>
    Dismissed,
    /// <summary>棄却.</summary>
    Rejected,
    /// <summary>全部認容.</summary>
    UpheldInFull,
    /// <summary>一部認容.</summary>
    UpheldInPart,
}

// ---- events ----

/// <summary>審査請求 (Art. 44): against the decision or inaction on a request case.</summary>
public sealed record ReviewRequested(
    Guid ReviewId, Guid CaseId, RequestKind CaseKind, string JurisdictionId, ReviewTarget Target, bool ByThirdParty,
    IReadOnlyList<PersonalData> Appellant, PersonalText Summary, EventContext Context) : ILedgerEvent;

/// <summary>諮問 (Art. 45(1)).</summary>
public sealed record BoardConsulted(Guid ReviewId, string ConsultationReference, EventContext Context) : ILedgerEvent;

public sealed record ConsultationExceptionApplied(Guid ReviewId, ConsultationException Exception, EventContext Context) : ILedgerEvent;

/// <summary>諮問をした旨の通知 (Art. 45(2)).</summary>
public sealed record ConsultationPartiesNotified(Guid ReviewId, IReadOnlyList<ConsultationParty> Parties, EventContext Context) : ILedgerEvent;

/// <summary>答申.</summary>
public sealed record BoardReportReceived(Guid ReviewId, PersonalText Conclusion, EventContext Context) : ILedgerEvent;

/// <summary>裁決. <paramref name="DisclosureOverObjection"/>: Art. 46 applies the Art. 27(3) interval from the ruling.</summary>
public sealed record ReviewRuled(Guid ReviewId, ReviewOutcome Outcome, PersonalText Reasons, bool DisclosureOverObjection, EventContext Context) : ILedgerEvent;

/// <summary>A review request as it stands.</summary>
public sealed class ReviewCase : IEvolvingState<ReviewCase>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The persons the review names (the appellant and the persons of its request case): its free text is sealed under all their keys.</summary>
    public List<Guid> PersonIds { get; set; } = [];
    public RequestKind CaseKind { get; set; }
    public string JurisdictionId { get; set; } = "";
    public ReviewTarget Target { get; set; }
    public bool ByThirdParty { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateOnly? ConsultedOn { get; set; }
    public ConsultationException? Exception { get; set; }
    public List<ConsultationParty> PartiesNotified { get; set; } = [];
    public DateOnly? ReportReceivedOn { get; set; }
    public ReviewOutcome? Outcome { get; set; }
    public DateOnly? RuledOn { get; set; }

    public static ReviewCase? Evolve(ReviewCase? state, object @event)
    {
        if (@event is ReviewRequested e0)
            return new ReviewCase
            {
                Id = e0.ReviewId, CaseId = e0.CaseId, CaseKind = e0.CaseKind, JurisdictionId = e0.JurisdictionId,
                Target = e0.Target, ByThirdParty = e0.ByThirdParty, RequestedAt = e0.Context.OccurredAt,
                PersonIds = [.. e0.Summary.DataSubjectIds],
            };
        if (state is null || @event is not ILedgerEvent ledgerEvent) return state;
        var day = JapanDate.Of(ledgerEvent.Context.OccurredAt);
        switch (@event)
        {
            case BoardConsulted:
                state.ConsultedOn = day;
                break;
            case ConsultationExceptionApplied e:
                state.Exception = e.Exception;
                break;
            case ConsultationPartiesNotified e:
                state.PartiesNotified.AddRange(e.Parties.Except(state.PartiesNotified));
                break;
            case BoardReportReceived:
                state.ReportReceivedOn = day;
                break;
            case ReviewRuled e:
                state.Outcome = e.Outcome;
                state.RuledOn = day;
                break;
        }
        return state;
    }
}
