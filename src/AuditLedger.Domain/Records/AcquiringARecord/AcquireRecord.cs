// 第2条第5項、第4条第1項・第2項、第5条、第17条第1項第3号・第6号 (Art. 2(5), Art. 4(1), Art. 4(2), Art. 5, Art. 17(1)(3), Art. 17(1)(6)): 保有個人情報の取得 / acquiring a retained record into a registered file, for one of its registered purposes.
namespace AuditLedger.Domain.Records;

using System.Text;
using AuditLedger.Deadlines.Profiles;
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

    /// <summary>
    /// Where the jurisdiction collects from the person as a rule (its profile's recordPolicies, e.g. Nagareyama): why this
    /// record is acquired from someone else. No personal data: the ground, in words.
    /// </summary>
    public string CollectionExceptionGround { get; init; } = "";
    /// <summary>The jurisdiction's categories not collected as a rule that this record holds, by their profile codes (e.g. religion).</summary>
    public IReadOnlyList<string> SensitiveCategories { get; init; } = [];
    /// <summary>Why a record of such a category is acquired all the same. No personal data: the ground, in words.</summary>
    public string SensitiveCategoryExceptionGround { get; init; } = "";

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
        if (SensitiveCategories is null) errors.Add(Fields.Required(nameof(SensitiveCategories), "収集制限の区分", "sensitive categories"));
        if (PersonalData?.Any(d => d.DataSubjectId != DataSubjectId) == true)
            errors.Add(new FieldError(nameof(PersonalData), "個人情報は記録の本人のものに限ります。", "Personal data in an acquisition must be about the record's own data subject."));
    }

    public static readonly LedgerRule FileNotActive = new(
        "file.not-active", Ordinance(17, 1),
        "個人情報ファイルが登録されていないか、廃止済みです。保有個人情報は登録中の個人情報ファイルにのみ記録できます（第2条第5項、第17条第1項）。",
        "The personal information file is not registered or has been retired. Records can only be acquired into a registered, active file (Art. 2(5), Art. 17(1)).");

    public static readonly LedgerRule PurposeStatementRequired = new(
        "acquisition.purpose-not-stated", Ordinance(5),
        "本人から直接書面で取得するときは、あらかじめ利用目的を明示するか、第5条各号の例外を示してください（第5条）。",
        "When acquiring from the person in writing, the purpose must be stated to them in advance, or one of the exceptions of Art. 5(1)-(4) must apply (Art. 5).");

    public static readonly LedgerRule SpecialCareNotInFileRegister = new(
        "acquisition.special-care-not-registered", Ordinance(17, 1, 6),
        "この個人情報ファイルは要配慮個人情報を含まないものとして登録されています。先に個人情報ファイル簿を修正してください（第17条第1項第6号、第2条第3項）。",
        "The file is registered as holding no special-care-required information; amend the file register first (Art. 17(1)(6), Art. 2(3)).");

    public IReadOnlyList<ILedgerEvent> Decide(Guid recordId, PersonalInformationFile? file, DateTimeOffset now, RecordPolicies? policies = null)
    {
        policies ??= RecordPolicies.None;
        // Art. 2(5), 17(1): a record belongs to a registered, active file.
        if (file is null || file.Status != FileStatus.Active)
            throw new LedgerRuleViolation(FileNotActive, $"File {FileId}.");
        var purpose = RegisteredPurpose(file.Items.PurposesOfUse);
        // Art. 5: acquiring in writing from the person needs the purpose stated in advance, or an exception (1)-(4).
        if (Source == AcquisitionSource.FromThePersonInWriting && PurposeStatement == PurposeStatement.NotApplicable)
            throw new LedgerRuleViolation(PurposeStatementRequired);
        // Art. 17(1)(6): special-care information only into a file registered as holding it.
        if (Categories.SpecialCareRequired && !file.Items.ContainsSpecialCareInformation)
            throw new LedgerRuleViolation(SpecialCareNotInFileRegister);
        // The jurisdiction's own rules (its profile's recordPolicies): 本人収集 as a rule; the categories not collected as a rule.
        RecordPolicyChecks.CollectionFromThePerson(policies, Source, CollectionExceptionGround);
        var sensitive = SensitiveCategories.Select(c => c.Trim()).Distinct().ToList();
        RecordPolicyChecks.SensitiveCategories(policies, sensitive, SensitiveCategoryExceptionGround);

        var article = Source == AcquisitionSource.FromThePersonInWriting && PurposeStatement != PurposeStatement.StatedInAdvance
            ? Ordinance(5, null, (int)PurposeStatement)
            : Ordinance(4, 1);
        var context = ContextAt(now, LegalGround.Of(article, "利用目的の達成に必要な範囲での取得 / acquisition for the specified purpose"));
        Chronology.NotBefore(context, file.RegisteredAt, "registration of the file");
        // 届出: where the jurisdiction requires it, the file's 事務 was notified to the mayor before this acquisition.
        RecordPolicyChecks.NotifiedBeforeAcquisition(policies, file, context.OccurredAt);
        return [new RecordAcquired(recordId, FileId, DataSubjectId, purpose, Source, PurposeStatement, Categories, Common.PersonalData.In(PersonalData, recordId), context)
        {
            CollectionExceptionGround = Blank(CollectionExceptionGround),
            SensitiveCategories = sensitive,
            SensitiveCategoryExceptionGround = Blank(SensitiveCategoryExceptionGround),
        }];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static readonly LedgerRule PurposeMustBeSpecified = new(
        "acquisition.purpose-not-specified", Ordinance(4, 1),
        "利用目的をできる限り特定してください（第4条第1項）。",
        "The purpose of use must be specified as far as possible (Art. 4(1)).");

    public static readonly LedgerRule PurposeNotWithinFile = new(
        "acquisition.purpose-outside-file", Ordinance(4, 2),
        "取得時の利用目的は、個人情報ファイル簿に登録した利用目的のいずれかでなければなりません。登録された利用目的をその番号（purposeNumber、1から）で選んでください（第4条第2項、第17条第1項第3号）。",
        "A record may only be held for a purpose its file registered: choose one of the file's registered purposes by its number (purposeNumber, from 1), or give its exact text (Art. 4(2), Art. 17(1)(3)).");

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
                throw new LedgerRuleViolation(PurposeNotWithinFile, $"The file registers {registered.Count} purpose(s), not a number {number}: {Listed()}");
            var chosen = registered[number - 1];
            if (!string.IsNullOrWhiteSpace(PurposeOfUse) && !SamePurpose(chosen, PurposeOfUse))
                throw new LedgerRuleViolation(PurposeNotWithinFile, $"Purpose number {number} is \"{chosen}\", not the text given. The file's purposes are {Listed()}");
            return chosen;
        }
        // Art. 4(1): the purpose must be specified.
        if (string.IsNullOrWhiteSpace(PurposeOfUse)) throw new LedgerRuleViolation(PurposeMustBeSpecified);
        // Art. 4(2): held only within the purpose; the record's purpose is one its file registered.
        return byText ?? throw new LedgerRuleViolation(PurposeNotWithinFile, $"The file's registered purposes are {Listed()}");
    }

    /// <summary>
    /// The same purpose as a person reads it: trimmed, in Unicode NFC (UAX #15), so that text typed or pasted in decomposed
    /// form matches. (To be routed through the ledger's one place of input normalisation.)
    /// </summary>
    private static bool SamePurpose(string registered, string given) =>
        string.Equals(registered.Trim().Normalize(NormalizationForm.FormC), given.Trim().Normalize(NormalizationForm.FormC), StringComparison.Ordinal);

    /// <summary>Every rule only an acquisition is refused by (Art. 2(5), 4(1)-(2), 5, 17(1)).</summary>
    public static readonly IReadOnlyList<LedgerRule> Rules =
        [FileNotActive, PurposeMustBeSpecified, PurposeNotWithinFile, PurposeStatementRequired, SpecialCareNotInFileRegister];
}
