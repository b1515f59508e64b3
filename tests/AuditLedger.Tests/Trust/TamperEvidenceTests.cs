namespace AuditLedger.Tests.Trust;

using System.Net;
using System.Net.Http.Json;
using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Trust;
using AuditLedger.Tests.Support;
using AuditLedger.Trust;
using Npgsql;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// Tamper evidence on the real PostgreSQL: rows of the events table edited, deleted, reordered and inserted with SQL
/// (inside a transaction that is rolled back, so the shared test ledger stays intact) are each named by verify as the
/// first bad event, with the right kind; exported checkpoints, inclusion proofs and bad input, over the command line and HTTP.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class TamperEvidenceTests(LedgerFixture fixture)
{
    private const string S = LedgerConfiguration.SchemaName;
    private readonly LedgerDriver _ledger = new(fixture);
    private readonly HttpClient _http = fixture.CreateClient();

    /// <summary>A record with four events (acquired, two uses, a provision), sealed; answers their sequence numbers by version.</summary>
    private async Task<(Guid Record, long[] Sequences)> SealedRecord()
    {
        var (_, record) = await _ledger.Record();
        await _ledger.Send(InternalUse(record, 1));
        await _ledger.Send(InternalUse(record, 2));
        await _ledger.Send(ProvisionToMayor(record, 3));
        (await fixture.Sealer.SealAsync(everything: true, CancellationToken.None)).Detail.ShouldNotStartWith("refused");
        return (record, await Sequences(record));
    }

    private static async Task<long[]> Sequences(Guid stream)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select seq_id from {S}.mt_events where stream_id = $1 order by version", connection) { Parameters = { new() { Value = stream } } };
        var list = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(reader.GetInt64(0));
        return [.. list];
    }

    /// <summary>
    /// Runs the SQL in a transaction, verifies on that transaction, and rolls back. The tamperer is the database's owner,
    /// who first switches off the append-only triggers (as an owner can; see AppendOnlyStoreTests for what they stop):
    /// what the triggers cannot prevent, verify must find.
    /// </summary>
    private async Task<VerificationReport> VerifyAfter(string sql, SignedCheckpoint? against = null)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var owner = $"alter table {S}.mt_events disable trigger auditledger_events_append_only; alter table {S}.mt_events disable trigger auditledger_events_no_truncate;";
        await using (var tamper = new NpgsqlCommand(owner + sql, connection, transaction)) await tamper.ExecuteNonQueryAsync();
        var report = await fixture.Verifier.VerifyAsync(connection, transaction, against, CancellationToken.None);
        await transaction.RollbackAsync();
        return report;
    }

    [Fact]
    public async Task an_untouched_ledger_verifies_over_http_and_the_command_line()
    {
        await SealedRecord();
        var report = await _http.GetFromJsonAsync<VerificationReport>("/api/verify");
        report!.Ok.ShouldBeTrue(report.Summary);
        report.Events.ShouldBeGreaterThanOrEqualTo(4);
        report.CheckpointsChecked.ShouldBeGreaterThan(0);
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        (await LedgerCommandLine.Run(["verify"])).ShouldBe(0);
    }

    [Fact]
    public async Task an_edited_event_is_named_as_changed()
    {
        var (record, seq) = await SealedRecord();
        var report = await VerifyAfter($$"""update {{S}}.mt_events set data = jsonb_set(data, '{Context}', data->'Context' || '{"Ground": null}') where seq_id = {{seq[2]}}""");
        report.Ok.ShouldBeFalse();
        report.FirstProblem!.Kind.ShouldBe(TamperKind.Changed);
        report.FirstProblem.Sequence.ShouldBe(seq[2]);
        report.FirstProblem.StreamId.ShouldBe(record);
        report.FirstProblem.Version.ShouldBe(3);
        // Only that event: the later events of the stream are checked against their recorded predecessor.
        report.Problems.Where(p => p.Kind != TamperKind.Checkpoint).ShouldHaveSingleItem();
        report.Problems.ShouldContain(p => p.Kind == TamperKind.Checkpoint);
    }

    [Fact]
    public async Task a_change_to_any_hashed_column_is_named_as_changed()
    {
        var (_, seq) = await SealedRecord();
        foreach (var change in (string[])["type = type || 'x'", "\"timestamp\" = \"timestamp\" + interval '1 microsecond'", "correlation_id = null", "bdata = '\\x00'::bytea", "id = gen_random_uuid()"])
        {
            var report = await VerifyAfter($"update {S}.mt_events set {change} where seq_id = {seq[1]}");
            report.FirstProblem.ShouldNotBeNull(change);
            report.FirstProblem.Kind.ShouldBe(TamperKind.Changed, change);
            report.FirstProblem.Sequence.ShouldBe(seq[1], change);
        }
    }

    [Fact]
    public async Task a_deleted_event_is_named_as_deleted()
    {
        var (record, seq) = await SealedRecord();
        var report = await VerifyAfter($"delete from {S}.mt_events where seq_id = {seq[1]}");
        report.FirstProblem!.Kind.ShouldBe(TamperKind.Deleted);
        report.FirstProblem.Sequence.ShouldBe(seq[1]);
        report.FirstProblem.StreamId.ShouldBe(record);
        report.FirstProblem.Version.ShouldBe(2);

        // Deleting the chain record too leaves the signed checkpoint to notice.
        var both = await VerifyAfter($"delete from {S}.mt_events where seq_id = {seq[1]}; delete from {S}.ledger_chain where seq_id = {seq[1]}");
        both.Ok.ShouldBeFalse();
        both.Problems.ShouldContain(p => p.Kind == TamperKind.Checkpoint);
    }

    [Fact]
    public async Task events_swapped_within_a_stream_or_in_global_order_are_named_as_reordered()
    {
        var (record, seq) = await SealedRecord();
        var inStream = await VerifyAfter($"""
            update {S}.mt_events set version = -3 where seq_id = {seq[2]};
            update {S}.mt_events set version = 3 where seq_id = {seq[3]};
            update {S}.mt_events set version = 4 where seq_id = {seq[2]};
            """);
        inStream.FirstProblem!.Kind.ShouldBe(TamperKind.Reordered);
        inStream.FirstProblem.Sequence.ShouldBe(seq[2]);
        inStream.FirstProblem.StreamId.ShouldBe(record);

        var global = await VerifyAfter($"""
            update {S}.mt_events set seq_id = -{seq[1]} where seq_id = {seq[1]};
            update {S}.mt_events set seq_id = {seq[1]} where seq_id = {seq[3]};
            update {S}.mt_events set seq_id = {seq[3]} where seq_id = -{seq[1]};
            """);
        global.FirstProblem!.Kind.ShouldBe(TamperKind.Reordered);
        global.FirstProblem.Sequence.ShouldBe(seq[1]);
    }

    [Fact]
    public async Task an_event_inserted_around_the_trigger_is_named_as_inserted_and_the_trigger_refuses_one_into_the_sealed_range()
    {
        var (record, seq) = await SealedRecord();
        var copy = $$"""
            insert into {{S}}.mt_events (seq_id, id, stream_id, version, data, type, "timestamp", tenant_id, mt_dotnet_type, correlation_id, is_archived)
            select {0}, gen_random_uuid(), stream_id, 5, data, type, "timestamp", tenant_id, mt_dotnet_type, correlation_id, false
            from {{S}}.mt_events where seq_id = {{seq[1]}};
            """;
        var report = await VerifyAfter("set local session_replication_role = replica;" + string.Format(copy, $"nextval('{S}.mt_events_sequence')"));
        report.FirstProblem!.Kind.ShouldBe(TamperKind.Inserted);
        report.FirstProblem.StreamId.ShouldBe(record);
        report.FirstProblem.Version.ShouldBe(5);

        // With the trigger in place, a sequence number the seal already covers is refused outright.
        var refused = await Should.ThrowAsync<PostgresException>(() => VerifyAfter(string.Format(copy, "-1")));
        refused.SqlState.ShouldBe("40001");
    }

    [Fact]
    public async Task an_edit_of_an_event_not_yet_sealed_is_caught_by_its_chain()
    {
        var (record, _) = await SealedRecord();
        await _ledger.Send(InternalUse(record, 4));
        var seq = await Sequences(record);
        var report = await VerifyAfter($$"""update {{S}}.mt_events set data = data || '{"Extra": 1}' where seq_id = {{seq[4]}}""");
        report.FirstProblem!.Kind.ShouldBe(TamperKind.Changed);
        report.FirstProblem.Sequence.ShouldBe(seq[4]);
    }

    [Fact]
    public async Task the_chain_records_rewritten_to_match_an_edit_are_caught_by_the_signed_checkpoint()
    {
        var (_, seq) = await SealedRecord();
        // A careful forger edits the event and recomputes its chain hash exactly as the trigger would.
        var report = await VerifyAfter($$"""
            set local session_replication_role = replica;
            update {{S}}.mt_events set data = data || '{"Forged": true}' where seq_id = {{seq[0]}};
            delete from {{S}}.ledger_chain where seq_id >= {{seq[0]}};
            set local session_replication_role = origin;
            update {{S}}.ledger_seal set sealed_through = 0;
            create temp table replay on commit drop as select * from {{S}}.mt_events where seq_id >= {{seq[0]}} order by seq_id;
            delete from {{S}}.mt_events where seq_id >= {{seq[0]}};
            insert into {{S}}.mt_events select * from replay order by seq_id;
            """);
        report.Ok.ShouldBeFalse();
        report.Problems.Where(p => p.Kind != TamperKind.Checkpoint).ShouldBeEmpty();
        report.FirstProblem!.Kind.ShouldBe(TamperKind.Checkpoint);
    }

    [Fact]
    public async Task a_checkpoint_exported_before_an_edit_fails_verify_against_after_it()
    {
        var (_, seq) = await SealedRecord();
        var exported = CheckpointDocument.Parse((await _http.GetStringAsync("/api/checkpoints/latest")));
        await SealedRecord(); // the store grows after the export: the consistency proof spans old to new

        var before = await fixture.Verifier.VerifyAsync(exported, CancellationToken.None);
        before.Ok.ShouldBeTrue(before.Summary);
        before.Against!.Consistent.ShouldBeTrue();

        var after = await VerifyAfter($$"""update {{S}}.mt_events set data = data || '{"Edited": true}' where seq_id = {{seq[0]}}""", exported);
        after.Ok.ShouldBeFalse();
        after.Against!.Consistent.ShouldBeFalse();
        after.Against.Detail.ShouldContain("no longer holds");

        // A deletion before the export's end shrinks the store: also not consistent.
        var deleted = await VerifyAfter($"delete from {S}.mt_events where seq_id = {seq[3]}", exported);
        deleted.Against!.Consistent.ShouldBeFalse();
    }

    [Fact]
    public async Task verify_against_refuses_a_malformed_file_and_a_bad_signature_with_exit_2_and_400()
    {
        await SealedRecord();
        var good = await _http.GetStringAsync("/api/checkpoints/latest");
        var node = System.Text.Json.Nodes.JsonNode.Parse(good)!;
        node["treeSize"] = node["treeSize"]!.GetValue<long>() + 1;
        var forged = node.ToJsonString();
        var folder = Directory.CreateTempSubdirectory("auditledger-against-").FullName;
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        try
        {
            foreach (var (name, text) in (ValueTuple<string, string>[])[("malformed", "{\"format\":"), ("forged", forged), ("empty", "")])
            {
                var file = Path.Combine(folder, name + ".json");
                await File.WriteAllTextAsync(file, text);
                (await LedgerCommandLine.Run(["verify", "--against", file])).ShouldBe(2, name);
                var response = await _http.PostAsync("/api/verify/against", new StringContent(text));
                response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, name);
            }
            var goodFile = Path.Combine(folder, "good.json");
            await File.WriteAllTextAsync(goodFile, good);
            (await LedgerCommandLine.Run(["verify", "--against", goodFile])).ShouldBe(0);
            (await LedgerCommandLine.Run(["verify", "--against", Path.Combine(folder, "missing.json")])).ShouldBe(2);
            (await _http.PostAsync("/api/verify/against", new StringContent(good))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task prove_gives_a_proof_an_auditor_checks_offline_with_the_public_key()
    {
        var (_, seq) = await SealedRecord();
        var proofJson = await _http.GetStringAsync($"/api/proofs/{seq[2]}");
        using var publicKey = CheckpointKey.Load(TestSigningKey.PublicFile);
        var verdict = ProofVerifier.Verify(InclusionProofDocument.Parse(proofJson), publicKey);
        verdict.Valid.ShouldBeTrue(verdict.FirstFailure);

        var folder = Directory.CreateTempSubdirectory("auditledger-proof-").FullName;
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);
        try
        {
            var file = Path.Combine(folder, "proof.json");
            (await LedgerCommandLine.Run(["prove", seq[1].ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", file])).ShouldBe(0);
            // The auditor's check needs neither the database nor the service.
            (await TrustCommandLine.RunOffline(["verify-proof", file, "--public-key", TestSigningKey.PublicFile])).ShouldBe(0);
            var forged = Path.Combine(folder, "forged.json");
            await File.WriteAllTextAsync(forged, (await File.ReadAllTextAsync(file)).Replace("\"leafIndex\": ", "\"leafIndex\": 1"));
            (await TrustCommandLine.RunOffline(["verify-proof", forged, "--public-key", TestSigningKey.PublicFile])).ShouldBe(1);
            var otherKey = Path.Combine(folder, "other.pem");
            CheckpointKey.CreateFiles(otherKey);
            (await TrustCommandLine.RunOffline(["verify-proof", file, "--public-key", CheckpointKey.PublicPathFor(otherKey)])).ShouldBe(1);
            await File.WriteAllTextAsync(forged, "{}");
            (await TrustCommandLine.RunOffline(["verify-proof", forged, "--public-key", TestSigningKey.PublicFile])).ShouldBe(2);
            (await TrustCommandLine.RunOffline(["verify-proof", file, "--public-key", forged])).ShouldBe(2);

            (await LedgerCommandLine.Run(["prove", "999999999"])).ShouldBe(2);
            (await _http.GetAsync("/api/proofs/999999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task an_event_appended_after_the_latest_checkpoint_is_not_yet_provable_409()
    {
        var (record, _) = await SealedRecord();
        await _ledger.Send(InternalUse(record, 4));
        var seq = await Sequences(record);
        (await _http.GetAsync($"/api/proofs/{seq[4]}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
