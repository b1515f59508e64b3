namespace AuditLedger.Host.Access;

using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using Marten;

/// <summary>
/// Which reads of personal data to list: by reader (職員番号), by the Japan days of a period (both inclusive), by the stream read.
/// Every part is optional.
/// </summary>
public sealed record PersonalDataReadFilter(string? ReaderId, DateOnly? From, DateOnly? To, Guid? StreamId);

/// <summary>
/// The log of reads of personal data (個人情報の閲覧の記録, Art. 9, 10) as the auditors read it: the
/// <see cref="PersonalDataRead"/> events (who read, in which role, whose data by data subject id, from which stream, through
/// which channel, when and why), newest first. The log holds no personal data itself (subject ids, never names).
/// </summary>
public static class PersonalDataReads
{
    /// <summary>At most this many reads are answered (newest first); narrow the filter for older ones.</summary>
    public const int Limit = 500;

    public static async Task<IReadOnlyList<PersonalDataRead>> Find(IQuerySession session, PersonalDataReadFilter filter, CancellationToken ct)
    {
        IQueryable<PersonalDataRead> query = session.Events.QueryRawEventDataOnly<PersonalDataRead>();
        if (!string.IsNullOrWhiteSpace(filter.ReaderId))
        {
            var reader = filter.ReaderId.Trim();
            query = query.Where(r => r.ReaderId == reader);
        }
        if (filter.StreamId is { } stream) query = query.Where(r => r.StreamId == stream);
        if (filter.From is { } from)
        {
            var start = JapanDate.StartOf(from).ToUniversalTime();
            query = query.Where(r => r.Context.OccurredAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = JapanDate.StartOf(to.AddDays(1)).ToUniversalTime();
            query = query.Where(r => r.Context.OccurredAt < end);
        }
        return await query.OrderByDescending(r => r.Context.OccurredAt).Take(Limit).ToListAsync(ct);
    }
}
