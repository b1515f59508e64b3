namespace AuditLedger.Trust.Tests;

using System.Text.Json.Nodes;

/// <summary>Signed checkpoints, the canonical event bytes and the standalone proof verifier, without a database.</summary>
public sealed class CheckpointAndProofTests
{
    private static readonly StoredEvent Sample = new(
        Sequence: 42,
        StreamId: Guid.Parse("01a20e77-e0eb-7bae-9884-5d47780b61c4"),
        Version: 2,
        EventId: Guid.Parse("0a0b0c0d-0e0f-4011-8213-141516171819"),
        Type: "record_acquired",
        TimestampMicros: 1_795_539_067_302_941,
        TenantId: "*DEFAULT*",
        CorrelationId: null,
        Data: """{"Name": "浦安 花子", "Items": [1, 2]}""",
        BinaryData: null);

    [Fact]
    public void the_canonical_bytes_follow_the_documented_layout()
    {
        var previous = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var bytes = EventHash.CanonicalBytes(Sample, previous);
        var expected = new List<byte>();
        expected.AddRange("AuditLedger/event/v1\0"u8.ToArray());
        expected.AddRange(Convert.FromHexString("01a20e77e0eb7bae98845d47780b61c4"));
        expected.AddRange(Convert.FromHexString("0000000000000002"));
        expected.AddRange(Convert.FromHexString("0a0b0c0d0e0f40118213141516171819"));
        expected.AddRange(Convert.FromHexString("0000000f"));
        expected.AddRange("record_acquired"u8.ToArray());
        expected.AddRange(BitConverter.GetBytes(1_795_539_067_302_941L).Reverse());
        expected.AddRange(Convert.FromHexString("00000009"));
        expected.AddRange("*DEFAULT*"u8.ToArray());
        expected.AddRange(Convert.FromHexString("ffffffff"));
        var data = System.Text.Encoding.UTF8.GetBytes(Sample.Data);
        expected.AddRange(BitConverter.GetBytes(data.Length).Reverse());
        expected.AddRange(data);
        expected.AddRange(Convert.FromHexString("ffffffff"));
        expected.AddRange(previous);
        bytes.ShouldBe(expected.ToArray());
        EventHash.Compute(Sample, previous).ShouldBe(System.Security.Cryptography.SHA256.HashData(expected.ToArray()));
    }

    [Fact]
    public void every_field_changes_the_hash()
    {
        var genesis = EventHash.Genesis();
        var baseline = Convert.ToHexStringLower(EventHash.Compute(Sample, genesis));
        StoredEvent[] variants =
        [
            Sample with { StreamId = Guid.NewGuid() }, Sample with { Version = 3 }, Sample with { EventId = Guid.NewGuid() },
            Sample with { Type = "record_acquireD" }, Sample with { TimestampMicros = Sample.TimestampMicros + 1 },
            Sample with { TenantId = null }, Sample with { CorrelationId = "" }, Sample with { Data = Sample.Data.Replace("花子", "太郎") },
            Sample with { BinaryData = [] },
        ];
        foreach (var variant in variants) Convert.ToHexStringLower(EventHash.Compute(variant, genesis)).ShouldNotBe(baseline, variant.ToString());
        var other = EventHash.Genesis();
        other[0] = 1;
        Convert.ToHexStringLower(EventHash.Compute(Sample, other)).ShouldNotBe(baseline);
        // The sequence number is bound by the leaf, not the event hash.
        EventHash.LeafHash(42, genesis).ShouldNotBe(EventHash.LeafHash(43, genesis));
    }

    [Fact]
    public void a_checkpoint_verifies_with_its_key_and_with_no_other_and_not_after_any_change()
    {
        using var key = CheckpointKey.Generate();
        using var other = CheckpointKey.Generate();
        var root = MerkleTree.LeafHash([1, 2, 3]);
        var checkpoint = SignedCheckpoint.Sign(key, 10, root, 12, 1_795_539_067_302_941);
        checkpoint.IsSignedBy(key).ShouldBeTrue();
        checkpoint.IsSignedBy(key.PublicOnly()).ShouldBeTrue();
        checkpoint.IsSignedBy(other).ShouldBeFalse();
        (checkpoint with { TreeSize = 11 }).IsSignedBy(key).ShouldBeFalse();
        (checkpoint with { RootHash = MerkleTree.EmptyRoot() }).IsSignedBy(key).ShouldBeFalse();
        (checkpoint with { SealedThroughSequence = 13 }).IsSignedBy(key).ShouldBeFalse();
        (checkpoint with { IssuedAtMicros = checkpoint.IssuedAtMicros + 1 }).IsSignedBy(key).ShouldBeFalse();
        (checkpoint with { KeyId = other.KeyId }).IsSignedBy(other).ShouldBeFalse();

        var json = TrustJson.Write(checkpoint.ToDocument());
        var parsed = CheckpointDocument.Parse(json);
        parsed.IsSignedBy(key).ShouldBeTrue();
        parsed.ShouldBeEquivalentTo(checkpoint);
    }

    public static TheoryData<string, string> MalformedCheckpoints => new()
    {
        { "not json", "{" },
        { "empty", "null" },
        { "wrong format", """{"format":"x","treeSize":1,"rootHash":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","sealedThroughSequence":1,"issuedAtMicros":1,"keyId":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","signature":"AA=="}""" },
        { "short root", """{"format":"auditledger-checkpoint/v1","treeSize":1,"rootHash":"6e34","sealedThroughSequence":1,"issuedAtMicros":1,"keyId":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","signature":"AA=="}""" },
        { "missing signature", """{"format":"auditledger-checkpoint/v1","treeSize":1,"rootHash":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","sealedThroughSequence":1,"issuedAtMicros":1,"keyId":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"}""" },
        { "unknown field", """{"format":"auditledger-checkpoint/v1","treeSize":1,"rootHash":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","sealedThroughSequence":1,"issuedAtMicros":1,"keyId":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","signature":"AA==","extra":1}""" },
        { "string size", """{"format":"auditledger-checkpoint/v1","treeSize":"1","rootHash":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","sealedThroughSequence":1,"issuedAtMicros":1,"keyId":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","signature":"AA=="}""" },
        { "negative size", """{"format":"auditledger-checkpoint/v1","treeSize":-1,"rootHash":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","sealedThroughSequence":1,"issuedAtMicros":1,"keyId":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","signature":"AA=="}""" },
        { "bad base64", """{"format":"auditledger-checkpoint/v1","treeSize":1,"rootHash":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","sealedThroughSequence":1,"issuedAtMicros":1,"keyId":"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d","signature":"***"}""" },
    };

    [Theory, MemberData(nameof(MalformedCheckpoints))]
    public void a_malformed_checkpoint_file_is_refused_with_a_reason(string name, string json)
    {
        var error = Should.Throw<TrustInputException>(() => CheckpointDocument.Parse(json), name);
        error.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void a_key_that_is_not_p256_or_not_a_key_is_refused()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        Should.Throw<TrustInputException>(() => CheckpointKey.FromPem(rsa.ExportSubjectPublicKeyInfoPem()));
        Should.Throw<TrustInputException>(() => CheckpointKey.FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        Should.Throw<TrustInputException>(() => CheckpointKey.FromPem(p384.ExportSubjectPublicKeyInfoPem()));
    }

    /// <summary>A small log of five events in two streams, its checkpoint, and the proof of one event.</summary>
    private static (InclusionProofDocument Proof, CheckpointKey Key) Proof()
    {
        var key = CheckpointKey.Generate();
        var stream = Guid.NewGuid();
        var hashes = new List<byte[]>();
        var leaves = new List<byte[]>();
        var previous = EventHash.Genesis();
        StoredEvent? proven = null;
        byte[]? provenPrevious = null;
        for (var i = 1; i <= 5; i++)
        {
            var e = Sample with { Sequence = 100 + i, StreamId = stream, Version = i, EventId = Guid.NewGuid(), Data = $$"""{"n": {{i}}}""" };
            var hash = EventHash.Compute(e, previous);
            if (i == 4) (proven, provenPrevious) = (e, previous);
            hashes.Add(hash);
            leaves.Add(EventHash.LeafHash(e.Sequence, hash));
            previous = hash;
        }
        var checkpoint = SignedCheckpoint.Sign(key, leaves.Count, MerkleTree.Root(leaves), 105, 1_795_539_067_302_941);
        var proof = new InclusionProofDocument
        {
            Format = InclusionProofDocument.FormatName,
            Event = ProvenEvent.From(proven!),
            PreviousHash = Convert.ToHexStringLower(provenPrevious!),
            EventHash = Convert.ToHexStringLower(hashes[3]),
            LeafIndex = 3,
            TreeSize = leaves.Count,
            AuditPath = MerkleTree.InclusionPath(leaves, 3, leaves.Count).Select(Convert.ToHexStringLower).ToList(),
            Checkpoint = checkpoint.ToDocument(),
        };
        return (proof, key);
    }

    [Fact]
    public void an_honest_proof_verifies_with_the_public_key_alone_and_survives_a_file_round_trip()
    {
        var (proof, key) = Proof();
        using var publicKey = CheckpointKey.FromPem(key.PublicKeyPem());
        var verdict = ProofVerifier.Verify(InclusionProofDocument.Parse(TrustJson.Write(proof)), publicKey);
        verdict.Valid.ShouldBeTrue(verdict.FirstFailure);
        key.Dispose();
    }

    public static TheoryData<string> ProofForgeries => new() { "event data", "event version", "previous hash", "event hash", "leaf index", "tree size", "path element", "path order", "truncated path", "checkpoint root", "checkpoint size", "signature", "other key", "sequence after checkpoint" };

    [Theory, MemberData(nameof(ProofForgeries))]
    public void a_forged_proof_is_refused(string forgery)
    {
        var (proof, key) = Proof();
        using var other = CheckpointKey.Generate();
        var flip = (string hex) => hex[..^1] + (hex[^1] == '0' ? '1' : '0');
        var forged = forgery switch
        {
            "event data" => proof with { Event = proof.Event with { Data = proof.Event.Data.Replace("4", "5") } },
            "event version" => proof with { Event = proof.Event with { Version = 5 } },
            "previous hash" => proof with { PreviousHash = flip(proof.PreviousHash) },
            "event hash" => proof with { EventHash = flip(proof.EventHash) },
            "leaf index" => proof with { LeafIndex = 2 },
            "tree size" => proof with { TreeSize = 4 },
            "path element" => proof with { AuditPath = [flip(proof.AuditPath[0]), .. proof.AuditPath.Skip(1)] },
            "path order" => proof with { AuditPath = [.. proof.AuditPath.Reverse()] },
            "truncated path" => proof with { AuditPath = [.. proof.AuditPath.SkipLast(1)] },
            "checkpoint root" => proof with { Checkpoint = proof.Checkpoint with { RootHash = flip(proof.Checkpoint.RootHash) } },
            "checkpoint size" => proof with { TreeSize = 6, Checkpoint = proof.Checkpoint with { TreeSize = 6 } },
            "signature" => proof with { Checkpoint = proof.Checkpoint with { Signature = Convert.ToBase64String(other.Sign([1])) } },
            "other key" => proof with { Checkpoint = SignedCheckpoint.Sign(other, 5, Convert.FromHexString(proof.Checkpoint.RootHash), 105, 1).ToDocument() },
            "sequence after checkpoint" => proof with { Checkpoint = proof.Checkpoint with { SealedThroughSequence = 103 } },
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
        var verdict = ProofVerifier.Verify(forged, key);
        verdict.Valid.ShouldBeFalse(forgery);
        verdict.FirstFailure.ShouldNotBeNullOrWhiteSpace();
        key.Dispose();
    }

    [Fact]
    public void a_proof_file_with_a_malformed_field_is_bad_input()
    {
        var (proof, key) = Proof();
        var node = JsonNode.Parse(TrustJson.Write(proof))!;
        node["auditPath"]![0] = "zz";
        Should.Throw<TrustInputException>(() => ProofVerifier.Verify(InclusionProofDocument.Parse(node.ToJsonString()), key));
        Should.Throw<TrustInputException>(() => InclusionProofDocument.Parse("[]"));
        Should.Throw<TrustInputException>(() => ProofVerifier.Verify(proof with { Format = "x" }, key));
        key.Dispose();
    }
}
