namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

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
/// that (<see cref="PersonErasureNeedsDecision"/>);</item>
/// <item>a record a pending request or open incident still needs is not erased (<see cref="RecordStillNeeded"/>, Art. 9(1));</item>
/// <item>a record sealed before keys were per stream shares the person's one key: destroying it alone is refused while the person
/// has other held records (<see cref="ErasureWouldShredOtherRecords"/>, Art. 40 "必要な限度で", Art. 9).</item>
/// </list>
/// </summary>
public static class ErasureScope
{
    public static readonly LedgerRule PersonErasureNeedsDecision = new(
        "record.person-erasure-needs-decision", Ordinance(40),
        "本人の保有個人情報をすべて消去し、本人の鍵をすべて破棄する（請求事案・漏えい等事案に記録された氏名等も読めなくなる）には、第40条の消去決定が必要です。不要となった記録の廃棄は記録ごとに行ってください（eraseAllHeldRecordsOfThePerson を指定しない）。",
        "Erasing all of a person's records and destroying all of the person's keys (their name in request cases and incidents becomes unreadable too) needs an erasure decision under Art. 40 (reason ErasureDecision with its reference). Dispose of records no longer needed one by one (without eraseAllHeldRecordsOfThePerson).");

    public static readonly LedgerRule ErasureWouldShredOtherRecords = new(
        "record.erasure-shreds-other-records", Ordinance(40),
        "この保有個人情報は、鍵が記録ごとになる前に本人単位の鍵で封印されたため、その鍵を破棄すると同じ本人の他の保有個人情報（消去されていないもの）も読めなくなります。利用停止は請求に係る保有個人情報に「必要な限度で」行い（第40条）、他の保有個人情報の滅失は防がなければなりません（第9条）。本人の保有個人情報をすべて消去する消去決定である場合に限り、eraseAllHeldRecordsOfThePerson を指定してください。",
        "This record's personal data was sealed under the person's one key, before keys were per record: destroying it would also make the person's other held (not erased) records unreadable. Suspension of use reaches only the records requested, 'to the extent necessary' (Art. 40), and the loss of other retained records must be prevented (Art. 9). Only when an erasure decision covers all of the person's records, set eraseAllHeldRecordsOfThePerson.");

    /// <param name="record">The record the command names (held, not erased).</param>
    /// <param name="otherHeldRecords">The person's other records not erased.</param>
    /// <param name="holds">The cases that still need any of the person's records.</param>
    /// <param name="personWideKeyExists">Whether the person still has a key from before keys were per stream.</param>
    public static ErasurePlan Decide(EraseRecord command, RetainedRecord record, IReadOnlyList<RetainedRecord> otherHeldRecords,
        IReadOnlyList<RecordHold> holds, bool personWideKeyExists)
    {
        if (command.EraseAllHeldRecordsOfThePerson)
        {
            if (command.Reason != ErasureReason.ErasureDecision) throw new LedgerRuleViolation(PersonErasureNeedsDecision);
            var all = otherHeldRecords.Select(r => r.Id).Prepend(record.Id).ToList();
            RefuseHeld(all, holds);
            return new ErasurePlan(all, KeysDestroyed.AllOfThePerson);
        }
        RefuseHeld([record.Id], holds);
        if (!personWideKeyExists) return new ErasurePlan([record.Id], KeysDestroyed.RecordStreams);
        if (otherHeldRecords.Count > 0)
            throw new LedgerRuleViolation(ErasureWouldShredOtherRecords,
                $"Other held records of the same person: {string.Join(", ", otherHeldRecords.Select(r => r.Id))}.");
        return new ErasurePlan([record.Id], KeysDestroyed.RecordStreamsAndPersonWideKey);
    }

    public static readonly LedgerRule RecordStillNeeded = new(
        "record.still-needed", Ordinance(9, 1),
        "この保有個人情報は、処理中の開示・訂正・利用停止請求事案、又は終結していない漏えい等事案の対象です。消去・廃棄するとその処理に必要な情報が失われます（第9条第1項：滅失の防止）。事案の決定・取下げ・終結の後に消去してください。",
        "This retained record is the subject of a pending disclosure, correction or suspension request, or of an incident not yet closed: erasing or disposing of it would lose what that case needs (Art. 9(1): prevention of loss). Erase it after the case is decided or withdrawn, or the incident closed.");

    private static void RefuseHeld(IReadOnlyList<Guid> records, IReadOnlyList<RecordHold> holds)
    {
        var needed = holds.Where(h => records.Contains(h.RecordId)).ToList();
        if (needed.Count > 0)
            throw new LedgerRuleViolation(RecordStillNeeded, string.Join("; ", needed.Select(h => $"{h.RecordId}: {h.Describe()}")));
    }

    /// <summary>The rules an erasure's scope is refused by (Art. 9(1), 40); a disposal run keeps the record and lists the rule instead.</summary>
    public static readonly IReadOnlyList<LedgerRule> Rules = [PersonErasureNeedsDecision, ErasureWouldShredOtherRecords, RecordStillNeeded];
}
