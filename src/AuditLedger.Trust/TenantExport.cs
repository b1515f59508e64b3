namespace AuditLedger.Trust;

using System.Security.Cryptography;
using System.Text;

/// <summary>
/// A whole tenant's ledger, exported (<c>export --tenant T --out DIR</c>) to be verified offline (<c>verify-export DIR</c>):
/// <list type="bullet">
/// <item><c>manifest.json</c>: format, tenant, the number of events and checkpoints;</item>
/// <item><c>events.jsonl</c>: one line per event of the tenant, in sequence order: the event as stored (what its hash covers,
///   <see cref="ProvenEvent"/>) and the hash the ledger recorded when it was appended;</item>
/// <item><c>checkpoints.json</c>: every signed checkpoint of the tenant;</item>
/// <item><c>public-key.pem</c>: the ledger's public key (an auditor should compare it with one obtained independently).</item>
/// </list>
/// </summary>
public static class TenantExport
{
    public const string FormatName = "auditledger-tenant-export/v1";
    public const string ManifestFile = "manifest.json";
    public const string EventsFile = "events.jsonl";
    public const string CheckpointsFile = "checkpoints.json";
    public const string PublicKeyFile = "public-key.pem";

    public sealed record Manifest
    {
        public required string Format { get; init; }
        public required string Tenant { get; init; }
        public required long Events { get; init; }
        public required int Checkpoints { get; init; }
    }

    /// <summary>One line of <c>events.jsonl</c>.</summary>
    public sealed record ExportedEvent
    {
        public required ProvenEvent Event { get; init; }
        /// <summary>Hex: the event hash recorded at append time.</summary>
        public required string Hash { get; init; }
    }

    public static void Write(string directory, string tenant, IEnumerable<ExportedEvent> events, IReadOnlyList<CheckpointDocument> checkpoints, string publicKeyPem)
    {
        Directory.CreateDirectory(directory);
        long n = 0;
        using (var writer = new StreamWriter(Path.Combine(directory, EventsFile), false, new UTF8Encoding(false)))
        {
            var compact = new System.Text.Json.JsonSerializerOptions(TrustJson.Options) { WriteIndented = false };
            foreach (var e in events)
            {
                writer.Write(System.Text.Json.JsonSerializer.Serialize(e, compact));
                writer.Write('\n');
                n++;
            }
        }
        File.WriteAllText(Path.Combine(directory, CheckpointsFile), TrustJson.Write(checkpoints) + "\n");
        File.WriteAllText(Path.Combine(directory, PublicKeyFile), publicKeyPem);
        File.WriteAllText(Path.Combine(directory, ManifestFile), TrustJson.Write(new Manifest { Format = FormatName, Tenant = tenant, Events = n, Checkpoints = checkpoints.Count }) + "\n");
    }

    public sealed record Verdict(bool Valid, string Tenant, long Events, int CheckpointsChecked, string? FirstFailure, long? FailedSequence, Guid? FailedEvent);

    /// <summary>
    /// Verifies an export with <paramref name="key"/>: every event's hash re-derived from its stored form and its stream's
    /// chain, and compared with the recorded one (naming the first that differs); the tree of the recorded hashes, in
    /// sequence order, against every checkpoint, each signed for this tenant by the key.
    /// </summary>
    public static Verdict Verify(string directory, CheckpointKey key)
    {
        string Read(string name)
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path)) throw new TrustInputException($"The export {directory} has no {name}.");
            return File.ReadAllText(path);
        }
        var manifest = TrustJson.Read<Manifest>(Read(ManifestFile), "manifest");
        if (manifest.Format != FormatName) throw new TrustInputException($"Not a tenant export of this ledger: format is \"{manifest.Format}\", expected \"{FormatName}\".");
        var tenant = manifest.Tenant;
        var checkpoints = TrustJson.Read<List<CheckpointDocument>>(Read(CheckpointsFile), "checkpoints").Select(c => c.ToCheckpoint()).OrderBy(c => c.TreeSize).ToList();
        Verdict Fail(string why, long? sequence = null, Guid? id = null, long events = 0, int checkedCount = 0) => new(false, tenant, events, checkedCount, why, sequence, id);

        foreach (var c in checkpoints)
        {
            if (c.KeyId != key.KeyId) return Fail($"the checkpoint of {c.TreeSize} events names key {c.KeyId}, the given public key is {key.KeyId}");
            if (!c.IsSignedBy(key)) return Fail($"the checkpoint of {c.TreeSize} events has a signature that does not verify with the given public key");
            // A checkpoint from before tenancy names no tenant; every later one names the tenant it was sealed for.
            if (c.Tenant is not null && c.Tenant != tenant) return Fail($"the checkpoint of {c.TreeSize} events is {c.Tenant}'s, not {tenant}'s");
        }

        var tips = new Dictionary<Guid, (long Version, byte[] Hash)>();
        var tree = new MerkleFrontier();
        var hasher = new EventHasher();
        var next = 0;
        long events = 0, lastSequence = 0;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(Path.Combine(directory, EventsFile)))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var exported = TrustJson.Read<ExportedEvent>(line, $"{EventsFile} line {lineNumber}");
            var e = exported.Event.ToStoredEvent();
            var recorded = TrustJson.Hash(exported.Hash, $"{EventsFile} line {lineNumber} hash");
            if (e.Sequence <= lastSequence) return Fail($"{EventsFile} line {lineNumber}: sequence {e.Sequence} is not after {lastSequence}", e.Sequence, e.EventId, events);
            while (next < checkpoints.Count && checkpoints[next].SealedThroughSequence < e.Sequence)
                if (Check(checkpoints[next++]) is { } failure) return Fail(failure, e.Sequence, null, events, next - 1);
            var previous = e.Version == 1 ? EventHash.Genesis()
                : tips.TryGetValue(e.StreamId, out var tip) && tip.Version == e.Version - 1 ? tip.Hash
                : null;
            if (previous is null)
                return Fail($"event {e.EventId} (sequence {e.Sequence}, version {e.Version} of stream {e.StreamId}): version {e.Version - 1} of its stream is not in the export", e.Sequence, e.EventId, events, next);
            var hash = hasher.Hash(e, previous);
            if (!CryptographicOperations.FixedTimeEquals(hash, recorded))
                return Fail($"event {e.EventId} (sequence {e.Sequence}, version {e.Version} of stream {e.StreamId}) hashes to {Convert.ToHexStringLower(hash)}; the ledger recorded {exported.Hash} when it was appended: it was changed",
                    e.Sequence, e.EventId, events, next);
            tips[e.StreamId] = (e.Version, recorded);
            tree.Append(EventHash.LeafHash(e.Sequence, recorded));
            events++;
            lastSequence = e.Sequence;
        }
        while (next < checkpoints.Count)
            if (Check(checkpoints[next++]) is { } failure) return Fail(failure, null, null, events, next - 1);
        if (events != manifest.Events) return Fail($"the manifest lists {manifest.Events} events; {EventsFile} holds {events}", null, null, events, next);
        return new(true, tenant, events, checkpoints.Count, null, null, null);

        string? Check(SignedCheckpoint c) =>
            tree.Size != c.TreeSize ? $"the checkpoint of {c.TreeSize} events (through sequence {c.SealedThroughSequence}) covers {c.TreeSize} events; the export holds {tree.Size} through that sequence"
            : !CryptographicOperations.FixedTimeEquals(tree.Root(), c.RootHash) ? $"the checkpoint of {c.TreeSize} events has root {Convert.ToHexStringLower(c.RootHash)}; the exported events give {Convert.ToHexStringLower(tree.Root())}"
            : null;
    }
}
