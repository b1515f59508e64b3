namespace AuditLedger.Domain.Common;

using System.Text;
using AuditLedger.Domain.Law;

/// <summary>
/// One part of the law as the ledger keeps it (個人情報ファイル, 保有個人情報, 請求, 審査請求, 漏えい等, 利用者・閲覧): the events its
/// streams are made of, the commands a clerk gives it and the rules those commands are refused by. Each module declares
/// itself in its folder (<c>Files/FilesModule.cs</c>, …); <see cref="LedgerModules.All"/> lists them. Projections, the
/// store's event names, the rule catalog and the completeness tests read these lists, so none is kept twice.
/// </summary>
/// <param name="Name">Stable English name (<c>files</c>, <c>records</c>, …), as the host's folders are named.</param>
/// <param name="Japanese">What clerks call it, with the articles it implements (e.g. 個人情報ファイル（第17条）).</param>
/// <param name="Events">Every event of the module, in the order a stream usually meets them.</param>
/// <param name="Commands">Every command of the module (the use cases, one file each).</param>
/// <param name="Rules">Every rule its commands are refused by, each declared beside the check that raises it.</param>
public sealed record LedgerModule(
    string Name, string Japanese, IReadOnlyList<LedgerEventType> Events, IReadOnlyList<Type> Commands, IReadOnlyList<LedgerRule> Rules)
{
    /// <summary>The event types alone, for a fold that evolves this module's states.</summary>
    public IReadOnlyList<Type> EventTypes { get; } = [.. Events.Select(e => e.Type)];
}

/// <summary>
/// An event type, the name the store keeps it under (Marten's <c>mt_events.type</c>, covered by the hash chain) and what
/// the timeline, the reports and the published tables call it in Japanese. The stored name is the snake case of the type's
/// name unless the type was renamed: then it keeps the name it was first stored under, so that old events still read and
/// the chain still verifies.
/// </summary>
/// <param name="Japanese">The event as the ordinance and the annual reports name it (e.g. 決定（開示決定等）): the one label of the event.</param>
public sealed record LedgerEventType(Type Type, string StoredName, string Japanese)
{
    /// <param name="japanese">The event as the ordinance and the annual reports name it, shown in the timeline and the reports.</param>
    /// <param name="storedAs">The stored name when it differs from the type's (a type renamed after events were stored).</param>
    public static LedgerEventType Of<TEvent>(string japanese, string? storedAs = null) where TEvent : ILedgerEvent =>
        new(typeof(TEvent), storedAs ?? SnakeCase(typeof(TEvent).Name), japanese);

    /// <summary>Marten's default event name: <c>RecordAcquired</c> → <c>record_acquired</c>.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
