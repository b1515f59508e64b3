namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Records;

/// <summary>Whether a decision covers the whole request or, under the Art. 26 special deadline, a part of it.</summary>
public enum DecisionScope
{
    Whole,
    /// <summary>相当の部分 decided within the 60 days (Art. 26(1)).</summary>
    SubstantialPortion,
    /// <summary>残りの保有個人情報, decided by the date stated in the notice (Art. 26(1)(2)).</summary>
    Remainder,
}

public enum CaseStatus
{
    /// <summary>処理中.</summary>
    Open,
    /// <summary>決定済み.</summary>
    Decided,
    /// <summary>取下げ.</summary>
    Withdrawn,
}

// ---- events: every step the articles name. The day a step happened is the Japanese date of Context.OccurredAt. ----

/// <summary>A request received (Art. 18-19, 31-32, 38-39). The requester's name and address are personal data of the data subject.</summary>
public sealed record RequestReceived(
    Guid CaseId, RequestKind Kind, string JurisdictionId, RequesterType RequesterType, Guid DataSubjectId,
    IReadOnlyList<PersonalData> Requester, IReadOnlyList<Guid> RecordIds, PersonalText InformationSought,
    Guid? DisclosureCaseId, DateOnly? DisclosureReceivedOn, EventContext Context) : ILedgerEvent
{
    /// <summary>How the request reached the office; null in events recorded before the channel was.</summary>
    public RequestChannel? Channel { get; init; }
}

/// <summary>本人確認 (Art. 19(2), 32(2), 39(2)): the document shown, and for an agent the proof of agency.</summary>
public sealed record RequesterIdentityVerified(Guid CaseId, string IdentityDocument, string? AgencyDocument, EventContext Context) : ILedgerEvent;

/// <summary>補正の求め (Art. 19(3), 32(3), 39(3)); the days it takes do not count (Art. 25(1), 35(1), 42(1) proviso).</summary>
public sealed record FormCorrectionRequested(Guid CaseId, PersonalText Deficiency, EventContext Context) : ILedgerEvent;

public sealed record FormCorrectionCompleted(Guid CaseId, EventContext Context) : ILedgerEvent;

/// <summary>期限の延長とその書面通知 (Art. 25(2), 35(2), 42(2)); <paramref name="NewDueDate"/> is the due date after it, as notified.</summary>
public sealed record DecisionPeriodExtended(Guid CaseId, int Days, string Reason, DateOnly NewDueDate, EventContext Context) : ILedgerEvent;

/// <summary>期限の特例の通知 (Art. 26(1), 36(1), 43(1)): the reason and the date by which the rest (or all) will be decided.</summary>
public sealed record SpecialDeadlineNotified(Guid CaseId, string Reason, DateOnly StatedDueDate, EventContext Context) : ILedgerEvent;

/// <summary>Days on which both chair and vice-chair were absent (Art. 26(2), 36(2), 43(2)); they do not count.</summary>
public sealed record ChairVacancyRecorded(Guid CaseId, DateOnly FirstDay, DateOnly LastDay, EventContext Context) : ILedgerEvent;

/// <summary>A third party given the opportunity to submit an opinion: discretionary (Art. 27(1)) or mandatory (27(2)).</summary>
public sealed record ThirdPartyNotified(Guid CaseId, Guid ThirdPartyId, bool Mandatory, IReadOnlyList<PersonalData> ThirdParty, EventContext Context) : ILedgerEvent;

/// <summary>The third party's opinion; an objection (反対意見書) imposes the 2-week interval of Art. 27(3).</summary>
public sealed record ThirdPartyOpinionReceived(Guid CaseId, Guid ThirdPartyId, bool ObjectsToDisclosure, EventContext Context) : ILedgerEvent;

/// <summary>A decision and its written notice (Art. 24, 34, 41), or a dismissal.</summary>
public sealed record RequestDecided(Guid CaseId, CaseOutcome Outcome, DecisionScope Scope, PersonalText Reasons, string DecisionReference, EventContext Context) : ILedgerEvent;

/// <summary>The day the decision notice reached the requester: the Art. 28(4) period counts from it.</summary>
public sealed record DecisionNoticeDelivered(Guid CaseId, EventContext Context) : ILedgerEvent;

/// <summary>Art. 27(3) 後段: the objecting third party told of the decision, its reasons and the day of disclosure.</summary>
public sealed record ObjectorNotifiedOfDisclosure(Guid CaseId, Guid ThirdPartyId, DateOnly DisclosureDate, EventContext Context) : ILedgerEvent;

/// <summary>開示の実施の方法等の申出 (Art. 28(3)-(4)); a late one carries the justified reason of the proviso.</summary>
public sealed record DisclosureMethodRequested(Guid CaseId, DisclosureMethod Method, PersonalText? LateReason, EventContext Context) : ILedgerEvent;

/// <summary>開示の実施 (Art. 28(1)): the requester received the information on this day (the Art. 31(3), 38(3) windows start).</summary>
public sealed record DisclosureImplemented(Guid CaseId, DisclosureMethod Method, EventContext Context) : ILedgerEvent
{
    /// <summary>The decision notice (開示決定通知書) was shown at the disclosure; null where not recorded.</summary>
    public bool? NoticeShown { get; init; }
    /// <summary>The kind of identity document shown at the disclosure (運転免許証, 旅券, ...), not its number.</summary>
    public string? IdentityDocumentShown { get; init; }
}

/// <summary>The cost of copies the requester bears (Art. 30(2)); the disclosure itself is free (30(1)).</summary>
public sealed record CopyCostCharged(Guid CaseId, int MonochromePages, int ColourPages, int AmountYen, EventContext Context) : ILedgerEvent;

/// <summary>Art. 37: the recipients of a corrected record told of the correction, found from the record's provisions.</summary>
public sealed record ProvisionRecipientsNotified(Guid CaseId, Guid RecordId, IReadOnlyList<Recipient> Recipients, EventContext Context) : ILedgerEvent;

/// <summary>取下げ.</summary>
public sealed record RequestWithdrawn(Guid CaseId, PersonalText Reason, EventContext Context) : ILedgerEvent;

/// <summary>A ruling on a review of this case recorded on the case too (Art. 46 may impose the Art. 27(3) interval again).</summary>
public sealed record ReviewRulingApplied(Guid CaseId, Guid ReviewId, ReviewOutcome Outcome, bool DisclosureOverObjection, EventContext Context) : ILedgerEvent;

/// <summary>A 補正 as the clocks see it: requested on one day, completed on another (or not yet).</summary>
public sealed record FormCorrectionSpan(DateOnly RequestedOn, DateOnly? CompletedOn);

public sealed record DaySpan(DateOnly First, DateOnly Last);

public sealed class ThirdPartyInCase
{
    public Guid ThirdPartyId { get; set; }
    public bool Mandatory { get; set; }
    public bool OpinionReceived { get; set; }
    public bool Objects { get; set; }
    public DateOnly? ToldOfDisclosureOn { get; set; }
}

/// <summary>A disclosure, correction or suspension request as it stands: the facts its clocks and refusals are decided from.</summary>
public sealed class RequestCase : IEvolvingState<RequestCase>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public RequestKind Kind { get; set; }
    public string JurisdictionId { get; set; } = "";
    public RequesterType RequesterType { get; set; }
    public Guid DataSubjectId { get; set; }
    /// <summary>The persons the case names (the data subject, the requester's agent, third parties): its free text is sealed under all their keys.</summary>
    public List<Guid> PersonIds { get; set; } = [];
    public List<Guid> RecordIds { get; set; } = [];
    public Guid? DisclosureCaseId { get; set; }
    public DateOnly? DisclosureReceivedOn { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateOnly LastStepOn { get; set; }
    public bool IdentityVerified { get; set; }
    public List<FormCorrectionSpan> FormCorrections { get; set; } = [];
    public List<DaySpan> ChairVacancies { get; set; } = [];
    public int ExtensionDays { get; set; }
    public DateOnly? SpecialDueDate { get; set; }
    public List<ThirdPartyInCase> ThirdParties { get; set; } = [];
    public CaseStatus Status { get; set; }
    public CaseOutcome? Outcome { get; set; }
    public DateOnly? PortionDecidedOn { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public DateOnly? NoticeDeliveredOn { get; set; }
    public DisclosureMethod? RequestedMethod { get; set; }
    public DateOnly? MethodRequestedOn { get; set; }
    public DateOnly? DisclosedOn { get; set; }
    public int CopyCostYen { get; set; }
    public List<Guid> RecipientsNotifiedForRecords { get; set; } = [];
    public DateOnly? WithdrawnOn { get; set; }
    /// <summary>The day from which Art. 27(3) (or 46) counts its interval, when a third party objected; null when none did.</summary>
    public DateOnly? ObjectionIntervalFrom { get; set; }

    public bool FormCorrectionIsPending => FormCorrections.Count > 0 && FormCorrections[^1].CompletedOn is null;

    public bool AnyObjection => ThirdParties.Any(t => t.Objects);

    public static RequestCase? Evolve(RequestCase? state, object @event)
    {
        if (@event is RequestReceived received) return Started(received);
        if (state is null || @event is not ILedgerEvent ledgerEvent) return state;
        var day = JapanDate.Of(ledgerEvent.Context.OccurredAt);
        if (day > state.LastStepOn) state.LastStepOn = day;
        switch (@event)
        {
            case RequesterIdentityVerified:
                state.IdentityVerified = true;
                break;
            case FormCorrectionRequested:
                state.FormCorrections.Add(new FormCorrectionSpan(day, null));
                break;
            case FormCorrectionCompleted:
                state.FormCorrections[^1] = state.FormCorrections[^1] with { CompletedOn = day };
                break;
            case DecisionPeriodExtended e:
                state.ExtensionDays += e.Days;
                break;
            case SpecialDeadlineNotified e:
                state.SpecialDueDate = e.StatedDueDate;
                break;
            case ChairVacancyRecorded e:
                state.ChairVacancies.Add(new DaySpan(e.FirstDay, e.LastDay));
                break;
            case ThirdPartyNotified e:
                state.PersonIds.AddRange(e.ThirdParty.Select(t => t.DataSubjectId).Distinct().Except(state.PersonIds).ToList());
                if (state.ThirdParties.All(t => t.ThirdPartyId != e.ThirdPartyId))
                    state.ThirdParties.Add(new ThirdPartyInCase { ThirdPartyId = e.ThirdPartyId, Mandatory = e.Mandatory });
                break;
            case ThirdPartyOpinionReceived e:
                var party = state.ThirdParties.First(t => t.ThirdPartyId == e.ThirdPartyId);
                party.OpinionReceived = true;
                party.Objects = e.ObjectsToDisclosure;
                break;
            case RequestDecided e:
                state.On(e, day);
                break;
            case DecisionNoticeDelivered:
                state.NoticeDeliveredOn ??= day;
                break;
            case ObjectorNotifiedOfDisclosure e:
                state.ThirdParties.First(t => t.ThirdPartyId == e.ThirdPartyId).ToldOfDisclosureOn = e.DisclosureDate;
                break;
            case DisclosureMethodRequested e:
                state.RequestedMethod = e.Method;
                state.MethodRequestedOn ??= day;
                break;
            case DisclosureImplemented:
                state.DisclosedOn ??= day;
                break;
            case CopyCostCharged e:
                state.CopyCostYen += e.AmountYen;
                break;
            case ProvisionRecipientsNotified e:
                state.RecipientsNotifiedForRecords.Add(e.RecordId);
                break;
            case RequestWithdrawn:
                state.Status = CaseStatus.Withdrawn;
                state.WithdrawnOn = day;
                break;
            case ReviewRulingApplied e:
                // A ruling upholding a review of a refusal changes the decision (変更裁決): the information is now to be disclosed.
                if (state.Kind == RequestKind.Disclosure && e.Outcome is ReviewOutcome.UpheldInFull or ReviewOutcome.UpheldInPart && state.Outcome?.Discloses() != true)
                    state.Outcome = e.Outcome == ReviewOutcome.UpheldInFull ? CaseOutcome.DisclosedInFull : CaseOutcome.DisclosedInPart;
                if (e.DisclosureOverObjection) state.ObjectionIntervalFrom = day;
                break;
        }
        return state;
    }

    private static RequestCase Started(RequestReceived e) => new()
    {
        Id = e.CaseId,
        Kind = e.Kind,
        JurisdictionId = e.JurisdictionId,
        RequesterType = e.RequesterType,
        DataSubjectId = e.DataSubjectId,
        PersonIds = [.. e.Requester.Select(r => r.DataSubjectId).Prepend(e.DataSubjectId).Distinct()],
        RecordIds = [.. e.RecordIds],
        DisclosureCaseId = e.DisclosureCaseId,
        DisclosureReceivedOn = e.DisclosureReceivedOn,
        ReceivedAt = e.Context.OccurredAt,
        ReceivedOn = JapanDate.Of(e.Context.OccurredAt),
        LastStepOn = JapanDate.Of(e.Context.OccurredAt),
        Status = CaseStatus.Open,
    };

    private void On(RequestDecided e, DateOnly day)
    {
        // After a portion, the case's outcome is the more disclosing of the two decisions.
        if (Outcome is null || !Outcome.Value.Discloses()) Outcome = e.Outcome;
        if (e.Outcome.Discloses() && AnyObjection) ObjectionIntervalFrom = day;
        if (e.Scope == DecisionScope.SubstantialPortion)
        {
            PortionDecidedOn = day;
            return;
        }
        DecidedOn = day;
        Status = CaseStatus.Decided;
    }
}
