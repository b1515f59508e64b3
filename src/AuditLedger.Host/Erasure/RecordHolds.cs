namespace AuditLedger.Host.Erasure;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using Marten;

/// <summary>What the erasure and disposal decisions (<see cref="ErasureScope"/>, <see cref="RecordDisposal"/>) need from the store.</summary>
public static class RecordHolds
{
    /// <summary>The pending request cases and open incidents that name any of <paramref name="recordIds"/> (Art. 9(1)).</summary>
    public static async Task<IReadOnlyList<RecordHold>> For(IQuerySession session, IReadOnlyCollection<Guid> recordIds, CancellationToken ct)
    {
        if (recordIds.Count == 0) return [];
        var wanted = recordIds.ToHashSet();
        var cases = await session.Query<RequestCase>().Where(c => c.Status == CaseStatus.Open).ToListAsync(ct);
        var incidents = await session.Query<LeakIncident>().Where(i => i.Status == IncidentStatus.Open).ToListAsync(ct);
        return
        [
            .. cases.SelectMany(c => c.RecordIds.Where(wanted.Contains).Distinct().Select(r => new RecordHold(r, RecordHoldKind.PendingRequest, c.Id))),
            .. incidents.SelectMany(i => i.AffectedRecordIds.Where(wanted.Contains).Distinct().Select(r => new RecordHold(r, RecordHoldKind.OpenIncident, i.Id))),
        ];
    }

    /// <summary>The held (not erased) records of the persons, by person.</summary>
    public static async Task<ILookup<Guid, RetainedRecord>> HeldRecordsOf(IQuerySession session, IReadOnlyCollection<Guid> subjects, CancellationToken ct)
    {
        var ids = subjects.Distinct().ToArray();
        var held = await session.Query<RetainedRecord>().Where(r => ids.Contains(r.DataSubjectId) && r.Status != RecordStatus.Erased).ToListAsync(ct);
        return held.OrderBy(r => r.AcquiredAt).ToLookup(r => r.DataSubjectId);
    }

    /// <summary>The records of every file (or of one) past retention on the Japan date <paramref name="today"/>, with what still needs them.</summary>
    public static async Task<IReadOnlyList<(PersonalInformationFile File, DisposalDue Due)>> DisposalDue(IQuerySession session, Guid? fileId, DateOnly today, CancellationToken ct)
    {
        var files = fileId is { } id
            ? [.. new[] { await session.LoadAsync<PersonalInformationFile>(id, ct) }.OfType<PersonalInformationFile>()]
            : await session.Query<PersonalInformationFile>().ToListAsync(ct);
        var withRetention = files.Where(f => f.Items.Retention is { Permanent: false }).ToList();
        if (withRetention.Count == 0) return [];
        var fileIds = withRetention.Select(f => f.Id).ToArray();
        var records = await session.Query<RetainedRecord>().Where(r => fileIds.Contains(r.FileId) && r.Status != RecordStatus.Erased).ToListAsync(ct);
        var holds = await For(session, [.. records.Select(r => r.Id)], ct);
        return [.. withRetention.SelectMany(f => RecordDisposal.Due(f, records, holds, today).Select(d => (f, d)))];
    }
}
