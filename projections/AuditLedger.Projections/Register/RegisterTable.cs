namespace AuditLedger.Projections.Register;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Projections.Reporting;

/// <summary>One register item (or the kind of file) as a column: how it is written, and whether Art. 17(3) lets it be withheld.</summary>
public sealed record RegisterItemColumn(ReportColumn Column, Func<FileKind, RegisterItems, string> Value, WithholdableItem? Withholdable = null);

/// <summary>
/// The file register (個人情報ファイル簿) as tables: the one place that says which columns it has, how each
/// is headed (in the words of Art. 17(1); "次条" of item (8) written out as 第18条), and what the published
/// register leaves out (Art. 17(2), 17(3)).
/// </summary>
public static class RegisterTable
{
    public const string InternalTitle = "個人情報ファイル簿（内部管理用）";
    public const string PublishedTitle = "個人情報ファイル簿";

    /// <summary>Joins list items inside one cell.</summary>
    private const string ListSeparator = "、";

    public static readonly IReadOnlyList<RegisterItemColumn> ItemColumns =
    [
        new(new("kind", "個人情報ファイルの種別", "第2条第5項"), (kind, _) => CaseLabels.Of(kind)),
        new(new("name", "個人情報ファイルの名称", "第17条第1項第1号"), (_, i) => i.Name),
        new(new("organisation", "個人情報ファイルが利用に供される事務をつかさどる組織の名称", "第17条第1項第2号"), (_, i) => i.Organisation),
        new(new("purposeOfUse", "個人情報ファイルの利用目的", "第17条第1項第3号"), (_, i) => string.Join(ListSeparator, i.PurposesOfUse)),
        new(new("recordedItems", "個人情報ファイルに記録される項目（記録項目）", "第17条第1項第4号"),
            (_, i) => string.Join(ListSeparator, i.RecordedItems), WithholdableItem.RecordedItems),
        new(new("recordScope", "本人として個人情報ファイルに記録される個人の範囲（記録範囲）", "第17条第1項第4号"), (_, i) => i.RecordScope),
        new(new("collectionMethod", "個人情報ファイルに記録される個人情報（記録情報）の収集方法", "第17条第1項第5号"),
            (_, i) => i.CollectionMethod, WithholdableItem.CollectionMethod),
        new(new("specialCareInformation", "記録情報に要配慮個人情報が含まれるときは、その旨", "第17条第1項第6号"),
            (_, i) => i.ContainsSpecialCareInformation ? "含む" : "含まない"),
        new(new("regularRecipients", "記録情報を議会以外の者に経常的に提供する場合には、その提供先", "第17条第1項第7号"),
            (_, i) => i.RegularRecipients.Count == 0 ? "なし" : string.Join(ListSeparator, i.RegularRecipients), WithholdableItem.RegularRecipients),
        new(new("requestOfficeName", "第18条第1項、第31条第1項又は第38条第1項の規定による請求を受理する組織の名称", "第17条第1項第8号"),
            (_, i) => i.RequestOfficeName),
        new(new("requestOfficeLocation", "第18条第1項、第31条第1項又は第38条第1項の規定による請求を受理する組織の所在地", "第17条第1項第8号"),
            (_, i) => i.RequestOfficeLocation),
        new(new("specialProcedure", "第31条第1項ただし書又は第38条第1項ただし書に該当するときは、その旨", "第17条第1項第9号"),
            (_, i) => i.SpecialProcedureNote ?? ""),
    ];

    /// <summary>The columns of the internal register besides the items: identity, status, and the reasons kept internally.</summary>
    private static readonly IReadOnlyList<(ReportColumn Column, Func<FileRegisterEntry, string> Value)> InternalColumns =
    [
        (new("fileId", "ファイルID", null), e => e.Id.ToString()),
        (new("status", "状態", null), e => e.File.Status == FileStatus.Active ? "保有" : "廃止"),
        (new("registeredOn", "登録日", null, CellKind.Date), e => JapanDate.Iso(e.File.RegisteredAt)),
        (new("retiredOn", "廃止日", null, CellKind.Date), e => e.File.RetiredAt is { } at ? JapanDate.Iso(at) : ""),
        (new("publication", "公表の扱い", "第17条第2項・第3項"), e => e.File.PublicationExemption is null ? "掲載" : $"不掲載（{LastArticle(e, RegisterChange.ExemptedFromPublication)}）"),
        (new("exemptionReason", "不掲載の理由", "第17条第2項・第3項"), e => e.File.PublicationExemptionReason ?? ""),
        (new("withheldItems", "記載しない事項", "第17条第3項"), e => string.Join(ListSeparator, e.File.WithheldItems.Select(w => Heading(w)))),
        (new("withholdingReason", "記載しない理由", "第17条第3項"), e => e.File.WithholdingReason ?? ""),
        (new("amendments", "変更回数", null, CellKind.Number), e => e.File.Amendments.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        // Who made the last registration or change, and who recorded it (they differ for a late entry or an import line).
        (new("lastActedBy", "最終の登録・変更を行った職員", null), e => e.History.LastOrDefault()?.By.Actor.Describe() ?? ""),
        (new("lastRecordedBy", "記録した職員（異なる場合はその経緯）", null),
            e => e.History.LastOrDefault() is { } last ? Reporting.Recorded.RecorderText(last.By.RecordedBy, last.By.ActedByStatement) : ""),
    ];

    /// <summary>Every file, every item, with the internal columns: for staff.</summary>
    public static ReportTable Internal(IEnumerable<FileRegisterEntry> entries)
    {
        var ordered = Ordered(entries).ToList();
        return new ReportTable(InternalTitle,
            [.. InternalColumns.Take(2).Select(c => c.Column), .. ItemColumns.Select(c => c.Column), .. InternalColumns.Skip(2).Select(c => c.Column)],
            [.. ordered.Select(e => (IReadOnlyList<string>)
                [.. InternalColumns.Take(2).Select(c => c.Value(e)), .. ItemColumns.Select(c => c.Value(e.File.Kind, e.File.Items)), .. InternalColumns.Skip(2).Select(c => c.Value(e))])]);
    }

    /// <summary>
    /// The register the public sees: only files held and not exempt (Art. 17(2), or wholly withheld under 17(3)),
    /// and in each row the items withheld under 17(3) left blank. No reason, no internal column.
    /// </summary>
    public static ReportTable Published(IEnumerable<FileRegisterEntry> entries) =>
        new(PublishedTitle,
            [.. ItemColumns.Select(c => c.Column)],
            [.. Ordered(entries).Where(e => e.IsPublished).Select(e => (IReadOnlyList<string>)
                [.. ItemColumns.Select(c => c.Withholdable is { } w && e.File.WithheldItems.Contains(w) ? "" : c.Value(e.File.Kind, e.File.Items))])]);

    /// <summary>The items an amendment changed, as the register writes them before and after.</summary>
    public static IReadOnlyList<ItemChange> Differences(FileKind kind, RegisterItems before, RegisterItems after) =>
        [.. ItemColumns
            .Select(c => (c.Column, Before: c.Value(kind, before), After: c.Value(kind, after)))
            .Where(c => c.Before != c.After)
            .Select(c => new ItemChange(c.Column.Key, c.Column.Heading, c.Before, c.After))];

    /// <summary>The items withheld, as history entries (their values are not repeated).</summary>
    public static IReadOnlyList<ItemChange> Withheld(IEnumerable<WithholdableItem> items) =>
        [.. items.Select(w => ItemColumns.First(c => c.Withholdable == w).Column).Select(c => new ItemChange(c.Key, c.Heading, "記載", "記載しない"))];

    private static string Heading(WithholdableItem item) => ItemColumns.First(c => c.Withholdable == item).Column.Heading;

    private static string LastArticle(FileRegisterEntry entry, RegisterChange change) =>
        entry.History.LastOrDefault(h => h.Change == change)?.Article ?? "";

    /// <summary>Rows in the order a register is read: by organisation, then name, then registration.</summary>
    private static IEnumerable<FileRegisterEntry> Ordered(IEnumerable<FileRegisterEntry> entries) =>
        entries.OrderBy(e => e.File.Items.Organisation, StringComparer.Ordinal)
            .ThenBy(e => e.File.Items.Name, StringComparer.Ordinal)
            .ThenBy(e => e.File.RegisteredAt)
            .ThenBy(e => e.Id);
}
