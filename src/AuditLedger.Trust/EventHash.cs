namespace AuditLedger.Trust;

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

/// <summary>
/// One stored event as PostgreSQL holds it in the Marten events table, in the form its hash is taken from.
/// <see cref="Data"/> is the text rendering of the stored jsonb (<c>data::text</c>): jsonb keeps no key order and no
/// duplicate keys of the JSON it was given, so the hash covers what is stored, not what was sent, and can be
/// re-derived from the database exactly, after a rebuild of projections or a dump and restore.
/// </summary>
public sealed record StoredEvent(
    long Sequence,
    Guid StreamId,
    long Version,
    Guid EventId,
    string Type,
    long TimestampMicros,
    string? TenantId,
    string? CorrelationId,
    string Data,
    byte[]? BinaryData)
{
    /// <summary>When set, the UTF-8 bytes of <see cref="Data"/> as read from the database, hashed as they are (the verifier's fast path).</summary>
    public byte[]? DataUtf8 { get; init; }
}

/// <summary>
/// The canonical bytes of an event and of a Merkle leaf. The PostgreSQL trigger (<c>ledger_chain_event</c>) builds the
/// same bytes; this is the reference. All integers are big-endian; a "string" is its UTF-8 bytes preceded by their
/// length as a 4-byte signed integer, or the length -1 (FF FF FF FF) and nothing else for SQL NULL.
/// <code>
/// event hash = SHA-256(
///     "AuditLedger/event/v1" 0x00          21 bytes, domain separation
///     stream id                           16 bytes, the uuid in RFC 9562 (network) byte order, as uuid_send gives it
///     version                              8 bytes, the event's version in its stream (1, 2, ...)
///     event id                            16 bytes, uuid
///     type                                string, Marten's event type alias (column "type")
///     timestamp                            8 bytes, microseconds since 1970-01-01T00:00:00Z (column "timestamp")
///     tenant id                           string or NULL
///     correlation id                      string or NULL
///     data                                string, the jsonb's text rendering (data::text)
///     binary data                         bytes (same length prefix) or NULL (column "bdata")
///     previous hash                       32 bytes, the event hash of version - 1 in the same stream; 32 zero bytes for version 1
/// )
/// leaf       = "AuditLedger/leaf/v1" 0x00 (20 bytes) || sequence (8 bytes, seq_id) || event hash (32 bytes)
/// leaf hash  = SHA-256(0x00 || leaf)                         (RFC 6962 §2.1)
/// </code>
/// Not covered: <c>is_archived</c> (Marten's archiving legitimately changes it) and <c>mt_dotnet_type</c> (a .NET
/// type name, which a rename changes; the alias in "type" is what identifies the event).
/// </summary>
public static class EventHash
{
    public static ReadOnlySpan<byte> EventDomain => "AuditLedger/event/v1\0"u8;

    public static ReadOnlySpan<byte> LeafDomain => "AuditLedger/leaf/v1\0"u8;

    /// <summary>The previous hash of a stream's first event.</summary>
    public static byte[] Genesis() => new byte[MerkleTree.HashSize];

    public static readonly DateTime UnixEpoch = DateTime.UnixEpoch;

    /// <summary>A PostgreSQL timestamptz (microsecond precision) as microseconds since the Unix epoch.</summary>
    public static long ToUnixMicros(DateTime utc) => (utc.ToUniversalTime().Ticks - UnixEpoch.Ticks) / 10;

    public static DateTimeOffset FromUnixMicros(long micros) => new(UnixEpoch.Ticks + micros * 10, TimeSpan.Zero);

    /// <summary>The canonical bytes the event hash is taken over.</summary>
    public static byte[] CanonicalBytes(StoredEvent e, ReadOnlySpan<byte> previous)
    {
        var writer = new Writer();
        writer.Event(e, previous);
        return writer.Written.ToArray();
    }

    public static byte[] Compute(StoredEvent e, ReadOnlySpan<byte> previous) => new EventHasher().Hash(e, previous);

    /// <summary>The leaf of the Merkle tree for the event with this sequence number and event hash.</summary>
    public static byte[] Leaf(long sequence, ReadOnlySpan<byte> eventHash)
    {
        if (eventHash.Length != MerkleTree.HashSize) throw new ArgumentException("An event hash is 32 bytes.", nameof(eventHash));
        var leaf = new byte[LeafDomain.Length + 8 + MerkleTree.HashSize];
        LeafDomain.CopyTo(leaf);
        BinaryPrimitives.WriteInt64BigEndian(leaf.AsSpan(LeafDomain.Length), sequence);
        eventHash.CopyTo(leaf.AsSpan(LeafDomain.Length + 8));
        return leaf;
    }

    public static byte[] LeafHash(long sequence, ReadOnlySpan<byte> eventHash) => MerkleTree.LeafHash(Leaf(sequence, eventHash));

    /// <summary>A growable buffer that writes the canonical layout.</summary>
    internal sealed class Writer
    {
        private byte[] _buffer = new byte[4096];
        private int _length;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Reset() => _length = 0;

        public void Event(StoredEvent e, ReadOnlySpan<byte> previous)
        {
            if (previous.Length != MerkleTree.HashSize) throw new ArgumentException("A previous hash is 32 bytes.", nameof(previous));
            Reset();
            Bytes(EventDomain);
            Uuid(e.StreamId);
            Int64(e.Version);
            Uuid(e.EventId);
            String(e.Type);
            Int64(e.TimestampMicros);
            String(e.TenantId);
            String(e.CorrelationId);
            if (e.DataUtf8 is { } utf8)
            {
                Int32(utf8.Length);
                Bytes(utf8);
            }
            else String(e.Data);
            if (e.BinaryData is null) Int32(-1);
            else
            {
                Int32(e.BinaryData.Length);
                Bytes(e.BinaryData);
            }
            Bytes(previous);
        }

        private Span<byte> Take(int count)
        {
            if (_length + count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
            var span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }

        private void Bytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

        private void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), value);

        private void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

        private void Uuid(Guid value) => value.TryWriteBytes(Take(16), bigEndian: true, out _);

        private void String(string? value)
        {
            if (value is null)
            {
                Int32(-1);
                return;
            }
            var lengthAt = _length;
            Take(4);
            var max = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (_length + max > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + max));
            var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
            _length += written;
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(lengthAt, 4), written);
        }
    }
}

/// <summary>Hashes many events with one reused buffer (the verifier's inner loop). Not thread-safe.</summary>
public sealed class EventHasher
{
    private readonly EventHash.Writer _writer = new();

    public byte[] Hash(StoredEvent e, ReadOnlySpan<byte> previous)
    {
        _writer.Event(e, previous);
        return SHA256.HashData(_writer.Written);
    }
}
