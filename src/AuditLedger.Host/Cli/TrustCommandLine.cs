namespace AuditLedger.Host.Cli;

using System.CommandLine;
using AuditLedger.Host.Trust;
using AuditLedger.Trust;

/// <summary>
/// Tamper evidence on the command line. With the database: <c>verify [--against FILE]</c>, <c>seal</c>,
/// <c>checkpoint export FILE</c>, <c>prove SEQ</c>. Without it (nothing is started): <c>keygen --out FILE</c> and
/// <c>verify-proof PROOF --public-key KEY</c>, the auditor's own check. Exit status: 0 verified / done,
/// 1 the store or the proof does not verify, 2 bad input (unknown event, not yet sealed, malformed file, bad signature, wrong key).
/// </summary>
public static class TrustCommandLine
{
    /// <summary>Subcommands that need no database and must not start the service.</summary>
    public static bool IsOffline(string[] args) => args is ["keygen", ..] or ["verify-proof", ..] or ["verify-export", ..];

    public static Task<int> RunOffline(string[] args)
    {
        var root = new RootCommand("AuditLedger tamper evidence, offline: no database is used.");
        root.Subcommands.Add(KeyGen());
        root.Subcommands.Add(VerifyProof());
        root.Subcommands.Add(VerifyExport());
        return root.Parse(args).InvokeAsync();
    }

    public static void AddTo(RootCommand root)
    {
        root.Subcommands.Add(Verify());
        root.Subcommands.Add(Seal());
        root.Subcommands.Add(Checkpoint());
        root.Subcommands.Add(Prove());
        root.Subcommands.Add(Export());
        root.Subcommands.Add(KeyGen());
        root.Subcommands.Add(VerifyProof());
        root.Subcommands.Add(VerifyExport());
    }

    private static Command Export()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "the directory to write the export into", Required = true };
        var command = new Command("export", "台帳の書き出し / the tenant's whole ledger (--tenant): its events as stored, their recorded hashes, its signed checkpoints and the public key, for verify-export") { output };
        command.SetAction((parse, ct) => WithHost(async services =>
        {
            var directory = parse.GetValue(output)!.FullName;
            var manifest = await services.GetRequiredService<LedgerProofs>().ExportAsync(directory, ct);
            Console.WriteLine($"Exported {manifest.Events} events and {manifest.Checkpoints} checkpoints of {manifest.Tenant} to {directory}.");
            return 0;
        }));
        return command;
    }

    private static Command VerifyExport()
    {
        var directory = new Argument<DirectoryInfo>("directory") { Description = "an export (export --tenant T --out DIR)" };
        var publicKey = new Option<FileInfo>("--public-key") { Description = "the ledger's public key (PEM), obtained independently; by default the export's own public-key.pem" };
        var command = new Command("verify-export", "書き出した台帳の検証 / verify a tenant's export with the public key alone: every event's hash, the chain and every signed checkpoint; no database") { directory, publicKey };
        command.SetAction(parse => Offline(() =>
        {
            var dir = parse.GetValue(directory)!;
            if (!dir.Exists) throw new TrustInputException($"The export directory {dir.FullName} does not exist.");
            var keyPath = parse.GetValue(publicKey)?.FullName ?? Path.Combine(dir.FullName, TenantExport.PublicKeyFile);
            if (parse.GetValue(publicKey) is null)
                Console.Error.WriteLine($"Using the export's own public key {keyPath}: compare its key id with one obtained independently.");
            using var key = CheckpointKey.Load(keyPath);
            var verdict = TenantExport.Verify(dir.FullName, key);
            Console.WriteLine(verdict.Valid
                ? $"VALID: {verdict.Events} events of {verdict.Tenant} match their recorded hashes and chains; {verdict.CheckpointsChecked} checkpoints signed by key {key.KeyId} match."
                : $"INVALID: {verdict.FirstFailure}");
            return verdict.Valid ? 0 : 1;
        }));
        return command;
    }

    private static Command Verify()
    {
        var against = new Option<FileInfo>("--against") { Description = "an exported checkpoint (checkpoint export): prove the store still holds exactly what it covered" };
        var json = new Option<bool>("--json") { Description = "print the full report as JSON" };
        var command = new Command("verify", "改ざん検証 / recompute every event's hash chain and the Merkle tree; name the first event that does not match") { against, json };
        command.SetAction((parse, ct) => Guarded(async () =>
        {
            var checkpoint = parse.GetValue(against) is { } file ? CheckpointDocument.Parse(await ReadFile(file, "checkpoint", ct)) : null;
            return await WithHost(async services =>
            {
                var result = await services.GetRequiredService<LedgerVerifier>().VerifyAsync(checkpoint, ct);
                if (parse.GetValue(json)) Console.WriteLine(TrustJson.Write(result));
                else
                {
                    Console.WriteLine(result.Summary);
                    Console.WriteLine($"events {result.Events:N0}, streams {result.Streams:N0}, sealed {result.SealedEvents:N0}, not yet sealed {result.UnsealedEvents:N0}, checkpoints checked {result.CheckpointsChecked:N0}; {result.ElapsedMilliseconds:N0} ms ({result.EventsPerSecond:N0} events/s)");
                    foreach (var p in result.Problems.Take(20)) Console.WriteLine($"  [{p.Kind}] sequence {p.Sequence}: {(p.EventId is null ? "" : $"event {p.EventId} (stream {p.StreamId}, version {p.Version}): ")}{p.Detail}");
                    if (result.Against is { } a && a.ConsistencyProof.Count > 0) Console.WriteLine($"  consistency proof: {string.Join(' ', a.ConsistencyProof)}");
                }
                return result.Ok ? 0 : 1;
            });
        }));
        return command;
    }

    private static Command Seal()
    {
        var command = new Command("seal", "封印 / seal every committed event into the Merkle tree now and sign a checkpoint (the service does this in the background)");
        command.SetAction((_, ct) => WithHost(async services =>
        {
            var result = await services.GetRequiredService<LedgerSealer>().SealAsync(everything: true, ct);
            Console.WriteLine(result.Detail);
            return result.Detail.StartsWith("refused", StringComparison.Ordinal) ? 1 : 0;
        }));
        return command;
    }

    private static Command Checkpoint()
    {
        var file = new Argument<FileInfo>("file") { Description = "where to write the latest signed checkpoint (JSON)" };
        var export = new Command("export", "最新のチェックポイントを書き出す / write the latest signed checkpoint to a file, to keep outside the ledger") { file };
        export.SetAction((parse, ct) => WithHost(async services =>
        {
            var checkpoint = await services.GetRequiredService<LedgerProofs>().LatestCheckpointAsync(ct);
            var path = parse.GetValue(file)!.FullName;
            await File.WriteAllTextAsync(path, TrustJson.Write(checkpoint.ToDocument()) + "\n", ct);
            Console.WriteLine($"Wrote the checkpoint of {checkpoint.TreeSize} events (root {Convert.ToHexStringLower(checkpoint.RootHash)}, {checkpoint.IssuedAt:yyyy-MM-dd HH:mm:ss}Z) to {path}.");
            return 0;
        }));
        return new Command("checkpoint", "署名付きチェックポイント / signed checkpoints") { export };
    }

    private static Command Prove()
    {
        var sequence = new Argument<long>("event-seq") { Description = "the event's global sequence number (history shows it)" };
        var output = new Option<FileInfo>("--out") { Description = "write the proof to this file instead of standard output" };
        var command = new Command("prove", "包含証明 / the inclusion proof of one event in the latest signed checkpoint, for verify-proof") { sequence, output };
        command.SetAction((parse, ct) => WithHost(async services =>
        {
            var proof = await services.GetRequiredService<LedgerProofs>().ProveAsync(parse.GetValue(sequence), ct);
            var text = TrustJson.Write(proof) + "\n";
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, ct);
                Console.Error.WriteLine($"Wrote the proof of sequence {proof.Event.Sequence} (leaf {proof.LeafIndex} of {proof.TreeSize}) to {file.FullName}.");
            }
            else Console.Write(text);
            return 0;
        }));
        return command;
    }

    private static Command KeyGen()
    {
        var output = new Option<FileInfo>("--out") { Description = "the private key file (PEM); the public key is written beside it as NAME.pub.pem", Required = true };
        var command = new Command("keygen", "署名鍵の作成 / create the checkpoint signing key (ECDSA P-256)") { output };
        command.SetAction(parse => Offline(() =>
        {
            var (privatePath, publicPath) = CheckpointKey.CreateFiles(parse.GetValue(output)!.FullName);
            using var key = CheckpointKey.Load(privatePath);
            Console.WriteLine($"Created the checkpoint signing key {privatePath} (owner read/write only) and its public key {publicPath}.");
            Console.WriteLine($"key id {key.KeyId}. Give the public key to auditors; set {TrustSettings.SigningKeyFile} (AuditLedger__Trust__SigningKeyFile) to the private key.");
            return 0;
        }));
        return command;
    }

    private static Command VerifyProof()
    {
        var proofFile = new Argument<FileInfo>("proof") { Description = "an inclusion proof (prove)" };
        var publicKey = new Option<FileInfo>("--public-key") { Description = "the ledger's public key (PEM), obtained independently of the proof", Required = true };
        var command = new Command("verify-proof", "包含証明の検証 / check an inclusion proof with the public key alone: no database, no service") { proofFile, publicKey };
        command.SetAction(parse => Offline(() =>
        {
            var proof = InclusionProofDocument.Parse(ReadFile(parse.GetValue(proofFile)!, "proof", CancellationToken.None).GetAwaiter().GetResult());
            using var key = CheckpointKey.Load(parse.GetValue(publicKey)!.FullName);
            var verdict = ProofVerifier.Verify(proof, key);
            foreach (var check in verdict.Checks) Console.WriteLine($"{(check.Passed ? "ok  " : "FAIL")} {check.Name}: {check.Detail}");
            Console.WriteLine(verdict.Valid
                ? $"VALID: event {proof.Event.EventId} (sequence {proof.Event.Sequence}, version {proof.Event.Version} of stream {proof.Event.StreamId}) is in the ledger's signed checkpoint of {proof.TreeSize} events."
                : $"INVALID: {verdict.FirstFailure}");
            return verdict.Valid ? 0 : 1;
        }));
        return command;
    }

    private static async Task<string> ReadFile(FileInfo file, string what, CancellationToken ct)
    {
        if (!file.Exists) throw new TrustInputException($"The {what} file {file.FullName} does not exist.");
        return await File.ReadAllTextAsync(file.FullName, ct);
    }

    private static int Offline(Func<int> run)
    {
        try
        {
            return run();
        }
        catch (TrustInputException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    /// <summary>Runs with the service's host; bad input exits 2 with its reason, a store that cannot give an honest answer exits 1.</summary>
    private static Task<int> WithHost(Func<IServiceProvider, Task<int>> action) =>
        Guarded(() => LedgerCommandLine.WithHost(services => Guarded(() => action(services))));

    private static async Task<int> Guarded(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is TrustInputException or UnknownEvent or NotYetSealed)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (LedgerDoesNotVerify e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
