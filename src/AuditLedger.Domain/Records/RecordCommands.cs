namespace AuditLedger.Domain.Records;

using System.Text;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Records the acquisition (取得) of a retained record into a registered file (Art. 4, 5, 7).</summary>
public sealed record AcquireRecord : LedgerCommand
{
    /// <summary>Optional id chosen by the caller; generated when absent.</summary>
    public Guid? RecordId { get; init; }
    public Guid FileId { get; init; }
    /// <summary>The opaque id of the person the record is about (本人).</summary>
    public Guid DataSubjectId { get; init; }
    /// <summary>
    /// The file's registered purpose the record is held for, by its number in the file's list (1 = the first; Art. 17(1)(3)).
    /// </summary>
    public int? PurposeNumber { get; init; }
    /// <summary>
    /// The purpose by its text, for imports that carry it: it must be one of the file's registered purposes, compared after
    /// trimming and Unicode NFC normalisation. With <see cref="PurposeNumber"/> it must name the same purpose.
    /// </summary>
    public string PurposeOfUse { get; init; } = "";
    public AcquisitionSource Source { get; init; }
    public PurposeStatement PurposeStatement { get; init; }
    public InformationCategories Categories { get; init; } = InformationCategories.Ordinary;
    /// <summary>Personal data needed to find the record again (e.g. the person's name), encrypted per person by the store.</summary>
    public IReadOnlyList<PersonalData> PersonalData { get; init; } = [];

    public override Guid StreamId => RecordId ?? Guid.Empty;

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireId(errors, FileId, nameof(FileId), "個人情報ファイルID", "file id");
        Fields.RequireId(errors, DataSubjectId, nameof(DataSubjectId), "本人ID", "data subject id");
        Fields.RequireDefined(errors, Source, nameof(Source), "取得元", "source");
        Fields.RequireDefined(errors, PurposeStatement, nameof(PurposeStatement), "利用目的の明示", "purpose statement");
        if (Categories is null) errors.Add(Fields.Required(nameof(Categories), "情報の区分", "categories"));
        else Fields.RequireDefined(errors, Categories.Form, $"{nameof(Categories)}.{nameof(Categories.Form)}", "加工の区分", "processing form");
        Fields.CheckPersonalData(errors, PersonalData, nameof(PersonalData));
        if (PersonalData?.Any(d => d.DataSubjectId != DataSubjectId) == true)
            errors.Add(new FieldError(nameof(PersonalData), "個人情報は記録の本人のものに限ります。", "Personal data in an acquisition must be about the record's own data subject."));
    }

    public IReadOnlyList<ILedgerEvent> Decide(Guid recordId, PersonalInformationFile? file, DateTimeOffset now)
    {
        // Art. 2(5), 17(1): a record belongs to a registered, active file.
        if (file is null || file.Status != FileStatus.Active)
            throw new LedgerRuleViolation(Rules.FileNotActive, $"File {FileId}.");
        var purpose = RegisteredPurpose(file.Items.PurposesOfUse);
        // Art. 5: acquiring in writing from the person needs the purpose stated in advance, or an exception (1)-(4).
        if (Source == AcquisitionSource.FromThePersonInWriting && PurposeStatement == PurposeStatement.NotApplicable)
            throw new LedgerRuleViolation(Rules.PurposeStatementRequired);
        // Art. 17(1)(6): special-care information only into a file registered as holding it.
        if (Categories.SpecialCareRequired && !file.Items.ContainsSpecialCareInformation)
            throw new LedgerRuleViolation(Rules.SpecialCareNotInFileRegister);

        var article = Source == AcquisitionSource.FromThePersonInWriting && PurposeStatement != PurposeStatement.StatedInAdvance
            ? Ordinance(5, null, (int)PurposeStatement)
            : Ordinance(4, 1);
        var context = ContextAt(now, LegalGround.Of(article, "利用目的の達成に必要な範囲での取得 / acquisition for the specified purpose"));
        Chronology.NotBefore(context, file.RegisteredAt, "registration of the file");
        return [new RecordAcquired(recordId, FileId, DataSubjectId, purpose, Source, PurposeStatement, Categories, Common.PersonalData.In(PersonalData, recordId), context)];
    }

    /// <summary>
    /// The registered purpose (Art. 4(1)-(2), 17(1)(3)) the record is held for, as the file registered it: by number, or by
    /// text equal after trimming and NFC. Refused when none is named (4(1)) or the one named is not the file's (4(2)).
    /// </summary>
    private string RegisteredPurpose(IReadOnlyList<string> registered)
    {
        string Listed() => string.Join("; ", registered.Select((p, i) => $"{i + 1}: {p}"));
        var byText = string.IsNullOrWhiteSpace(PurposeOfUse) ? null : registered.FirstOrDefault(p => SamePurpose(p, PurposeOfUse));
        if (PurposeNumber is { } number)
        {
            if (number < 1 || number > registered.Count)
                throw new LedgerRuleViolation(Rules.PurposeNotWithinFile, $"The file registers {registered.Count} purpose(s), not a number {number}: {Listed()}");
            var chosen = registered[number - 1];
            if (!string.IsNullOrWhiteSpace(PurposeOfUse) && !SamePurpose(chosen, PurposeOfUse))
                throw new LedgerRuleViolation(Rules.PurposeNotWithinFile, $"Purpose number {number} is \"{chosen}\", not the text given. The file's purposes are {Listed()}");
            return chosen;
        }
        // Art. 4(1): the purpose must be specified.
        if (string.IsNullOrWhiteSpace(PurposeOfUse)) throw new LedgerRuleViolation(Rules.PurposeMustBeSpecified);
        // Art. 4(2): held only within the purpose; the record's purpose is one its file registered.
        return byText ?? throw new LedgerRuleViolation(Rules.PurposeNotWithinFile, $"The file's registered purposes are {Listed()}");
    }

    /// <summary>
    /// The same purpose as a person reads it: trimmed, in Unicode NFC (UAX #15), so that text typed or pasted in decomposed
    /// form matches. (To be routed through the ledger's one place of input normalisation.)
    /// </summary>
    private static bool SamePurpose(string registered, string given) =>
        string.Equals(registered.Trim().Normalize(NormalizationForm.FormC), given.Trim().Normalize(NormalizationForm.FormC), StringComparison.Ordinal);
}

/// <summary>Base of commands on an existing record: nothing may happen after erasure.</summary>
public abstract record RecordCommand : StreamCommand, IStreamDecision<RetainedRecord>
{
    public Guid RecordId { get; init; }

    public override Guid StreamId => RecordId;

    public IReadOnlyList<ILedgerEvent> Decide(RetainedRecord record, DateTimeOffset now)
    {
        // Art. 40 / Nagareyama disposal: after erasure the ledger keeps the fact, and nothing more happens to the record.
        if (record.Status == RecordStatus.Erased) throw new LedgerRuleViolation(Rules.RecordErased);
        var events = DecideOnHeldRecord(record, now);
        foreach (var e in events)
            Chronology.NotBefore(e.Context, record.AcquiredAt, "acquisition of the record");
        return events;
    }

    protected abstract IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now);

    protected static void MustNotBeSuspended(RetainedRecord record)
    {
        if (record.Status == RecordStatus.UseSuspended) throw new LedgerRuleViolation(Rules.RecordUseSuspended);
    }
}

/// <summary>Changes a record's purpose within a reasonable relation to the old one (Art. 4(3)).</summary>
public sealed record ChangeRecordPurpose : RecordCommand
{
    public string NewPurpose { get; init; } = "";
    /// <summary>Why the new purpose stays within a reasonable relation to the previous one.</summary>
    public string ReasonableRelation { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, NewPurpose, nameof(NewPurpose), "変更後の利用目的", "new purpose");

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(ReasonableRelation)) throw new LedgerRuleViolation(Rules.PurposeChangeNeedsReasonableRelation);
        var context = ContextAt(now, LegalGround.Of(Ordinance(4, 3), "相当の関連性を有する範囲内の利用目的の変更 / purpose change within reasonable relation"));
        return [new RecordPurposeChanged(RecordId, record.PurposeOfUse, NewPurpose.Trim(), ReasonableRelation.Trim(), context)];
    }
}

/// <summary>Records a use outside the purpose (目的外利用, Art. 12), with its ground and the proviso judgement.</summary>
public sealed record UseRecordOutsidePurpose : RecordCommand
{
    public string Purpose { get; init; } = "";
    public UseGround? Ground { get; init; }
    /// <summary>The statute and article, how consent was obtained, or the duty it serves.</summary>
    public string GroundDetail { get; init; } = "";
    /// <summary>Art. 12(2) proviso: staff judged that no unjust infringement of anyone's rights follows.</summary>
    public bool NoUnjustInfringementConfirmed { get; init; }
    /// <summary>Art. 12(4): the section or staff the internal use is restricted to, if the chair so restricted it.</summary>
    public string? RestrictedTo { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Purpose, nameof(Purpose), "利用の目的", "purpose of this use");

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        MustNotBeSuspended(record);
        var rule = UseGrounds.Check(record.Categories, RecordAction.PurposeExternalUse, Ground, GroundDetail, NoUnjustInfringementConfirmed, null);
        var context = ContextAt(now, LegalGround.Of(rule.Article, GroundDetail.Trim()));
        return [new RecordUsedOutsidePurpose(RecordId, Purpose.Trim(), rule.Ground, GroundDetail.Trim(), NoUnjustInfringementConfirmed,
            string.IsNullOrWhiteSpace(RestrictedTo) ? null : RestrictedTo.Trim(), context)];
    }
}

/// <summary>Records a provision (提供) of a record to a recipient (Art. 12, 13, 15).</summary>
public sealed record ProvideRecord : RecordCommand
{
    public Recipient? Recipient { get; init; }
    public string Purpose { get; init; } = "";
    public UseGround? Ground { get; init; }
    public string GroundDetail { get; init; } = "";
    /// <summary>Art. 13: restrictions or safeguards requested from the recipient.</summary>
    public IReadOnlyList<string> SafeguardsRequested { get; init; } = [];
    public bool NoUnjustInfringementConfirmed { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Recipient is null) errors.Add(Fields.Required(nameof(Recipient), "提供先", "recipient"));
        else
        {
            Fields.RequireText(errors, Recipient.Name, $"{nameof(Recipient)}.{nameof(Recipient.Name)}", "提供先の名称", "recipient name", 300);
            Fields.RequireDefined(errors, Recipient.Kind, $"{nameof(Recipient)}.{nameof(Recipient.Kind)}", "提供先の種別", "recipient kind");
        }
        Fields.RequireText(errors, Purpose, nameof(Purpose), "提供の目的", "purpose of the provision");
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        MustNotBeSuspended(record);
        var rule = UseGrounds.Check(record.Categories, RecordAction.Provision, Ground, GroundDetail, NoUnjustInfringementConfirmed, Recipient!.Kind);
        var context = ContextAt(now, LegalGround.Of(rule.Article, string.IsNullOrWhiteSpace(GroundDetail) ? "利用目的のための提供 / provision for the purpose of use" : GroundDetail.Trim()));
        return [new RecordProvided(RecordId, Recipient with { Name = Recipient.Name.Trim() }, Purpose.Trim(), rule.Ground, GroundDetail.Trim(),
            [.. (SafeguardsRequested ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim())], NoUnjustInfringementConfirmed, context)];
    }
}

/// <summary>Base of commands that execute a decision on a record (訂正, 利用停止, 消去, 提供の停止).</summary>
public abstract record DecisionExecution : RecordCommand
{
    /// <summary>The decision executed: its number, or the id of the request case it closed.</summary>
    public string DecisionReference { get; init; } = "";

    protected void RequireDecision()
    {
        if (string.IsNullOrWhiteSpace(DecisionReference)) throw new LedgerRuleViolation(Rules.DecisionReferenceRequired);
    }
}

/// <summary>Executes a correction decision (Art. 33, 34); the recipients who must be told (Art. 37) are taken from the record's provisions.</summary>
public sealed record CorrectRecord : DecisionExecution
{
    /// <summary>The corrected content, as personal data of the record's data subject.</summary>
    public IReadOnlyList<PersonalData> Correction { get; init; } = [];

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Correction is not { Count: > 0 }) errors.Add(Fields.Required(nameof(Correction), "訂正の内容", "corrected content"));
        Fields.CheckPersonalData(errors, Correction, nameof(Correction));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        RequireDecision();
        var context = ContextAt(now, LegalGround.Of(Ordinance(34, 1), "訂正決定に基づく訂正の実施 / correction executing a decision"));
        return [new RecordCorrected(RecordId, DecisionReference.Trim(), PersonalData.In(Correction, RecordId), [.. record.ActiveRecipients], context)];
    }
}

/// <summary>Executes a decision to suspend use of a record (利用停止, Art. 40, 41).</summary>
public sealed record SuspendRecordUse : DecisionExecution
{
    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        RequireDecision();
        MustNotBeSuspended(record);
        var context = ContextAt(now, LegalGround.Of(Ordinance(40), "利用停止決定に基づく利用の停止 / suspension of use executing a decision"));
        return [new RecordUseSuspended(RecordId, DecisionReference.Trim(), context)];
    }
}

/// <summary>Executes a decision to stop provision to one recipient (提供の停止, Art. 38(1)(2), 40).</summary>
public sealed record StopRecordProvision : DecisionExecution
{
    public Recipient? Recipient { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Recipient is null) errors.Add(Fields.Required(nameof(Recipient), "提供先", "recipient"));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        RequireDecision();
        var recipient = Recipient! with { Name = Recipient!.Name.Trim() };
        if (!record.ActiveRecipients.Contains(recipient)) throw new LedgerRuleViolation(Rules.ProvisionStopNeedsProvision);
        var context = ContextAt(now, LegalGround.Of(Ordinance(40), "利用停止決定に基づく提供の停止 / stop of provision executing a decision"));
        return [new RecordProvisionStopped(RecordId, DecisionReference.Trim(), recipient, context)];
    }
}

/// <summary>Erases a record: executing an erasure decision (Art. 40) or disposing of it when no longer needed (Art. 4(2); Nagareyama).</summary>
public sealed record EraseRecord : DecisionExecution
{
    public ErasureReason Reason { get; init; }
    /// <summary>How it was erased (e.g. 溶解処理, データ消去ソフトによる上書き).</summary>
    public string Method { get; init; } = "";

    /// <summary>
    /// False (the default): this record alone is erased and the keys of its stream destroyed (crypto-shredding); the
    /// person's other records, cases and incidents read in full. True: the person is erased, which only an Art. 40
    /// erasure decision covering all of them may do: each held record is erased too (same reason, reference and method)
    /// and every key of the person is destroyed, in one transaction. See <see cref="ErasureScope"/>.
    /// </summary>
    public bool EraseAllHeldRecordsOfThePerson { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Reason, nameof(Reason), "消去の理由", "reason for erasure");
        Fields.RequireText(errors, Method, nameof(Method), "消去の方法", "method of erasure");
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        if (Reason == ErasureReason.ErasureDecision) RequireDecision();
        var ground = Reason == ErasureReason.ErasureDecision
            ? LegalGround.Of(Ordinance(40), "利用停止決定（消去）の実施 / erasure executing a decision")
            : LegalGround.Of(Ordinance(4, 2), "保有の必要がなくなった個人情報の廃棄（流山市：確実かつ速やかに廃棄） / disposal when no longer needed");
        var context = ContextAt(now, ground);
        return [new RecordErased(RecordId, Reason, string.IsNullOrWhiteSpace(DecisionReference) ? null : DecisionReference.Trim(), Method.Trim(), context)];
    }
}
