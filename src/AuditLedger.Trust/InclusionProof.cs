namespace AuditLedger.Trust;

using System.Security.Cryptography;

/// <summary>The event as stored, carried in a proof so that the auditor re-derives its hash instead of trusting one.</summary>
public sealed record ProvenEvent
{
    public required long Sequence { get; init; }
    public required Guid StreamId { get; init; }
    public required long Version { get; init; }
    public required Guid EventId { get; init; }
    public required string Type { get; init; }
    public required long TimestampMicros { get; init; }
    /// <summary>Informative (UTC); the hashed value is <see cref="TimestampMicros"/>.</summary>
    public string? Timestamp { get; init; }
    public required string? TenantId { get; init; }
    public required string? CorrelationId { get; init; }
    /// <summary>The stored jsonb's text rendering, exactly the hashed characters.</summary>
    public required string Data { get; init; }
    /// <summary>Base64 of the stored binary payload, or null.</summary>
    public required string? BinaryData { get; init; }

    public static ProvenEvent From(StoredEvent e) => new()
    {
        Sequence = e.Sequence,
        StreamId = e.StreamId,
        Version = e.Version,
        EventId = e.EventId,
        Type = e.Type,
        TimestampMicros = e.TimestampMicros,
        Timestamp = EventHash.FromUnixMicros(e.TimestampMicros).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        TenantId = e.TenantId,
        CorrelationId = e.CorrelationId,
        Data = e.Data,
        BinaryData = e.BinaryData is null ? null : Convert.ToBase64String(e.BinaryData),
    };

    public StoredEvent ToStoredEvent() => new(Sequence, StreamId, Version, EventId, Type, TimestampMicros, TenantId, CorrelationId, Data,
        BinaryData is null ? null : TrustJson.Base64(BinaryData, "event.binaryData"));
}

/// <summary>
/// <c>prove EVENT-SEQ</c>: the event, its hash inputs, its leaf index and audit path in the tree of a signed checkpoint.
/// Checked by <see cref="ProofVerifier"/> with the public key alone, without the database or the service.
/// </summary>
public sealed record InclusionProofDocument
{
    public const string FormatName = "auditledger-inclusion-proof/v1";

    public required string Format { get; init; }
    public required ProvenEvent Event { get; init; }
    /// <summary>Hex: the event hash of the previous version in the stream (zeros for version 1), an input of this event's hash.</summary>
    public required string PreviousHash { get; init; }
    /// <summary>Hex: the event hash as the ledger recorded it when the event was appended.</summary>
    public required string EventHash { get; init; }
    public required long LeafIndex { get; init; }
    public required long TreeSize { get; init; }
    /// <summary>Hex hashes, from the leaf upwards (RFC 6962 §2.1.1).</summary>
    public required IReadOnlyList<string> AuditPath { get; init; }
    public required CheckpointDocument Checkpoint { get; init; }

    public static InclusionProofDocument Parse(string json) => TrustJson.Read<InclusionProofDocument>(json, "proof");
}

public sealed record ProofCheck(string Name, bool Passed, string Detail);

public sealed record ProofVerdict(bool Valid, IReadOnlyList<ProofCheck> Checks)
{
    public string? FirstFailure => Checks.FirstOrDefault(c => !c.Passed)?.Detail;
}

/// <summary>The auditor's check of an inclusion proof: no database, no service, only the proof and the public key.</summary>
public static class ProofVerifier
{
    public static ProofVerdict Verify(InclusionProofDocument proof, CheckpointKey publicKey)
    {
        if (proof.Format != InclusionProofDocument.FormatName)
            throw new TrustInputException($"Not an inclusion proof of this ledger: format is \"{proof.Format}\", expected \"{InclusionProofDocument.FormatName}\".");
        var checks = new List<ProofCheck>();
        var checkpoint = proof.Checkpoint.ToCheckpoint();
        var previous = TrustJson.Hash(proof.PreviousHash, "previousHash");
        var claimedHash = TrustJson.Hash(proof.EventHash, "eventHash");
        var path = proof.AuditPath.Select((h, i) => TrustJson.Hash(h, $"auditPath[{i}]")).ToList();
        var e = proof.Event.ToStoredEvent();

        checks.Add(new("checkpoint key", checkpoint.KeyId == publicKey.KeyId,
            checkpoint.KeyId == publicKey.KeyId ? $"signed with key {publicKey.KeyId}" : $"the checkpoint names key {checkpoint.KeyId}, the given public key is {publicKey.KeyId}"));
        var signed = publicKey.Verify(checkpoint.Statement(), checkpoint.Signature);
        checks.Add(new("checkpoint signature", signed, signed ? "the checkpoint's signature is valid" : "the checkpoint's signature does not verify with the given public key"));

        var recomputed = EventHash.Compute(e, previous);
        var hashMatches = CryptographicOperations.FixedTimeEquals(recomputed, claimedHash);
        checks.Add(new("event hash", hashMatches, hashMatches
            ? $"the event's canonical bytes hash to {proof.EventHash}"
            : $"the event as given hashes to {Convert.ToHexStringLower(recomputed)}, not to the recorded {proof.EventHash}"));

        var sizeMatches = proof.TreeSize == checkpoint.TreeSize;
        checks.Add(new("tree size", sizeMatches, sizeMatches ? $"tree of {proof.TreeSize} events" : $"the proof is for a tree of {proof.TreeSize}, the checkpoint covers {checkpoint.TreeSize}"));
        var covered = e.Sequence <= checkpoint.SealedThroughSequence;
        checks.Add(new("sealed", covered, covered ? $"sequence {e.Sequence} is within the checkpoint (through {checkpoint.SealedThroughSequence})" : $"sequence {e.Sequence} is after the checkpoint's last sealed sequence {checkpoint.SealedThroughSequence}"));

        var leafHash = EventHash.LeafHash(e.Sequence, recomputed);
        var included = MerkleTree.VerifyInclusion(proof.LeafIndex, checkpoint.TreeSize, leafHash, path, checkpoint.RootHash);
        checks.Add(new("inclusion", included, included
            ? $"leaf {proof.LeafIndex} with its {path.Count}-hash audit path leads to the checkpoint's root {Convert.ToHexStringLower(checkpoint.RootHash)}"
            : $"leaf {proof.LeafIndex} with the given audit path does not lead to the checkpoint's root (RFC 9162 §2.1.3.2)"));

        return new ProofVerdict(checks.All(c => c.Passed), checks);
    }
}
