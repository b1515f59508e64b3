namespace AuditLedger.Domain.Common;

using AuditLedger.Domain.Law;

/// <summary>
/// The order of time in the record itself (第3条 適正な取扱いの確保): an action is never dated after the moment it is recorded,
/// nor before the start of the stream it is recorded on. Shared by every module.
/// </summary>
public static class Chronology
{
    /// <summary>Raised by <see cref="LedgerCommand.ContextAt"/>, which every command's decision goes through.</summary>
    public static readonly LedgerRule OccurredInFuture = new(
        "chronology.occurred-in-future", ArticleRef.Ordinance(3),
        "発生日時が記録日時より後になっています。実際に行われた日時を入力してください（第3条：適正な取扱いの確保）。",
        "The action is dated after the moment it is being recorded. Enter the time it actually happened (Art. 3: proper handling).");

    public static readonly LedgerRule OccurredBeforeStart = new(
        "chronology.before-stream-start", ArticleRef.Ordinance(3),
        "発生日時が対象の登録・取得・検知より前になっています。日付の順序を確認してください（第3条）。",
        "The action is dated before the file was registered, the record acquired or the incident detected. Check the order of the dates (Art. 3).");

    /// <summary>Refuses an action dated before the start of the stream it is recorded on.</summary>
    public static void NotBefore(EventContext context, DateTimeOffset streamStart, string what)
    {
        if (context.OccurredAt < streamStart)
            throw new LedgerRuleViolation(OccurredBeforeStart,
                $"The action is dated {context.OccurredAt:O}, before the {what} at {streamStart:O}.");
    }

    /// <summary>The chronology rules, shared by every module.</summary>
    public static IReadOnlyList<LedgerRule> Rules { get; } = [OccurredInFuture, OccurredBeforeStart];
}
