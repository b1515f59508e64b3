namespace AuditLedger.Host.Files.Pages;

using System.Text;
using AuditLedger.Domain.Files;
using AuditLedger.Host.Web;
using AuditLedger.Projections.Register;

/// <summary>
/// The register items of Art. 17(1)(1)-(9) and the retention period (保存期間) as a form types them (個人情報ファイル簿の記載事項):
/// lists (利用目的, 記録項目, 経常的提供先) one per line, the purpose picker's choice (one of the purposes already registered in the
/// register, Art. 17(1)(3)) added before the typed purposes, the retention period as years or 永年. Used by the register form
/// (<c>/files/new</c>) and the amendment form (<c>/files/{id}</c>); the domain decides whether the items are complete
/// (<see cref="RegisterItemRules"/>), this only reads what was typed.
/// </summary>
public sealed class RegisterItemsForm
{
    public string? Name { get; set; }
    public string? Organisation { get; set; }
    /// <summary>The purpose picked from the purposes already registered (利用目的, Art. 17(1)(3)); empty when none is picked.</summary>
    public string? PurposeChoice { get; set; }
    /// <summary>Further purposes typed, one per line.</summary>
    public string? Purposes { get; set; }
    public string? RecordedItems { get; set; }
    public string? RecordScope { get; set; }
    public string? CollectionMethod { get; set; }
    public bool SpecialCare { get; set; }
    public string? RegularRecipients { get; set; }
    public string? RequestOfficeName { get; set; }
    public string? RequestOfficeLocation { get; set; }
    public string? SpecialProcedureNote { get; set; }
    /// <summary>保存期間 in whole years (half- or full-width digits); empty with <see cref="RetentionPermanent"/> unset: none stated.</summary>
    public string? RetentionYears { get; set; }
    public bool RetentionPermanent { get; set; }

    /// <summary>The form filled with a file's present items (for an amendment).</summary>
    public static RegisterItemsForm From(RegisterItems items) => new()
    {
        Name = items.Name,
        Organisation = items.Organisation,
        Purposes = string.Join("\n", items.PurposesOfUse),
        RecordedItems = string.Join("\n", items.RecordedItems),
        RecordScope = items.RecordScope,
        CollectionMethod = items.CollectionMethod,
        SpecialCare = items.ContainsSpecialCareInformation,
        RegularRecipients = string.Join("\n", items.RegularRecipients),
        RequestOfficeName = items.RequestOfficeName,
        RequestOfficeLocation = items.RequestOfficeLocation,
        SpecialProcedureNote = items.SpecialProcedureNote,
        RetentionYears = items.Retention is { Years: { } years } ? years.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        RetentionPermanent = items.Retention?.Permanent ?? false,
    };

    /// <summary>
    /// The items as the commands take them, or the message for the retention field when its years are not a whole number
    /// (the form's own reading; the domain then checks the range).
    /// </summary>
    public (RegisterItems? Items, string? RetentionError) ToItems()
    {
        RetentionPeriod? retention = null;
        var years = RetentionYears?.Normalize(NormalizationForm.FormKC).Trim().TrimEnd('年');
        if (!string.IsNullOrEmpty(years))
        {
            if (!int.TryParse(years, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y))
                return (null, "保存期間の年数は、1、5、10 のような整数で入力してください（第17条第1項：議長が定める事項）。");
            retention = new RetentionPeriod(y, RetentionPermanent);
        }
        else if (RetentionPermanent) retention = new RetentionPeriod(Permanent: true);
        var purposes = new List<string>();
        if (!string.IsNullOrWhiteSpace(PurposeChoice)) purposes.Add(PurposeChoice.Trim());
        foreach (var line in Lines(Purposes))
            if (!purposes.Contains(line, StringComparer.Ordinal)) purposes.Add(line);
        return (new RegisterItems(
            Name ?? "", Organisation ?? "", purposes, Lines(RecordedItems), RecordScope ?? "", CollectionMethod ?? "", SpecialCare,
            Lines(RegularRecipients), RequestOfficeName ?? "", RequestOfficeLocation ?? "",
            string.IsNullOrWhiteSpace(SpecialProcedureNote) ? null : SpecialProcedureNote.Trim()) { Retention = retention }, null);
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    /// <summary>
    /// The form fields a refusal of <see cref="RegisterItemRules"/> is about (its rule names the item of Art. 17(1)); an
    /// item of two fields (4: 記録項目 and 記録範囲; 8: 名称 and 所在地) marks those of them left blank.
    /// </summary>
    public IReadOnlyList<string> FieldsAt(FormRefusal? refusal)
    {
        if (refusal is null) return [];
        if (refusal.Code == RegisterItemRules.RetentionPeriodInvalid.Code) return ["RetentionYears"];
        string[] Blank(params (string Field, string? Value)[] fields) => [.. fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Field)];
        return refusal.Code switch
        {
            var c when c == RegisterItemRules.FileNameMissing.Code => ["Name"],
            var c when c == RegisterItemRules.OrganisationMissing.Code => ["Organisation"],
            var c when c == RegisterItemRules.PurposeOfUseMissing.Code => ["Purposes"],
            var c when c == RegisterItemRules.RecordedItemsOrScopeMissing.Code => Blank(("RecordedItems", RecordedItems), ("RecordScope", RecordScope)),
            var c when c == RegisterItemRules.CollectionMethodMissing.Code => ["CollectionMethod"],
            var c when c == RegisterItemRules.RequestOfficeMissing.Code => Blank(("RequestOfficeName", RequestOfficeName), ("RequestOfficeLocation", RequestOfficeLocation)),
            _ => [],
        };
    }

    /// <summary>The purposes registered in the register's files so far, each once, in the register's order: the purpose picker's choices.</summary>
    public static IReadOnlyList<string> RegisteredPurposes(IEnumerable<FileRegisterEntry> entries) =>
        [.. entries.Where(e => e.File.Status == FileStatus.Active)
            .OrderBy(e => e.File.Items.Organisation, StringComparer.Ordinal).ThenBy(e => e.File.Items.Name, StringComparer.Ordinal)
            .SelectMany(e => e.File.Items.PurposesOfUse).Distinct(StringComparer.Ordinal)];
}

/// <summary>What the register items' fields need to render: the values typed, the refusal, and the purpose picker's choices.</summary>
public sealed record RegisterItemsFields(RegisterItemsForm Form, FormRefusal? Refusal, IReadOnlyList<string> PurposeChoices, string? RetentionError)
{
    /// <summary>The error beside a field (by its form name): the domain's field error, the item rule's message, or the form's own.</summary>
    public string? ErrorFor(string field)
    {
        if (field == "RetentionYears" && RetentionError is not null) return RetentionError;
        if (Refusal?.For(field) is { } error) return error.Japanese;
        return Form.FieldsAt(Refusal).Contains(field) ? Refusal!.Japanese : null;
    }
}

/// <summary>One labelled text field or textarea of a files form: its id, form name, label with its article, hint, and error.</summary>
public sealed record TextField(string Id, string Name, string Label, string? Article, string? Hint, bool Required, bool Multiline, string? Value, string? Error);
