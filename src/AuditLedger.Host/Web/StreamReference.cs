namespace AuditLedger.Host.Web;

/// <summary>
/// How the pages print a stream (a case, record, file or incident) beside its kind: the first 8 characters of its id
/// (開示請求 1a2b3c4d), short enough to read aloud at the counter; the link carries the whole id.
/// </summary>
public static class StreamReference
{
    public static string Short(Guid id) => id.ToString("N")[..8];
}
