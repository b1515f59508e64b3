namespace AuditLedger.Host.Web;

/// <summary>
/// How the pages, the calendar feed and the receipt numbers print a stream (a case, record, file or incident) beside its
/// kind: the last 8 hex digits of its id, upper case (開示請求 909C39B6), short enough to read aloud at the counter; the link
/// carries the whole id. The last digits, because the first ones of a time-ordered (version 7) id repeat for streams begun
/// close together. A request case's receipt number is its receipt day and this (<see cref="Requests.ReceiptNumbers"/>).
/// </summary>
public static class StreamReference
{
    public static string Short(Guid id) => id.ToString("N")[^8..].ToUpperInvariant();
}
