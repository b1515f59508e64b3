namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Common;

/// <summary>The steps of a business-oversight case, in the order the overview gives them (事業者への啓発等).</summary>
public enum OversightStep
{
    RecordFindings,
    ConsultBoard,
    ReceiveBoardOpinion,
    RecommendCorrection,
    RecordResponse,
    HoldHearing,
    PublishFacts,
    Close,
}

public enum OversightStatus
{
    Open,
    Closed,
}

// ---- events ----

/// <summary>調査の開始: the business (its name is not personal data), its contact persons (personal data, sealed) and the suspicion.</summary>
public sealed record OversightInvestigationOpened(Guid CaseId, string BusinessName, IReadOnlyList<PersonalData> ContactPersons, PersonalText Suspicion,
    string JurisdictionId, EventContext Context) : ILedgerEvent;

/// <summary>調査結果: whether the handling is 著しく不適正.</summary>
public sealed record OversightFindingsRecorded(Guid CaseId, bool SeriouslyImproper, PersonalText Findings, EventContext Context) : ILedgerEvent;

/// <summary>審査会への意見聴取 (round 1: before a recommendation; round 2: before publication).</summary>
public sealed record OversightBoardConsulted(Guid CaseId, int Round, PersonalText Question, EventContext Context) : ILedgerEvent;

/// <summary>審査会の意見.</summary>
public sealed record OversightBoardOpinionReceived(Guid CaseId, int Round, PersonalText Opinion, EventContext Context) : ILedgerEvent;

/// <summary>是正勧告.</summary>
public sealed record CorrectionRecommended(Guid CaseId, PersonalText Recommendation, EventContext Context) : ILedgerEvent;

/// <summary>事業者の対応: whether it followed the recommendation.</summary>
public sealed record BusinessResponseRecorded(Guid CaseId, bool Complied, PersonalText Response, EventContext Context) : ILedgerEvent;

/// <summary>意見の聴取: the business heard before publication.</summary>
public sealed record BusinessHearingHeld(Guid CaseId, PersonalText Statement, EventContext Context) : ILedgerEvent;

/// <summary>公表: the facts published.</summary>
public sealed record OversightFactsPublished(Guid CaseId, PersonalText Publication, EventContext Context) : ILedgerEvent;

/// <summary>事案の終結.</summary>
public sealed record OversightCaseClosed(Guid CaseId, PersonalText Conclusion, EventContext Context) : ILedgerEvent;

/// <summary>A business-oversight case as it stands: no personal data (the contacts' ids only).</summary>
public sealed class OversightCase : IEvolvingState<OversightCase>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public string BusinessName { get; set; } = "";
    public string JurisdictionId { get; set; } = "";
    public OversightStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<Guid> ContactPersonIds { get; set; } = [];
    public bool FindingsRecorded { get; set; }
    public bool SeriouslyImproper { get; set; }
    /// <summary>Consultations of the board so far (1, 2) and the opinions received.</summary>
    public int Consultations { get; set; }
    public int Opinions { get; set; }
    public bool Recommended { get; set; }
    /// <summary>Null until the business's response is recorded.</summary>
    public bool? Complied { get; set; }
    public bool HearingHeld { get; set; }
    public bool Published { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>A consultation whose opinion has not come yet.</summary>
    public bool OpinionPending => Consultations > Opinions;

    public static OversightCase? Evolve(OversightCase? state, object @event)
    {
        switch (@event)
        {
            case OversightInvestigationOpened e:
                return new OversightCase
                {
                    Id = e.CaseId, BusinessName = e.BusinessName, JurisdictionId = e.JurisdictionId, Status = OversightStatus.Open,
                    OpenedAt = e.Context.OccurredAt, ContactPersonIds = [.. e.ContactPersons.Select(c => c.DataSubjectId).Distinct()],
                };
            case OversightFindingsRecorded e:
                state!.FindingsRecorded = true;
                state.SeriouslyImproper = e.SeriouslyImproper;
                break;
            case OversightBoardConsulted e:
                state!.Consultations = e.Round;
                break;
            case OversightBoardOpinionReceived e:
                state!.Opinions = e.Round;
                break;
            case CorrectionRecommended:
                state!.Recommended = true;
                break;
            case BusinessResponseRecorded e:
                state!.Complied = e.Complied;
                break;
            case BusinessHearingHeld:
                state!.HearingHeld = true;
                break;
            case OversightFactsPublished e:
                state!.Published = true;
                state.PublishedAt = e.Context.OccurredAt;
                break;
            case OversightCaseClosed e:
                state!.Status = OversightStatus.Closed;
                state.ClosedAt = e.Context.OccurredAt;
                break;
        }
        return state;
    }
}
