namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Law;

/// <summary>Why a record may not be erased or disposed of yet: a case that still needs it (Art. 9(1), prevention of loss).</summary>
public enum RecordHoldKind
{
    /// <summary>A disclosure, correction or suspension request not yet decided or withdrawn names the record.</summary>
    PendingRequest,
    /// <summary>A leak, loss or damage incident not yet closed names the record.</summary>
    OpenIncident,
}

/// <summary>A case that still needs a record: its kind and its stream id.</summary>
public sealed record RecordHold(Guid RecordId, RecordHoldKind Kind, Guid CaseId)
{
    public string Describe() => Kind == RecordHoldKind.PendingRequest
        ? $"処理中の請求事案 {CaseId} / pending request {CaseId}"
        : $"終結していない漏えい等事案 {CaseId} / open incident {CaseId}";
}

/// <summary>Which data keys an erasure destroys.</summary>
public enum KeysDestroyed
{
    /// <summary>The keys of the erased records' streams alone: the person's other records, cases and incidents read in full.</summary>
    RecordStreams,
    /// <summary>The record's stream keys and the person's one key from before keys were per stream (the person has no other held record).</summary>
    RecordStreamsAndPersonWideKey,
    /// <summary>Every key of the person, in every stream (records, cases, reviews, incidents), in one statement.</summary>
    AllOfThePerson,
}

/// <summary>What an erasure does: the records it erases (the command's first) and the keys it destroys.</summary>
public sealed record ErasurePlan(IReadOnlyList<Guid> RecordIds, KeysDestroyed Keys);

/// <summary>
/// The scope of an erasure (Art. 40, 9), decided without a database. Keys are per person and stream, so:
/// <list type="bullet">
/// <item>erasing or disposing of one record destroys that record's keys alone; the person's other records read in full;</item>
/// <item>erasing the person (<see cref="EraseRecord.EraseAllHeldRecordsOfThePerson"/>) erases each held record and destroys every
/// key of the person, which also shreds their name in request cases and incidents: only an Art. 40 erasure decision may do
/// that (<see cref="Rules.PersonErasureNeedsDecision"/>);</item>
/// <item>a record a pending request or open incident still needs is not erased (<see cref="Rules.RecordStillNeeded"/>, Art. 9(1));</item>
/// <item>a record sealed before keys were per stream shares the person's one key: destroying it alone is refused while the person
/// has other held records (<see cref="Rules.ErasureWouldShredOtherRecords"/>, Art. 40 "必要な限度で", Art. 9).</item>
/// </list>
/// </summary>
public static class ErasureScope
{
    /// <param name="record">The record the command names (held, not erased).</param>
    /// <param name="otherHeldRecords">The person's other records not erased.</param>
    /// <param name="holds">The cases that still need any of the person's records.</param>
    /// <param name="personWideKeyExists">Whether the person still has a key from before keys were per stream.</param>
    public static ErasurePlan Decide(EraseRecord command, RetainedRecord record, IReadOnlyList<RetainedRecord> otherHeldRecords,
        IReadOnlyList<RecordHold> holds, bool personWideKeyExists)
    {
        if (command.EraseAllHeldRecordsOfThePerson)
        {
            if (command.Reason != ErasureReason.ErasureDecision) throw new LedgerRuleViolation(Rules.PersonErasureNeedsDecision);
            var all = otherHeldRecords.Select(r => r.Id).Prepend(record.Id).ToList();
            RefuseHeld(all, holds);
            return new ErasurePlan(all, KeysDestroyed.AllOfThePerson);
        }
        RefuseHeld([record.Id], holds);
        if (!personWideKeyExists) return new ErasurePlan([record.Id], KeysDestroyed.RecordStreams);
        if (otherHeldRecords.Count > 0)
            throw new LedgerRuleViolation(Rules.ErasureWouldShredOtherRecords,
                $"Other held records of the same person: {string.Join(", ", otherHeldRecords.Select(r => r.Id))}.");
        return new ErasurePlan([record.Id], KeysDestroyed.RecordStreamsAndPersonWideKey);
    }

    private static void RefuseHeld(IReadOnlyList<Guid> records, IReadOnlyList<RecordHold> holds)
    {
        var needed = holds.Where(h => records.Contains(h.RecordId)).ToList();
        if (needed.Count > 0)
            throw new LedgerRuleViolation(Rules.RecordStillNeeded, string.Join("; ", needed.Select(h => $"{h.RecordId}: {h.Describe()}")));
    }
}
