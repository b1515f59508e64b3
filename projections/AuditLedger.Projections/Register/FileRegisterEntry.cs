namespace AuditLedger.Projections.Register;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Projections.Reporting;

/// <summary>What happened to a file's register row.</summary>
public enum RegisterChange
{
    Registered,
    Amended,
    ExemptedFromPublication,
    ItemsWithheld,
    Retired,
    RetentionPeriodExtended,
}

/// <summary>One register item whose value an amendment changed, as the register shows it.</summary>
public sealed record ItemChange(string Key, string Heading, string Before, string After);

/// <summary>
/// One entry of a file's register history: who (staff id and role), when (business time and recording time),
/// under which article, why, and for amendments which items changed from what to what.
/// </summary>
public sealed record RegisterHistoryEntry(
    RegisterChange Change,
    Recorded By,
    string Article,
    string? Reason,
    IReadOnlyList<ItemChange> Changes);

/// <summary>
/// The internal view of one row of the personal information file register (個人情報ファイル簿, Art. 17):
/// the file as the domain evolves it (kind, items 17(1)(1)-(9), status, the 17(2) exemption and the 17(3)
/// withheld items with their reasons) and the history of every change to the row. Rebuilt from the file's
/// events alone. The published row is derived from it by <see cref="RegisterTable.Published"/>, never stored.
/// </summary>
public sealed class FileRegisterEntry
{
    public Guid Id { get; set; }
    public long Version { get; set; }

    /// <summary>The file's state, evolved by <see cref="PersonalInformationFile.Evolve"/>: one definition of what each event does.</summary>
    public PersonalInformationFile File { get; set; } = null!;

    public List<RegisterHistoryEntry> History { get; set; } = [];

    /// <summary>Whether the published register shows the file: held (not retired) and not exempt under 17(2)/(3).</summary>
    public bool IsPublished => File.Status == FileStatus.Active && File.PublicationExemption is null;

    /// <summary>The state after one more event of the file's stream; other events leave it unchanged.</summary>
    public static FileRegisterEntry? Next(FileRegisterEntry? entry, object @event)
    {
        if (@event is not ILedgerEvent e) return entry;
        var itemsBefore = entry?.File.Items;
        var file = PersonalInformationFile.Evolve(entry?.File, @event);
        if (file is null) return entry;
        entry ??= new FileRegisterEntry { Id = file.Id };
        entry.File = file;
        var (change, reason, changes) = @event switch
        {
            FileRegistered => (RegisterChange.Registered, null, []),
            FileAmended a => (RegisterChange.Amended, a.Reason, RegisterTable.Differences(file.Kind, itemsBefore!, a.Items)),
            FileExemptedFromPublication x => (RegisterChange.ExemptedFromPublication, x.Reason, []),
            FileItemsWithheldFromPublication w => (RegisterChange.ItemsWithheld, w.Reason, RegisterTable.Withheld(w.Items)),
            FileRetired r => (RegisterChange.Retired, r.Reason, (IReadOnlyList<ItemChange>)[]),
            RetentionPeriodExtended x => (RegisterChange.RetentionPeriodExtended, x.Reason,
                [new ItemChange("retention", "保存期間", x.Previous?.ToString() ?? "", x.Extended.ToString())]),
            _ => ((RegisterChange?)null, (string?)null, (IReadOnlyList<ItemChange>)[]),
        };
        if (change is { } c)
            entry.History.Add(new RegisterHistoryEntry(c, Recorded.From(e.Context), e.Context.Ground.Article.Japanese, reason, changes));
        return entry;
    }
}

/// <summary>
/// Keeps <see cref="FileRegisterEntry"/> from every event of the files module: the entry embeds the file's state, which
/// must see each event of its stream (a disposal of its records included) to be the state the commands decide from.
/// </summary>
public sealed class FileRegisterFold() : ReadModelFold<FileRegisterEntry>(
    FileRegisterEntry.Next,
    (entry, version) => entry.Version = entry.File.Version = version,
    typeof(FileRegistered), FilesModule.Module.EventTypes);
