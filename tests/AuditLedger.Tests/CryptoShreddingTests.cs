namespace AuditLedger.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Ledger;
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
/// Erasure by crypto-shredding (消去, Art. 40), on the real PostgreSQL: personal data is stored sealed with the
/// person's key, erasing destroys the key in the erasure's transaction, and afterwards nothing in the database files
/// or the WAL gives the name back, while the stored events stay exactly as they were.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class CryptoShreddingTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>A name found nowhere else in the cluster (other databases on it hold the drivers' fixed names).</summary>
    private static string UniqueName() => $"消去 太郎{Guid.NewGuid():N}";

    private static AcquireRecord AcquisitionNamed(Guid fileId, string name, Guid? subject = null)
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
        stored[0].Data.ShouldContain("\"sealed\": \"v2:");

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
        var sealedValue = System.Text.RegularExpressions.Regex.Match(before[0].Data, "\"sealed\": \"(v2:[^\"]+)\"").Groups[1].Value;
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

        await _ledger.Send(PersonErasure(agentRecordId, 1));

        (await KeyRows(agent)).ShouldBe(0);
        (await KeyRows(requester)).ShouldBe(1);
        var history = await fixture.CreateClient().GetStringAsync($"/api/streams/{caseId}/events");
        history.ShouldContain(requesterName);
        history.ShouldNotContain(agentName);
        history.ShouldContain(PersonalData.ErasedText);
    }

    [Fact]
    public async Task disposing_one_record_of_a_person_who_has_others_shreds_that_record_alone_and_an_article_40_decision_covering_all_erases_the_person()
    {
        var (firstName, secondName) = (UniqueName(), UniqueName());
        var fileId = await _ledger.RegisterFile();
        var first = AcquisitionNamed(fileId, firstName);
        var person = first.DataSubjectId;
        var firstId = (await _ledger.Send(first)).StreamId;
        var secondId = (await _ledger.Send(AcquisitionNamed(await _ledger.RegisterFile(), secondName, person))).StreamId;
        (await KeyRows(person)).ShouldBe(2, "one key per person and record");

        var http = fixture.ClientFor(Disposal(Guid.Empty, 1));
        var disposed = await http.PostAsync($"/api/records/{firstId}/erasure", JsonContent.Create(Disposal(firstId, 1), options: LedgerJson.Options));
        disposed.StatusCode.ShouldBe(HttpStatusCode.OK, await disposed.Content.ReadAsStringAsync());
        (await _ledger.Load<RetainedRecord>(firstId))!.Status.ShouldBe(RecordStatus.Erased);
        (await _ledger.Load<RetainedRecord>(secondId))!.Status.ShouldBe(RecordStatus.Held);
        (await KeyRows(person, firstId)).ShouldBe(0);
        (await KeyRows(person, secondId)).ShouldBe(1);

        var erasedHistory = await http.GetStringAsync($"/api/streams/{firstId}/events");
        erasedHistory.ShouldNotContain(firstName);
        erasedHistory.ShouldContain(PersonalData.ErasedText);
        var keptHistory = await http.GetStringAsync($"/api/streams/{secondId}/events");
        keptHistory.ShouldContain(secondName);
        keptHistory.ShouldContain("猫実");
        keptHistory.ShouldNotContain(PersonalData.ErasedText);
        (await SearchDatabaseFiles(Encoding.UTF8.GetBytes(firstName))).ShouldBeEmpty("the disposed record's name is in no data file or WAL segment");

        // Erasing the person is an Art. 40 decision covering all of their records: each is erased and every key destroyed.
        var all = await http.PostAsync($"/api/records/{secondId}/erasure", JsonContent.Create(PersonErasure(secondId, 1), options: LedgerJson.Options));
        all.StatusCode.ShouldBe(HttpStatusCode.OK, await all.Content.ReadAsStringAsync());
        (await _ledger.Load<RetainedRecord>(secondId))!.Status.ShouldBe(RecordStatus.Erased);
        (await KeyRows(person)).ShouldBe(0);
        (await http.GetStringAsync($"/api/streams/{secondId}/events")).ShouldNotContain(secondName);
    }

    [Fact]
    public async Task after_erasing_a_person_no_name_is_in_data_files_wal_idempotency_rows_or_free_text_reports_still_read_and_verify_passes()
    {
        var name = UniqueName();
        var fileId = await _ledger.RegisterFile();
        var acquisition = AcquisitionNamed(fileId, name) with { IdempotencyKey = $"acq-{Guid.NewGuid()}" };
        var person = acquisition.DataSubjectId;
        var recordId = (await _ledger.Send(acquisition)).StreamId;

        // The name typed into free text: what the request seeks, why it was withdrawn, an incident's summary, measure and conclusion.
        var cases = new CaseDriver(_ledger);
        var request = CaseDriver.Request(subject: person) with
        {
            Requester = [new PersonalData(person, PersonalDataKind.Name, name)],
            InformationSought = $"{name}に関する傍聴者名簿の記載",
            IdempotencyKey = $"req-{Guid.NewGuid()}",
        };
        var caseId = (await _ledger.Send(request)).StreamId;
        await cases.Step(caseId, new WithdrawRequest { Reason = $"{name}から電話で取下げの申出" }, CaseDriver.Received.AddDays(1));
        var incidentId = (await _ledger.Send(By(new ReportLeakIncident
        {
            IncidentId = Guid.NewGuid(), Kind = IncidentKind.Leak, Summary = $"{name}の傍聴受付票を誤って別の宛先に送付した",
            InformationItems = ["氏名"], Cause = "宛先の確認不足", AffectedRecordIds = [recordId],
        }))).StreamId;
        await _ledger.Send(By(new NotifyAffectedPerson
        {
            IncidentId = incidentId, ExpectedVersion = 1, DataSubjectId = person, Method = "書面",
            ContactUsed = [new PersonalData(person, PersonalDataKind.Address, "千葉県浦安市猫実一丁目1番1号")],
        }));
        await _ledger.Send(By(new AssessLeakIncident { IncidentId = incidentId, ExpectedVersion = 2, CriteriaMet = [], SecondaryHarm = $"{name}への二次被害は確認されていない" }));
        await _ledger.Send(By(new TakeIncidentMeasure { IncidentId = incidentId, ExpectedVersion = 3, Kind = MeasureKind.Containment, Description = $"{name}宛の誤送付分を回収" }));
        await _ledger.Send(By(new CloseLeakIncident { IncidentId = incidentId, ExpectedVersion = 4, Conclusion = $"{name}に謝罪し終結" }));
        var incidentEvents = await StoredEvents(incidentId);
        incidentEvents.ShouldAllBe(e => !e.Data.Contains(name), "free text is stored sealed, never in plain text");
        (await StoredEvents(caseId)).ShouldAllBe(e => !e.Data.Contains(name));

        // The idempotency rows digest nothing personal: the same command with another name has the same fingerprint.
        var row = await IdempotencyRow(request.IdempotencyKey!);
        row.Fingerprint.ShouldStartWith(Host.Ledger.IdempotencyKeys.FingerprintVersion);
        row.Command.ShouldBe("receive-request");
        Host.Ledger.IdempotencyKeys.Fingerprint(request with { Requester = [new PersonalData(person, PersonalDataKind.Name, "別人 次郎")], InformationSought = "別の記載" })
            .ShouldBe(row.Fingerprint);

        var http = fixture.ClientFor(PersonErasure(recordId, 1));
        var erased = await http.PostAsync($"/api/records/{recordId}/erasure", JsonContent.Create(PersonErasure(recordId, 1), options: LedgerJson.Options));
        erased.StatusCode.ShouldBe(HttpStatusCode.OK, await erased.Content.ReadAsStringAsync());
        (await KeyRows(person)).ShouldBe(0, "every key of the person, in the record, the case and the incident, in one transaction");

        var found = await SearchDatabaseFiles(Encoding.UTF8.GetBytes(name));
        found.ShouldBeEmpty("after erasing the person the name is in no data file, WAL segment, idempotency row or free-text column");
        (await IdempotencyRow(request.IdempotencyKey!)).Text.ShouldNotContain(name);
        var verified = await fixture.Verifier.VerifyAsync(null, CancellationToken.None);
        verified.Ok.ShouldBeTrue(verified.Summary);

        // What reads as erased shows ［消去済み］ and never throws: history, the case timeline, the incident report.
        var caseHistory = await http.GetStringAsync($"/api/streams/{caseId}/events");
        caseHistory.ShouldNotContain(name);
        caseHistory.ShouldContain(PersonalData.ErasedText);
        var timeline = await http.GetAsync($"/api/cases/{caseId}/timeline");
        timeline.StatusCode.ShouldBe(HttpStatusCode.OK, await timeline.Content.ReadAsStringAsync());
        (await timeline.Content.ReadAsStringAsync()).ShouldContain(PersonalData.ErasedText);
        var report = await http.GetAsync($"/api/incident-reports/{incidentId}");
        report.StatusCode.ShouldBe(HttpStatusCode.OK, await report.Content.ReadAsStringAsync());
        var reportText = await report.Content.ReadAsStringAsync();
        reportText.ShouldNotContain(name);
        using (var json = JsonDocument.Parse(reportText))
        {
            json.RootElement.GetProperty("summary").GetString().ShouldBe(PersonalData.ErasedText);
            json.RootElement.GetProperty("conclusion").GetString().ShouldBe(PersonalData.ErasedText);
            json.RootElement.GetProperty("cause").GetString().ShouldBe(PersonalData.ErasedText);
            json.RootElement.GetProperty("secondaryHarm").GetString().ShouldBe(PersonalData.ErasedText);
        }

        // After the erasure a repeated key still returns the original result, and a reused key for another command is refused.
        var events = await _ledger.EventCount();
        // Sent by the staff member the request names, as the original was (the actor is the principal).
        var requester = fixture.ClientFor(request);
        var again = await requester.PostAsync("/api/cases", JsonContent.Create(request, options: LedgerJson.Options));
        again.IsSuccessStatusCode.ShouldBeTrue(await again.Content.ReadAsStringAsync());
        (await again.Content.ReadFromJsonAsync<AppendResult>(LedgerJson.Options))!.StreamId.ShouldBe(caseId);
        var reused = await requester.PostAsync("/api/cases", JsonContent.Create(request with { Kind = RequestKind.Correction, DisclosureReceivedOn = new DateOnly(2025, 5, 23) }, options: LedgerJson.Options));
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.Content.ReadAsStringAsync()).ShouldContain("idempotency.key-reused");
        (await _ledger.EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_repeated_key_returns_the_original_result_and_the_same_key_with_other_personal_content_is_refused_as_reused()
    {
        var fileId = await _ledger.RegisterFile();
        var acquisition = AcquisitionNamed(fileId, UniqueName()) with { IdempotencyKey = $"acq-{Guid.NewGuid()}" };
        var http = fixture.ClientFor(acquisition);
        var first = await http.PostAsync("/api/records", JsonContent.Create(acquisition, options: LedgerJson.Options));
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var events = await _ledger.EventCount();

        var again = await http.PostAsync("/api/records", JsonContent.Create(acquisition, options: LedgerJson.Options));
        again.IsSuccessStatusCode.ShouldBeTrue(await again.Content.ReadAsStringAsync());
        (await again.Content.ReadFromJsonAsync<AppendResult>(LedgerJson.Options))!.StreamId.ShouldBe(acquisition.RecordId!.Value);

        // Only the name differs: the fingerprint cannot tell (it digests no personal data); the sealed events can.
        var otherName = acquisition with { PersonalData = [new PersonalData(acquisition.DataSubjectId, PersonalDataKind.Name, UniqueName()), acquisition.PersonalData[1]] };
        var reused = await http.PostAsync("/api/records", JsonContent.Create(otherName, options: LedgerJson.Options));
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await reused.Content.ReadAsStringAsync());
        (await reused.Content.ReadAsStringAsync()).ShouldContain("idempotency.key-reused");
        (await _ledger.EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task dispose_records_disposes_a_files_records_past_retention_each_with_its_own_event_and_keeps_one_an_open_incident_needs()
    {
        fixture.Clock.Set(LedgerFixture.Today);
        var jst = TimeSpan.FromHours(9);
        var registeredOn = new DateTimeOffset(2024, 4, 1, 9, 0, 0, jst);
        var acquiredOn = new DateTimeOffset(2024, 5, 1, 10, 0, 0, jst);
        // 傍聴者名簿, kept one year: acquired in FY2024, past retention from 1 April 2026.
        var fileId = (await _ledger.Send(Registration() with
        {
            OccurredAt = registeredOn, Items = Items() with { Retention = new Domain.Files.RetentionPeriod(1) },
        })).StreamId;
        var (disposedName, keptName) = (UniqueName(), UniqueName());
        var dueRecord = AcquisitionNamed(fileId, disposedName) with { OccurredAt = acquiredOn };
        var person = dueRecord.DataSubjectId;
        var dueId = (await _ledger.Send(dueRecord)).StreamId;
        var otherFileRecordId = (await _ledger.Send(AcquisitionNamed(await _ledger.RegisterFile(), keptName, person))).StreamId;
        var heldId = (await _ledger.Send(AcquisitionNamed(fileId, UniqueName()) with { OccurredAt = acquiredOn })).StreamId;
        var recentId = (await _ledger.Send(AcquisitionNamed(fileId, UniqueName()) with { OccurredAt = new DateTimeOffset(2026, 5, 1, 10, 0, 0, jst) })).StreamId;
        var incidentId = await _ledger.Incident(heldId);

        var http = fixture.CreateClient();
        var due = await http.GetFromJsonAsync<List<Host.Files.DisposalDueRow>>($"/api/records/disposal-due?fileId={fileId}", LedgerJson.Options);
        due.ShouldNotBeNull();
        due.Select(d => d.RecordId).ShouldBe([dueId, heldId], ignoreOrder: true);
        due.Single(d => d.RecordId == dueId).DueOn.ShouldBe(new DateOnly(2026, 4, 1));
        due.Single(d => d.RecordId == dueId).HeldBy.ShouldBeEmpty();
        due.Single(d => d.RecordId == heldId).HeldBy.ShouldHaveSingleItem().CaseId.ShouldBe(incidentId);

        var disposal = new Domain.Files.DisposeFileRecords { StaffId = "S-0003", StaffRole = "議会事務局 議事課 主査", ExpectedVersion = 1, Method = "データ消去ソフトによる上書き" };
        var response = await fixture.ClientFor(disposal).PostAsync($"/api/files/{fileId}/disposal", JsonContent.Create(disposal, options: LedgerJson.Options));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<Host.Files.DisposalResult>(LedgerJson.Options))!;
        result.Disposed.ShouldBe([dueId]);
        var kept = result.Kept.ShouldHaveSingleItem();
        kept.RecordId.ShouldBe(heldId);
        kept.Code.ShouldBe("record.still-needed");
        kept.Reason.ShouldContain(incidentId.ToString());

        (await _ledger.Load<RetainedRecord>(dueId))!.Status.ShouldBe(RecordStatus.Erased);
        (await StoredEvents(dueId)).Last().Data.ShouldContain("NoLongerNeeded");
        (await _ledger.Load<RetainedRecord>(heldId))!.Status.ShouldBe(RecordStatus.Held);
        (await _ledger.Load<RetainedRecord>(recentId))!.Status.ShouldBe(RecordStatus.Held);
        (await KeyRows(person, dueId)).ShouldBe(0);
        (await KeyRows(person, otherFileRecordId)).ShouldBe(1);
        var disposedHistory = await http.GetStringAsync($"/api/streams/{dueId}/events");
        disposedHistory.ShouldNotContain(disposedName);
        disposedHistory.ShouldContain(PersonalData.ErasedText);
        (await http.GetStringAsync($"/api/streams/{otherFileRecordId}/events")).ShouldContain(keptName, Case.Sensitive, "the person's record in another file reads in full");
        (await SearchDatabaseFiles(Encoding.UTF8.GetBytes(disposedName))).ShouldBeEmpty();
        (await http.GetFromJsonAsync<List<Host.Files.DisposalDueRow>>($"/api/records/disposal-due?fileId={fileId}", LedgerJson.Options))!
            .Select(d => d.RecordId).ShouldBe([heldId]);

        // Only the held record is left: refused with the reason, nothing appended.
        var events = await _ledger.EventCount();
        var refused = await fixture.ClientFor(disposal).PostAsync($"/api/files/{fileId}/disposal", JsonContent.Create(disposal with { ExpectedVersion = 2 }, options: LedgerJson.Options));
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await refused.Content.ReadAsStringAsync();
        problem.ShouldContain("file.no-records-due-for-disposal");
        problem.ShouldContain(heldId.ToString());
        (await _ledger.EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task the_command_line_lists_the_records_past_retention_and_dispose_records_disposes_of_them()
    {
        var jst = TimeSpan.FromHours(9);
        var fileId = (await _ledger.Send(Registration() with
        {
            OccurredAt = new DateTimeOffset(2024, 4, 1, 9, 0, 0, jst), Items = Items() with { Retention = new Domain.Files.RetentionPeriod(1) },
        })).StreamId;
        var recordId = (await _ledger.Send(AcquisitionNamed(fileId, UniqueName()) with { OccurredAt = new DateTimeOffset(2024, 5, 1, 10, 0, 0, jst) })).StreamId;
        Environment.SetEnvironmentVariable(LedgerDatabase.EnvironmentVariable, LedgerFixture.ConnectionString);

        // The command line reads today from the system clock: this record was past retention from 1 April 2026.
        var (status, output) = await ConsoleOutput.Capture(() => Host.Cli.LedgerCommandLine.Run(["disposal-due", "--file", fileId.ToString(), "--json"]));
        status.ShouldBe(0, output);
        JsonSerializer.Deserialize<List<Host.Files.DisposalDueRow>>(output, LedgerJson.Options)!.Select(r => r.RecordId).ShouldBe([recordId]);

        // A write on the command line acts as a named user of the directory: the staff member it names.
        await fixture.User("S-0003");
        // Under its former name (dispose-records): still done, with a note on standard error naming the current one.
        (status, var error) = await ConsoleOutput.CaptureError(() => Host.Cli.LedgerCommandLine.Run(
            ["dispose-records", "--file-id", fileId.ToString(), "--expected-version", "1", "--method", "溶解処理", "--staff-id", "S-0003", "--staff-role", "議会事務局 議事課 主査", "--as", "S-0003"]));
        status.ShouldBe(0, error);
        error.ShouldContain("'dispose-records' is a deprecated name: use 'dispose-file-records'");
        (await _ledger.Load<RetainedRecord>(recordId))!.Status.ShouldBe(RecordStatus.Erased);
        (status, output) = await ConsoleOutput.Capture(() => Host.Cli.LedgerCommandLine.Run(["disposal-due", "--file", fileId.ToString(), "--json"]));
        status.ShouldBe(0, output);
        JsonSerializer.Deserialize<List<Host.Files.DisposalDueRow>>(output, LedgerJson.Options)!.ShouldBeEmpty();
    }

    private sealed record IdempotencyRowText(string Command, string Fingerprint, string Text);

    private static async Task<IdempotencyRowText> IdempotencyRow(string key)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select command, fingerprint, t::text from {Host.Ledger.IdempotencyKeys.QualifiedTable} t where key = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue($"the key {key} is recorded");
        return new IdempotencyRowText(reader.GetString(0), reader.GetString(1), reader.GetString(2));
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

        using var daemon = await fixture.Store.BuildProjectionDaemonAsync(AuditLedger.Host.Tenancy.TenantPlacement.MainDatabase);
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
        var residue = await WrappedKey(gone.DataSubjectId, goneRecord);
        await _ledger.Send(Disposal(goneRecord, 1));
        (await KeyRows(gone.DataSubjectId)).ShouldBe(0);

        var current = new MasterKey(Convert.FromBase64String(LedgerFixture.MasterKey));
        var next = new MasterKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        byte[] keptKey;
        using (var before = KeyStore(current)) keptKey = before.Find(kept.DataSubjectId, kept.RecordId!.Value)!;
        try
        {
            (await SubjectKeyStore.RotateMasterKey(LedgerFixture.ConnectionString, current, next)).ShouldBeGreaterThan(0);
            using var after = KeyStore(next);
            after.Find(kept.DataSubjectId, kept.RecordId!.Value).ShouldBe(keptKey, "a live key opens with the new master key, so the person's data stays readable");

            // Whatever copy of the destroyed wrapped key survives (a dead tuple, a WAL segment, a backup) was wrapped with
            // the old master key: put back as it was, it does not open with the new one.
            await Owner($"insert into {SubjectKeyStore.QualifiedTable} (data_subject_id, stream_id, wrapped_key, created_at) values ('{gone.DataSubjectId}', '{goneRecord}', '\\x{Convert.ToHexString(residue)}', now())");
            try
            {
                Should.Throw<KeyStoreUnavailable>(() => after.Find(gone.DataSubjectId, goneRecord));
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

    private static async Task<byte[]> WrappedKey(Guid subject, Guid stream)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select wrapped_key from {SubjectKeyStore.QualifiedTable} where data_subject_id = $1 and stream_id = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
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

    /// <summary>An Art. 40 erasure decision covering all of the person's records: erases the person (every key).</summary>
    internal static EraseRecord PersonErasure(Guid recordId, long version) => Disposal(recordId, version) with
    {
        Reason = ErasureReason.ErasureDecision, DecisionReference = "浦議総第140号", EraseAllHeldRecordsOfThePerson = true,
    };

    private static async Task<long> KeyRows(Guid subject, Guid? stream = null)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select count(*) from {SubjectKeyStore.QualifiedTable} where data_subject_id = $1 and ($2::uuid is null or stream_id = $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = subject });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)stream ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
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
