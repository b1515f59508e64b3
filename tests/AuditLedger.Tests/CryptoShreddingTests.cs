namespace AuditLedger.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AuditLedger.Domain.Cases;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Erasure;
using AuditLedger.Projections.Provisions;
using AuditLedger.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// Erasure by crypto-shredding (issue 5 item 3), on the real PostgreSQL: personal data is stored sealed with the
/// person's key, erasing destroys the key in the erasure's transaction, and afterwards nothing in the database files
/// or the WAL gives the name back, while the stored events stay exactly as they were.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class CryptoShreddingTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>A name found nowhere else in the cluster (other databases on it hold the drivers' fixed names).</summary>
    private static string UniqueName() => $"消去 太郎{Guid.NewGuid():N}";

    private static RecordAcquisition AcquisitionNamed(Guid fileId, string name, Guid? subject = null)
    {
        var acquisition = Acquisition(fileId);
        var person = subject ?? acquisition.DataSubjectId;
        return acquisition with
        {
            DataSubjectId = person,
            PersonalData = [new PersonalData(person, PersonalDataKind.Name, name), new PersonalData(person, PersonalDataKind.Address, "千葉県浦安市猫実一丁目1番1号")],
        };
    }

    [Fact]
    public async Task a_name_is_stored_sealed_never_in_plain_text_and_reads_back_through_the_service()
    {
        var name = UniqueName();
        var fileId = await _ledger.RegisterFile();
        var recordId = (await _ledger.Send(AcquisitionNamed(fileId, name))).StreamId;

        var stored = await StoredEvents(recordId);
        stored.ShouldHaveSingleItem();
        stored[0].Data.ShouldNotContain(name);
        stored[0].Data.ShouldNotContain("猫実");
        stored[0].Data.ShouldContain("\"sealed\": \"v1:");

        var history = await fixture.CreateClient().GetStringAsync($"/api/streams/{recordId}/events");
        history.ShouldContain(name);
        history.ShouldNotContain(PersonalData.ErasedText);
    }

    [Fact]
    public async Task after_an_erasure_the_name_is_nowhere_in_the_database_files_the_key_is_gone_the_history_shows_it_erased_and_the_events_are_unchanged()
    {
        var name = UniqueName();
        var fileId = await _ledger.RegisterFile();
        var acquisition = AcquisitionNamed(fileId, name);
        var recordId = (await _ledger.Send(acquisition)).StreamId;
        await _ledger.Send(InternalUse(recordId, 1));
        (await KeyRows(acquisition.DataSubjectId)).ShouldBe(1);
        var before = await StoredEvents(recordId);

        var http = fixture.ClientFor(Disposal(Guid.Empty, 1));
        var erased = await http.PostAsync($"/api/records/{recordId}/erasure", JsonContent.Create(Disposal(recordId, 2), options: LedgerJson.Options));
        erased.StatusCode.ShouldBe(HttpStatusCode.OK, await erased.Content.ReadAsStringAsync());

        (await KeyRows(acquisition.DataSubjectId)).ShouldBe(0, "the person's key is destroyed with the erasure");
        var after = await StoredEvents(recordId);
        after.Count.ShouldBe(3);
        after.Take(2).ShouldBe(before, "the stored events are not rewritten: same rows, same jsonb");
        (await _ledger.Load<RetainedRecord>(recordId))!.Status.ShouldBe(RecordStatus.Erased);
        // The hash chain covers the ciphertext, which the erasure left as it was: the whole ledger still verifies.
        var verified = await fixture.Verifier.VerifyAsync(null, CancellationToken.None);
        verified.Ok.ShouldBeTrue(verified.Summary);

        var history = await http.GetStringAsync($"/api/streams/{recordId}/events");
        history.ShouldNotContain(name);
        using (var json = JsonDocument.Parse(history))
        {
            var data = json.RootElement.GetProperty("events")[0].GetProperty("data").GetProperty("personalData");
            data.EnumerateArray().ShouldAllBe(d => d.GetProperty("erased").GetBoolean() && d.GetProperty("value").GetString() == PersonalData.ErasedText);
        }

        // The bytes on disk: every file of this database and the whole WAL, after a checkpoint flushed the buffers.
        var found = await SearchDatabaseFiles(Encoding.UTF8.GetBytes(name));
        found.ShouldBeEmpty("the erased name must not be in any data file or WAL segment");

        // The search does see what is stored: the ciphertext of the same event is there (kept, as the hash chain needs).
        var sealedValue = System.Text.RegularExpressions.Regex.Match(before[0].Data, "\"sealed\": \"(v1:[^\"]+)\"").Groups[1].Value;
        sealedValue.Length.ShouldBeGreaterThan(40);
        (await SearchDatabaseFiles(Encoding.ASCII.GetBytes(sealedValue))).ShouldNotBeEmpty("the search must find the ciphertext it is shown to be unable to open");
    }

    [Fact]
    public async Task an_event_naming_two_persons_uses_a_key_for_each_so_erasing_one_leaves_the_other_readable()
    {
        var (requesterName, agentName) = (UniqueName(), UniqueName());
        var fileId = await _ledger.RegisterFile();
        var agentRecord = AcquisitionNamed(fileId, agentName);
        var agentRecordId = (await _ledger.Send(agentRecord)).StreamId;
        var agent = agentRecord.DataSubjectId;

        var request = CaseDriver.Request(requester: RequesterType.AppointedAgent);
        var requester = request.DataSubjectId;
        request = request with
        {
            Requester = [new PersonalData(requester, PersonalDataKind.Name, requesterName), new PersonalData(agent, PersonalDataKind.Name, agentName)],
        };
        var caseId = (await _ledger.Send(request)).StreamId;
        (await StoredEvents(caseId))[0].Data.ShouldNotContain(agentName);

        await _ledger.Send(Disposal(agentRecordId, 1));

        (await KeyRows(agent)).ShouldBe(0);
        (await KeyRows(requester)).ShouldBe(1);
        var history = await fixture.CreateClient().GetStringAsync($"/api/streams/{caseId}/events");
        history.ShouldContain(requesterName);
        history.ShouldNotContain(agentName);
        history.ShouldContain(PersonalData.ErasedText);
    }

    [Fact]
    public async Task erasing_one_of_a_persons_records_is_refused_while_another_is_held_unless_the_erasure_covers_them_all()
    {
        var fileId = await _ledger.RegisterFile();
        var first = AcquisitionNamed(fileId, UniqueName());
        var person = first.DataSubjectId;
        var firstId = (await _ledger.Send(first)).StreamId;
        var secondId = (await _ledger.Send(AcquisitionNamed(fileId, UniqueName(), person))).StreamId;

        var http = fixture.ClientFor(Disposal(Guid.Empty, 1));
        var refused = await http.PostAsync($"/api/records/{firstId}/erasure", JsonContent.Create(Disposal(firstId, 1), options: LedgerJson.Options));
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await refused.Content.ReadAsStringAsync();
        problem.ShouldContain("record.erasure-shreds-other-records");
        problem.ShouldContain(secondId.ToString());
        (await KeyRows(person)).ShouldBe(1);
        (await _ledger.Stored(firstId)).Version.ShouldBe(1);

        var all = await http.PostAsync($"/api/records/{firstId}/erasure",
            JsonContent.Create(Disposal(firstId, 1) with { EraseAllHeldRecordsOfThePerson = true }, options: LedgerJson.Options));
        all.StatusCode.ShouldBe(HttpStatusCode.OK, await all.Content.ReadAsStringAsync());
        (await _ledger.Load<RetainedRecord>(firstId))!.Status.ShouldBe(RecordStatus.Erased);
        (await _ledger.Load<RetainedRecord>(secondId))!.Status.ShouldBe(RecordStatus.Erased);
        (await KeyRows(person)).ShouldBe(0);
    }

    [Fact]
    public async Task when_the_key_store_cannot_be_reached_an_append_with_personal_data_fails_and_nothing_is_appended()
    {
        var fileId = await _ledger.RegisterFile();
        var acquisition = AcquisitionNamed(fileId, UniqueName());
        await Owner($"revoke select, insert on {SubjectKeyStore.QualifiedTable} from {LedgerFixture.AppRole}");
        HttpResponseMessage response;
        try
        {
            response = await fixture.ClientFor(acquisition).PostAsync("/api/records", JsonContent.Create(acquisition, options: LedgerJson.Options));
        }
        finally
        {
            await Owner($"grant select, insert, delete on {SubjectKeyStore.QualifiedTable} to {LedgerFixture.AppRole}");
        }
        response.IsSuccessStatusCode.ShouldBeFalse();
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
        (await _ledger.Stored(acquisition.RecordId!.Value)).ShouldBe((0L, 0));
        (await KeyRows(acquisition.DataSubjectId)).ShouldBe(0);
    }

    [Fact]
    public async Task projections_rebuild_after_an_erasure_and_no_personal_data_reaches_the_logs()
    {
        var logs = new CapturedLogs();
        fixture.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var name = UniqueName();
        var fileId = await _ledger.RegisterFile();
        var recordId = (await _ledger.Send(AcquisitionNamed(fileId, name))).StreamId;
        await _ledger.Send(ProvisionToMayor(recordId, 1));
        await _ledger.Send(Disposal(recordId, 2));
        var refused = await fixture.CreateClient().PostAsync("/api/records", JsonContent.Create(AcquisitionNamed(Guid.NewGuid(), name), options: LedgerJson.Options));
        refused.IsSuccessStatusCode.ShouldBeFalse();
        logs.Stop();

        using var daemon = await fixture.Store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(nameof(ProvisionRecipients), TimeSpan.FromMinutes(5), CancellationToken.None);
        (await _ledger.Load<ProvisionRecipients>(recordId))!.ErasedAt.ShouldNotBeNull();

        logs.Text.ShouldNotContain(name);
        logs.Text.ShouldNotContain(name[..4]);
    }

    [Fact]
    public async Task after_a_master_key_rotation_the_residue_of_a_destroyed_key_opens_with_nothing_that_exists_and_live_keys_still_open()
    {
        var fileId = await _ledger.RegisterFile();
        var kept = AcquisitionNamed(fileId, UniqueName());
        var gone = AcquisitionNamed(fileId, UniqueName());
        await _ledger.Send(kept);
        var goneRecord = (await _ledger.Send(gone)).StreamId;
        var residue = await WrappedKey(gone.DataSubjectId);
        await _ledger.Send(Disposal(goneRecord, 1));
        (await KeyRows(gone.DataSubjectId)).ShouldBe(0);

        var current = new MasterKey(Convert.FromBase64String(LedgerFixture.MasterKey));
        var next = new MasterKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        byte[] keptKey;
        using (var before = KeyStore(current)) keptKey = before.Find(kept.DataSubjectId)!;
        try
        {
            (await SubjectKeyStore.RotateMasterKey(LedgerFixture.ConnectionString, current, next)).ShouldBeGreaterThan(0);
            using var after = KeyStore(next);
            after.Find(kept.DataSubjectId).ShouldBe(keptKey, "a live key opens with the new master key, so the person's data stays readable");

            // Whatever copy of the destroyed wrapped key survives (a dead tuple, a WAL segment, a backup) was wrapped with
            // the old master key: put back as it was, it does not open with the new one.
            await Owner($"insert into {SubjectKeyStore.QualifiedTable} values ('{gone.DataSubjectId}', '\\x{Convert.ToHexString(residue)}', now())");
            try
            {
                Should.Throw<KeyStoreUnavailable>(() => after.Find(gone.DataSubjectId));
            }
            finally
            {
                await Owner($"delete from {SubjectKeyStore.QualifiedTable} where data_subject_id = '{gone.DataSubjectId}'");
            }
        }
        finally
        {
            // Back to the fixture's master key, which the running service uses.
            await SubjectKeyStore.RotateMasterKey(LedgerFixture.ConnectionString, next, current);
        }
    }

    private static SubjectKeyStore KeyStore(MasterKey master) =>
        new(master, NpgsqlDataSource.Create(LedgerFixture.AppConnectionString), TimeProvider.System);

    private static async Task<byte[]> WrappedKey(Guid subject)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select wrapped_key from {SubjectKeyStore.QualifiedTable} where data_subject_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        return (byte[])(await command.ExecuteScalarAsync())!;
    }

    private sealed record StoredRow(long Sequence, long Version, string Data);

    private static async Task<List<StoredRow>> StoredEvents(Guid streamId)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select seq_id, version, data::text from auditledger.mt_events where stream_id = $1 order by version", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        var rows = new List<StoredRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(new StoredRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        return rows;
    }

    private static async Task<long> KeyRows(Guid subject)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {SubjectKeyStore.QualifiedTable} where data_subject_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Owner(string sql)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Reads, as root on the local cluster, every file of the test database (heap, TOAST, indexes) and every WAL segment
    /// after a CHECKPOINT, and returns the files holding the bytes.
    /// </summary>
    private static async Task<List<string>> SearchDatabaseFiles(byte[] needle)
    {
        string dataDirectory, databaseFolder;
        await using (var connection = new NpgsqlConnection(LedgerFixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "checkpoint; select current_setting('data_directory'), (select oid::text from pg_database where datname = current_database())", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            (dataDirectory, databaseFolder) = (reader.GetString(0), reader.GetString(1));
        }
        Directory.Exists(dataDirectory).ShouldBeTrue($"the cluster's data directory {dataDirectory} must be readable by the tests (a local cluster, tests run as root)");
        var files = Directory.EnumerateFiles(Path.Combine(dataDirectory, "base", databaseFolder))
            .Concat(Directory.EnumerateFiles(Path.Combine(dataDirectory, "pg_wal")));
        var found = new List<string>();
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                bytes = new byte[stream.Length];
                await stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false);
            }
            catch (FileNotFoundException)
            {
                continue;   // a WAL segment recycled while we looked
            }
            if (bytes.AsSpan().IndexOf(needle) >= 0) found.Add(file);
        }
        return found;
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly StringBuilder _text = new();
        private volatile bool _stopped;

        public string Text
        {
            get { lock (_text) return _text.ToString(); }
        }

        public void Stop() => _stopped = true;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(CapturedLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => !owner._stopped;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (owner._stopped) return;
                lock (owner._text) owner._text.Append(category).Append(": ").Append(formatter(state, exception)).Append(' ').AppendLine(exception?.ToString());
            }
        }
    }
}
