namespace AuditLedger.Host.Trust;

using AuditLedger.Host.Access;
using AuditLedger.Trust;
using Wolverine.Http;

/// <summary>
/// Tamper evidence over HTTP: verify the whole store (optionally against an exported checkpoint), the latest signed
/// checkpoint, and the inclusion proof of one event. Bad input is a 400 problem, an unknown event 404, an event not
/// yet sealed 409.
/// </summary>
public static class TrustEndpoints
{
    /// <summary>Recomputes every event's hash and the Merkle tree; names the first event that does not match and how (changed, deleted, reordered, inserted).</summary>
    [WolverineGet("/api/verify"), Tags("Tamper evidence")]
    public static Task<VerificationReport> Verify(LedgerVerifier verifier, CancellationToken ct) => verifier.VerifyAsync(null, ct);

    /// <summary>The body is an exported checkpoint (checkpoint export): proves that the store still holds exactly what it covered (RFC 6962 consistency proof).</summary>
    [WolverinePost("/api/verify/against"), Tags("Tamper evidence"), AppendsNothing]
    public static async Task<VerificationReport> VerifyAgainst(HttpRequest request, LedgerVerifier verifier, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(ct);
        return await verifier.VerifyAsync(CheckpointDocument.Parse(body), ct);
    }

    /// <summary>The latest signed checkpoint (tree size, root hash, time, signature), to keep outside the ledger.</summary>
    [WolverineGet("/api/checkpoints/latest"), Tags("Tamper evidence")]
    public static async Task<CheckpointDocument> LatestCheckpoint(LedgerProofs proofs, CancellationToken ct) => (await proofs.LatestCheckpointAsync(ct)).ToDocument();

    /// <summary>The inclusion proof of the event with this sequence number, checkable with the public key alone (verify-proof).</summary>
    [WolverineGet("/api/proofs/{sequence}"), Tags("Tamper evidence")]
    public static Task<InclusionProofDocument> Prove(long sequence, LedgerProofs proofs, CancellationToken ct) => proofs.ProveAsync(sequence, ct);
}
