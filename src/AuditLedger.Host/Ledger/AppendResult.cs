namespace AuditLedger.Host.Ledger;

/// <summary>What a successful command appended: the stream, its new version, and the event types.</summary>
public sealed record AppendResult(Guid StreamId, long Version, IReadOnlyList<string> Events);
