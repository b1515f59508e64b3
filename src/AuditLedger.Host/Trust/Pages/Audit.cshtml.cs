namespace AuditLedger.Host.Trust.Pages;

using System.Text;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Access;
using AuditLedger.Host.Reports;
using AuditLedger.Host.Web;
using AuditLedger.Trust;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// 監査 (the auditors' tamper evidence, Art. 9 安全管理措置): run the verification of the whole store (<c>/api/verify</c>),
/// download the last signed checkpoint as the API gives it (<c>/api/checkpoints/latest</c>), upload a checkpoint kept outside
/// the ledger to verify against it (<c>/api/verify/against</c>: a POST that appends nothing), and download the inclusion
/// proof of one event by its sequence number (<c>/api/proofs/{sequence}</c>). The same services as the API
/// (<see cref="LedgerVerifier"/>, <see cref="LedgerProofs"/>); a refusal (a malformed file, an unknown or unsealed event)
/// is shown with the API's words.
/// </summary>
[Authorize(Roles = LedgerRoles.Auditor), AppendsNothing]
public sealed class AuditModel(LedgerVerifier verifier, LedgerProofs proofs) : PageModel
{
    /// <summary>The largest checkpoint file read (a checkpoint is a few hundred bytes).</summary>
    public const int MaxCheckpointBytes = 64 * 1024;

    /// <summary>The last signed checkpoint, or null with <see cref="CheckpointRefusal"/> saying why (none sealed yet).</summary>
    public CheckpointDocument? Latest { get; private set; }
    public FormRefusal? CheckpointRefusal { get; private set; }

    /// <summary>The verification just run (全件検証, or against the uploaded checkpoint).</summary>
    public VerificationReport? Report { get; private set; }
    public FormRefusal? AgainstRefusal { get; private set; }

    /// <summary>記録番号: the sequence number of the event whose proof is asked for.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sequence { get; set; }
    public FormRefusal? ProofRefusal { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadLatest(ct);

    /// <summary>Verifies the whole store now.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        Report = await verifier.VerifyAsync(null, ct);
        await LoadLatest(ct);
        return Page();
    }

    /// <summary>Verifies the store against a checkpoint file the auditor kept (RFC 6962 consistency).</summary>
    public async Task<IActionResult> OnPostAgainstAsync(IFormFile? checkpoint, CancellationToken ct)
    {
        try
        {
            if (checkpoint is null || checkpoint.Length == 0)
                throw new InvalidQuery(new FieldError("checkpoint", "検証に用いるチェックポイントのファイルを選択してください。", "Choose the checkpoint file to verify against."));
            if (checkpoint.Length > MaxCheckpointBytes)
                throw new InvalidQuery(new FieldError("checkpoint", $"チェックポイントのファイルが大きすぎます（{MaxCheckpointBytes / 1024}KB以内）。", $"The checkpoint file is too large (at most {MaxCheckpointBytes / 1024} KB)."));
            using var reader = new StreamReader(checkpoint.OpenReadStream(), Encoding.UTF8);
            Report = await verifier.VerifyAsync(CheckpointDocument.Parse(await reader.ReadToEndAsync(ct)), ct);
        }
        catch (Exception e) when (FormRefusal.From(e) is { } refusal)
        {
            AgainstRefusal = refusal;
        }
        await LoadLatest(ct);
        return Page();
    }

    /// <summary>The last signed checkpoint as a file (auditledger-checkpoint/v1), to keep outside the ledger.</summary>
    public async Task<IActionResult> OnGetCheckpointAsync(CancellationToken ct)
    {
        try
        {
            var latest = (await proofs.LatestCheckpointAsync(ct)).ToDocument();
            return File(Encoding.UTF8.GetBytes(TrustJson.Write(latest)), "application/json", $"checkpoint-{latest.TreeSize}.json");
        }
        catch (Exception e) when (FormRefusal.From(e) is { } refusal)
        {
            CheckpointRefusal = refusal;
            return Page();
        }
    }

    /// <summary>The inclusion proof of one event as a file (auditledger-inclusion-proof/v1), checkable with the public key alone.</summary>
    public async Task<IActionResult> OnGetProofAsync(CancellationToken ct)
    {
        try
        {
            if (!long.TryParse(Sequence?.Trim().Normalize(NormalizationForm.FormKC), out var sequence) || sequence < 1)
                throw new InvalidQuery(new FieldError("sequence", "記録番号は1以上の整数で入力してください。", "The sequence number is a whole number from 1."));
            var proof = await proofs.ProveAsync(sequence, ct);
            return File(Encoding.UTF8.GetBytes(TrustJson.Write(proof)), "application/json", $"proof-{sequence}.json");
        }
        catch (Exception e) when (FormRefusal.From(e) is { } refusal)
        {
            ProofRefusal = refusal;
            await LoadLatest(ct);
            return Page();
        }
    }

    private async Task LoadLatest(CancellationToken ct)
    {
        try
        {
            Latest = (await proofs.LatestCheckpointAsync(ct)).ToDocument();
        }
        catch (Exception e) when (FormRefusal.From(e) is { } refusal)
        {
            CheckpointRefusal = refusal;
        }
    }
}
