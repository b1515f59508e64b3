namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Common;

/// <summary>How the information was obtained (Art. 5, 7).</summary>
public enum AcquisitionSource
{
    /// <summary>Directly from the person, recorded in writing (本人から直接書面に記録された…取得): Art. 5 applies.</summary>
    FromThePersonInWriting,
    /// <summary>From the person, not in writing (e.g. orally).</summary>
    FromThePersonOtherwise,
    /// <summary>From someone other than the person.</summary>
    FromAThirdParty,
    /// <summary>From another public body.</summary>
    FromAPublicBody,
}

/// <summary>Whether the purpose was stated to the person in advance, or which Art. 5 exception applied.</summary>
public enum PurposeStatement
{
    /// <summary>Art. 5 main clause: the purpose was stated to the person in advance (利用目的の明示).</summary>
    StatedInAdvance,
    /// <summary>Art. 5(1): urgently needed to protect life, body or property.</summary>
    Exception1UrgentProtection,
    /// <summary>Art. 5(2): stating it would harm the person or a third party.</summary>
    Exception2HarmToPersons,
    /// <summary>Art. 5(3): stating it would impede the work of a public body.</summary>
    Exception3ImpedesPublicWork,
    /// <summary>Art. 5(4): the purpose is evident from the circumstances.</summary>
    Exception4EvidentFromCircumstances,
    /// <summary>Art. 5 does not apply: not obtained from the person in writing.</summary>
    NotApplicable,
}

/// <summary>Processing form: ordinary, pseudonymised (Art. 2(7)) or anonymised (Art. 2(8)).</summary>
public enum ProcessingForm
{
    Ordinary,
    /// <summary>仮名加工情報, Art. 2(7).</summary>
    Pseudonymised,
    /// <summary>匿名加工情報, Art. 2(8).</summary>
    Anonymised,
}

/// <summary>The categories of Art. 2 that change what may be done with a record.</summary>
public sealed record InformationCategories(
    bool SpecialCareRequired,          // 要配慮個人情報, Art. 2(3)
    bool SpecificPersonalInformation,  // 特定個人情報 (My Number), Art. 2(10)
    ProcessingForm Form)
{
    public static readonly InformationCategories Ordinary = new(false, false, ProcessingForm.Ordinary);
}

/// <summary>Who receives a provision. The kinds are those of Art. 12(2)(1) and (3), plus contractors (Art. 15(1)).</summary>
public enum RecipientKind
{
    ThePerson,
    Mayor,
    BoardOfEducation,
    ElectionCommission,
    AuditCommissioners,
    FixedAssetReviewCommittee,
    FireChief,
    OtherLocalPublicBody,
    LocalIncorporatedAdministrativeAgency,
    NationalAdministrativeOrgan,
    IncorporatedAdministrativeAgency,
    /// <summary>A contractor handling the information on the council's behalf (委託先, Art. 9(2), 15(1)).</summary>
    Contractor,
    Other,
}

/// <summary>A recipient of a provision: an organisation name (not a person's name; for the person, use <see cref="RecipientKind.ThePerson"/>).</summary>
public sealed record Recipient(string Name, RecipientKind Kind);

public enum ErasureReason
{
    /// <summary>Executing a decision to erase (消去) under Art. 40.</summary>
    ErasureDecision,
    /// <summary>No longer needed for the purpose (Art. 4(2); Nagareyama: 必要のなくなった個人情報は、確実かつ速やかに廃棄).</summary>
    NoLongerNeeded,
}

public enum RecordStatus
{
    Held,
    UseSuspended,
    Erased,
}

// ---- events ----

public sealed record RecordAcquired(
    Guid RecordId, Guid FileId, Guid DataSubjectId, string PurposeOfUse, AcquisitionSource Source,
    PurposeStatement PurposeStatement, InformationCategories Categories, IReadOnlyList<PersonalData> PersonalData, EventContext Context) : ILedgerEvent
{
    /// <summary>Why it was acquired from someone other than the person, where the jurisdiction collects from the person as a rule.</summary>
    public string? CollectionExceptionGround { get; init; }
    /// <summary>The jurisdiction's categories not collected as a rule that the record holds (profile codes); empty for most.</summary>
    public IReadOnlyList<string> SensitiveCategories { get; init; } = [];
    /// <summary>Why a record of such a category was acquired all the same.</summary>
    public string? SensitiveCategoryExceptionGround { get; init; }
}

public sealed record RecordPurposeChanged(Guid RecordId, string PreviousPurpose, string NewPurpose, string ReasonableRelation, EventContext Context) : ILedgerEvent;

public sealed record RecordUsedOutsidePurpose(
    Guid RecordId, string Purpose, UseGround Ground, string GroundDetail, bool NoUnjustInfringementConfirmed, string? RestrictedTo, EventContext Context) : ILedgerEvent;

public sealed record RecordProvided(
    Guid RecordId, Recipient Recipient, string Purpose, UseGround Ground, string GroundDetail,
    IReadOnlyList<string> SafeguardsRequested, bool NoUnjustInfringementConfirmed, EventContext Context) : ILedgerEvent;

public sealed record RecordCorrected(
    Guid RecordId, string DecisionReference, IReadOnlyList<PersonalData> Correction, IReadOnlyList<Recipient> RecipientsToNotify, EventContext Context) : ILedgerEvent;

public sealed record RecordUseSuspended(Guid RecordId, string DecisionReference, EventContext Context) : ILedgerEvent;

public sealed record RecordProvisionStopped(Guid RecordId, string DecisionReference, Recipient Recipient, EventContext Context) : ILedgerEvent;

public sealed record RecordErased(Guid RecordId, ErasureReason Reason, string? DecisionReference, string Method, EventContext Context) : ILedgerEvent;

/// <summary>A retained record (保有個人情報, Art. 2(4)) as it stands. Holds no personal data itself.</summary>
public sealed class RetainedRecord : IEvolvingState<RetainedRecord>
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid FileId { get; set; }
    public Guid DataSubjectId { get; set; }
    public string PurposeOfUse { get; set; } = "";
    public InformationCategories Categories { get; set; } = InformationCategories.Ordinary;
    public RecordStatus Status { get; set; }
    public DateTimeOffset AcquiredAt { get; set; }
    public DateTimeOffset? ErasedAt { get; set; }
    public int PurposeExternalUses { get; set; }
    public int Corrections { get; set; }

    /// <summary>Recipients with an active (not stopped) provision: those Art. 37 notices go to.</summary>
    public List<Recipient> ActiveRecipients { get; set; } = [];

    /// <summary>
    /// The state after one more event: a pure function, used by the store's projection and by replays.
    /// Events this state does not know leave it unchanged.
    /// </summary>
    public static RetainedRecord? Evolve(RetainedRecord? state, object @event)
    {
        switch (@event)
        {
            case RecordAcquired e:
                return Started(e);
            case RecordPurposeChanged e:
                state!.On(e);
                break;
            case RecordUsedOutsidePurpose e:
                state!.On(e);
                break;
            case RecordProvided e:
                state!.On(e);
                break;
            case RecordCorrected e:
                state!.On(e);
                break;
            case RecordUseSuspended e:
                state!.On(e);
                break;
            case RecordProvisionStopped e:
                state!.On(e);
                break;
            case RecordErased e:
                state!.On(e);
                break;
        }
        return state;
    }

    private static RetainedRecord Started(RecordAcquired e) => new()
    {
        Id = e.RecordId,
        FileId = e.FileId,
        DataSubjectId = e.DataSubjectId,
        PurposeOfUse = e.PurposeOfUse,
        Categories = e.Categories,
        Status = RecordStatus.Held,
        AcquiredAt = e.Context.OccurredAt,
    };

    private void On(RecordPurposeChanged e) => PurposeOfUse = e.NewPurpose;

    private void On(RecordUsedOutsidePurpose _) => PurposeExternalUses++;

    private void On(RecordProvided e)
    {
        if (!ActiveRecipients.Contains(e.Recipient)) ActiveRecipients.Add(e.Recipient);
    }

    private void On(RecordCorrected _) => Corrections++;

    private void On(RecordUseSuspended _) => Status = RecordStatus.UseSuspended;

    private void On(RecordProvisionStopped e) => ActiveRecipients.Remove(e.Recipient);

    private void On(RecordErased e)
    {
        Status = RecordStatus.Erased;
        ErasedAt = e.Context.OccurredAt;
    }
}
