namespace AuditLedger.Tests.Trust;

using AuditLedger.Host.Cli;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Tenancy;
using AuditLedger.Host.Trust;
using AuditLedger.Tests.Support;
using AuditLedger.Trust;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

/// <summary>An event of these tests alone, appended straight through Marten's session of a tenant (the chain's trigger sees every writer).</summary>
public sealed record TenantTrustNote(string Note);

/// <summary>
/// Issue 12, items 2 and 7: each tenant's events chained and sealed into a tree of its own, with its own signed checkpoints
/// (naming the tenant); the whole tenant exported and verified offline; a store from before tenancy migrated to
/// <c>urayasu:council</c> with its chain still verifying. The same stream id is used in both tenants on purpose.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class TenantTrustTests(LedgerFixture fixture)
{
    private const string S = LedgerConfiguration.SchemaName;
    private const string A = "urayasu:council";
    private const string B = "nagareyama:mayor";

    private LedgerProofs Proofs => fixture.Services.GetRequiredService<LedgerProofs>();

    /// <summary>Three events in each tenant, interleaved, on one stream id both tenants use; both sealed. Answers the stream id.</summary>
    private async Task<Guid> Interleaved()
    {
        var stream = Guid.CreateVersion7();
        for (var i = 1; i <= 3; i++)
        {
            foreach (var tenant in new[] { A, B })
            {
                await using var session = fixture.Store.LightweightSession(tenant);
                session.Events.Append(stream, new TenantTrustNote($"{tenant} {i}"));
                await session.SaveChangesAsync();
            }
        }
        foreach (var tenant in new[] { A, B })
            (await fixture.Sealer.SealAsync(tenant, everything: true, CancellationToken.None)).Detail.ShouldNotStartWith("refused");
        return stream;
    }

    private static async Task<long[]> Sequences(Guid stream, string tenant)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select seq_id from {S}.mt_events where stream_id = $1 and tenant_id = $2 order by version", connection)
        { Parameters = { new() { Value = stream }, new() { Value = tenant } } };
        var list = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(reader.GetInt64(0));
        return [.. list];
    }

    [Fact]
    public async Task Two_tenants_appending_interleaved_each_verify_alone_in_trees_of_their_own()
    {
        var stream = await Interleaved();
        (await Sequences(stream, A)).Length.ShouldBe(3);
        (await Sequences(stream, B)).Length.ShouldBe(3);

        foreach (var tenant in new[] { A, B })
        {
            using var _ = LedgerTenant.Enter(tenant);
            var report = await fixture.Verifier.VerifyAsync(null, CancellationToken.None);
            report.Ok.ShouldBeTrue(report.Summary);
            report.UnsealedEvents.ShouldBe(0);
            var latest = await Proofs.LatestCheckpointAsync(CancellationToken.None);
            latest.Tenant.ShouldBe(tenant);
            // The tenant's tree holds its events alone: the latest event of the stream is in it, and provable.
            var last = (await Sequences(stream, tenant))[^1];
            var proof = await Proofs.ProveAsync(last, CancellationToken.None);
            proof.Event.TenantId.ShouldBe(tenant);
            using var key = CheckpointKey.Load(TestSigningKey.PublicFile);
            ProofVerifier.Verify(proof, key).Valid.ShouldBeTrue();
        }

        // B's event is not A's to prove.
        var ofB = (await Sequences(stream, B))[0];
        using (LedgerTenant.Enter(A))
            await Should.ThrowAsync<UnknownEvent>(() => Proofs.ProveAsync(ofB, CancellationToken.None));
    }

    [Fact]
    public async Task Tampering_with_an_event_of_one_tenant_fails_its_verification_and_not_the_others()
    {
        var stream = await Interleaved();
        var target = (await Sequences(stream, A))[1];
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var tamper = new NpgsqlCommand($$"""
            alter table {{S}}.mt_events disable trigger auditledger_events_append_only;
            update {{S}}.mt_events set data = jsonb_set(data, '{note}', '"forged"') where seq_id = {{target}};
            """, connection, transaction))
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);

        VerificationReport ofA, ofB;
        using (LedgerTenant.Enter(A)) ofA = await fixture.Verifier.VerifyAsync(connection, transaction, null, CancellationToken.None);
        using (LedgerTenant.Enter(B)) ofB = await fixture.Verifier.VerifyAsync(connection, transaction, null, CancellationToken.None);
        await transaction.RollbackAsync();

        ofA.Ok.ShouldBeFalse();
        ofA.FirstProblem!.Sequence.ShouldBe(target);
        ofA.FirstProblem.Kind.ShouldBe(TamperKind.Changed);
        ofB.Ok.ShouldBeTrue(ofB.Summary);
    }

    [Fact]
    public async Task A_checkpoint_of_one_tenant_does_not_verify_another()
    {
        await Interleaved();
        SignedCheckpoint ofA;
        using (LedgerTenant.Enter(A)) ofA = await Proofs.LatestCheckpointAsync(CancellationToken.None);
        ofA.Tenant.ShouldBe(A);

        using (LedgerTenant.Enter(A)) (await fixture.Verifier.VerifyAsync(ofA, CancellationToken.None)).Ok.ShouldBeTrue();
        using (LedgerTenant.Enter(B))
        {
            var refused = await Should.ThrowAsync<TrustInputException>(() => fixture.Verifier.VerifyAsync(ofA, CancellationToken.None));
            refused.Message.ShouldContain(A);
            // Relabelled as B's, the signature no longer holds: the tenant is inside what is signed.
            var relabelled = ofA with { Tenant = B };
            await Should.ThrowAsync<TrustInputException>(() => fixture.Verifier.VerifyAsync(relabelled, CancellationToken.None));
        }
        using var key = CheckpointKey.Load(TestSigningKey.PublicFile);
        ofA.IsSignedBy(key).ShouldBeTrue();
        (ofA with { Tenant = B }).IsSignedBy(key).ShouldBeFalse();
        (ofA with { Tenant = null }).IsSignedBy(key).ShouldBeFalse();
        // A checkpoint from before tenancy (no tenant signed) belongs to the body the store then served, and to no other.
        LedgerVerifier.BelongsTo(ofA with { Tenant = null }, A).ShouldBeTrue();
        LedgerVerifier.BelongsTo(ofA with { Tenant = null }, B).ShouldBeFalse();
    }

    [Fact]
    public async Task A_whole_tenant_exported_verifies_offline_holds_none_of_another_tenant_and_a_changed_byte_is_named()
    {
        var stream = await Interleaved();
        var directory = Path.Combine(Path.GetTempPath(), "auditledger-export-" + Guid.NewGuid().ToString("n"));
        try
        {
            using (LedgerTenant.Enter(A))
            {
                var manifest = await Proofs.ExportAsync(directory, CancellationToken.None);
                manifest.Tenant.ShouldBe(A);
                manifest.Events.ShouldBeGreaterThanOrEqualTo(3);
            }
            (await TrustCommandLine.RunOffline(["verify-export", directory, "--public-key", TestSigningKey.PublicFile])).ShouldBe(0);

            var eventsFile = Path.Combine(directory, TenantExport.EventsFile);
            var lines = await File.ReadAllLinesAsync(eventsFile);
            lines.ShouldNotContain(l => l.Contains($"\"tenantId\":\"{B}\""));
            lines.ShouldNotContain(l => l.Contains($"{B} 1"));
            lines.Count(l => l.Contains(stream.ToString())).ShouldBe(3);

            // One byte of one exported event changed: the offline verify fails and names that event.
            var index = Array.FindIndex(lines, l => l.Contains($"{A} 2"));
            index.ShouldBeGreaterThanOrEqualTo(0);
            var changedEvent = TrustJson.Read<TenantExport.ExportedEvent>(lines[index], "line").Event.EventId;
            lines[index] = lines[index].Replace($"{A} 2", $"{A} 3");
            await File.WriteAllTextAsync(eventsFile, string.Join('\n', lines) + "\n");
            using var key = CheckpointKey.Load(TestSigningKey.PublicFile);
            var verdict = TenantExport.Verify(directory, key);
            verdict.Valid.ShouldBeFalse();
            verdict.FailedEvent.ShouldBe(changedEvent);
            verdict.FirstFailure!.ShouldContain(changedEvent.ToString());
            (await TrustCommandLine.RunOffline(["verify-export", directory, "--public-key", TestSigningKey.PublicFile])).ShouldBe(1);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// A store from before tenancy: events, a stream and a user of the directory under Marten's default tenant id, chained
    /// as the old trigger did (one stream's chain records still under the default id, the other's given to the council by the
    /// trust schema's upgrade). The migration makes them the council's, in a transaction rolled back afterwards.
    /// </summary>
    [Fact]
    public async Task A_store_from_before_tenancy_becomes_urayasu_council_and_its_chain_still_verifies()
    {
        var (old1, old2, user) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var old = new NpgsqlCommand($$"""
            insert into {{S}}.mt_streams (id, version, tenant_id) values ('{{old1}}', 2, '*DEFAULT*'), ('{{old2}}', 1, '*DEFAULT*');
            insert into {{S}}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, mt_dotnet_type) values
                (nextval('{{S}}.mt_events_sequence'), '{{Guid.CreateVersion7()}}', '{{old1}}', 1, '{"note": "before tenancy 1"}', 'tenant_trust_note', '*DEFAULT*', null),
                (nextval('{{S}}.mt_events_sequence'), '{{Guid.CreateVersion7()}}', '{{old2}}', 1, '{"note": "before tenancy 2"}', 'tenant_trust_note', '*DEFAULT*', null);
            insert into {{S}}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, mt_dotnet_type) values
                (nextval('{{S}}.mt_events_sequence'), '{{Guid.CreateVersion7()}}', '{{old1}}', 2, '{"note": "before tenancy 3"}', 'tenant_trust_note', '*DEFAULT*', null);
            update {{S}}.ledger_chain set tenant_id = '{{A}}' where stream_id = '{{old2}}';
            insert into {{S}}.mt_doc_directoryuser (id, data, tenant_id) values ('{{user}}', '{"id": "{{user}}"}', '*DEFAULT*');
            """, connection, transaction))
            await old.ExecuteNonQueryAsync();

        await using (var migrate = new NpgsqlCommand(TenantMigration.Sql(S, TenantMigration.Unassigned, A), connection, transaction))
            await migrate.ExecuteNonQueryAsync();
        // Idempotent: a second run finds nothing to move.
        await using (var again = new NpgsqlCommand(TenantMigration.Sql(S, TenantMigration.Unassigned, A), connection, transaction))
            await again.ExecuteNonQueryAsync();

        VerificationReport report;
        using (LedgerTenant.Enter(A)) report = await fixture.Verifier.VerifyAsync(connection, transaction, null, CancellationToken.None);
        long defaults, moved, users;
        await using (var count = new NpgsqlCommand($"""
            select (select count(*) from {S}.mt_events where tenant_id = '*DEFAULT*'),
                   (select count(*) from {S}.mt_events e join {S}.ledger_chain c on c.seq_id = e.seq_id and c.tenant_id = e.tenant_id
                     where e.stream_id in ('{old1}', '{old2}') and e.tenant_id = '{A}'),
                   (select count(*) from {S}.mt_doc_directoryuser where id = '{user}' and tenant_id = '{A}')
            """, connection, transaction))
        await using (var reader = await count.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (defaults, moved, users) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        await transaction.RollbackAsync();

        defaults.ShouldBe(0);
        moved.ShouldBe(3);
        users.ShouldBe(1);
        report.Ok.ShouldBeTrue(report.Summary);
    }
}
