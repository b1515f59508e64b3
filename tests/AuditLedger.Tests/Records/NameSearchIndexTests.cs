namespace AuditLedger.Tests.Records;

using AuditLedger.Host.Tenancy;
using System.Text;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Erasure;
using AuditLedger.Host.Records;
using AuditLedger.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Marten;
using Npgsql;

/// <summary>氏名検索: the keyed blind index of names, written with the events and deleted with the keys.</summary>
[Collection(LedgerCollection.Name)]
public sealed class NameSearchIndexTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    private NameSearchIndex Index => fixture.Services.GetRequiredService<NameSearchIndex>();

    /// <summary>A name no other test writes: 山田 + a unique given name (kanji of the hex digits' positions), with a space.</summary>
    private static string UniqueName() => "山田 " + new string([.. Guid.NewGuid().ToString("N")[..6].Select(c => (char)('一' + Convert.ToInt32(c.ToString(), 16)))]) + "がく";

    [Fact]
    public void the_normalisation_folds_spaces_compatibility_and_decomposed_forms_and_nothing_else()
    {
        var forms = new[] { "山田 太郎", "山田　太郎", "山田太郎", " 山田\t太郎 ", "山田\u200B太郎" };
        forms.Select(NameSearchIndex.Normalise).Distinct().ShouldBe(["山田太郎"]);
        // Decomposed (NFD: か + U+3099) and half-width katakana fold to the composed full-width form.
        NameSearchIndex.Normalise("やまだ か\u3099く").ShouldBe("やまだがく");
        NameSearchIndex.Normalise("ﾔﾏﾀﾞ ﾀﾛｳ").ShouldBe("ヤマダタロウ");
        NameSearchIndex.Normalise("ＹＡＭＡＤＡ").ShouldBe("YAMADA");
        // Different names stay different.
        NameSearchIndex.Normalise("やまだ").ShouldNotBe(NameSearchIndex.Normalise("ヤマダ"));
        Index.Hash("山田 太郎").ShouldBe(Index.Hash("山田　太郎"));
        Index.Hash("山田太郎").ShouldNotBe(Index.Hash("山田次郎"));
        Index.Hash(" \u3000 ").ShouldBeNull();
    }

    [Fact]
    public async Task an_acquired_name_is_found_in_other_unicode_forms_the_table_holds_no_name_and_after_disposal_it_is_not_found_and_the_chain_verifies()
    {
        var name = UniqueName();
        var fileId = await _ledger.RegisterFile();
        var acquisition = LedgerDriver.Acquisition(fileId) is var a ? a with { PersonalData = [new PersonalData(a.DataSubjectId, PersonalDataKind.Name, name)] } : null!;
        var recordId = (await _ledger.Send(acquisition)).StreamId;

        foreach (var form in new[] { name, name.Normalize(NormalizationForm.FormD), name.Replace(" ", "\u3000"), name.Replace(" ", "") })
            (await Index.Find(LedgerTenant.Default, form, default)).ShouldBe([new NameMatch(acquisition.DataSubjectId, recordId)], form);
        (await Index.Find(LedgerTenant.Default, "山田", default)).ShouldNotContain(m => m.StreamId == recordId, "a part of a name is not the name");

        // The table holds the HMAC, never the name in any form.
        foreach (var row in await Rows(recordId))
        {
            row.ShouldNotContain(name);
            row.ShouldNotContain(NameSearchIndex.Normalise(name));
        }
        (await Rows(recordId)).Count.ShouldBe(1);

        await using (var session = fixture.Store.TenantQuerySession())
        {
            var found = await RecordSearch.ByName(session, Index, name.Replace(" ", "\u3000"), default);
            found.Records.Select(r => r.RecordId).ShouldBe([recordId]);
        }

        var version = (await _ledger.Stored(recordId)).Version;
        await _ledger.Send(LedgerDriver.Disposal(recordId, version));
        (await Index.Find(LedgerTenant.Default, name, default)).ShouldBeEmpty("the index row goes with the record's key (第4条第2項)");
        (await Rows(recordId)).ShouldBeEmpty();
        var verified = await fixture.Verifier.VerifyAsync(null, CancellationToken.None);
        verified.Ok.ShouldBeTrue(verified.Summary);
    }

    [Fact]
    public async Task a_requesters_name_is_indexed_with_the_case_and_erasing_the_person_removes_every_row_of_theirs()
    {
        var name = UniqueName();
        var cases = new CaseDriver(_ledger);
        var fileId = await _ledger.RegisterFile();
        var acquisition = LedgerDriver.Acquisition(fileId) is var a ? a with { PersonalData = [new PersonalData(a.DataSubjectId, PersonalDataKind.Name, name)] } : null!;
        var recordId = (await _ledger.Send(acquisition)).StreamId;
        var subject = acquisition.DataSubjectId;
        var request = CaseDriver.Request(subject: subject) is var r
            ? r with { Requester = [new PersonalData(subject, PersonalDataKind.Name, name.Replace(" ", "\u3000")), r.Requester[1]] } : null!;
        var caseId = await cases.Open(request);

        (await Index.Find(LedgerTenant.Default, name, default)).Select(m => m.StreamId).Order().ShouldBe(new[] { recordId, caseId }.Order());
        await using (var session = fixture.Store.TenantQuerySession())
        {
            var found = await RecordSearch.ByName(session, Index, name, default);
            found.Records.Select(x => x.RecordId).ShouldBe([recordId]);
            found.RequesterCases.Select(c => c.CaseId).ShouldBe([caseId]);
        }

        // An Art. 40 decision covering all of the person: every key of theirs is destroyed, and every index row with them.
        var version = (await _ledger.Stored(recordId)).Version;
        await _ledger.Send(LedgerDriver.By(new EraseRecord
        {
            RecordId = recordId, ExpectedVersion = version, Reason = ErasureReason.ErasureDecision, DecisionReference = "令和8年利停第1号",
            Method = "データ消去ソフトによる上書き", EraseAllHeldRecordsOfThePerson = true,
        }));
        (await Index.Find(LedgerTenant.Default, name, default)).ShouldBeEmpty();
        var verified = await fixture.Verifier.VerifyAsync(null, CancellationToken.None);
        verified.Ok.ShouldBeTrue(verified.Summary);
    }

    [Fact]
    public async Task the_api_searches_by_name_in_the_body_records_each_person_found_as_a_read_and_lists_by_file_and_subject()
    {
        var name = UniqueName();
        var fileId = await _ledger.RegisterFile();
        var acquisition = LedgerDriver.Acquisition(fileId) is var a ? a with { PersonalData = [new PersonalData(a.DataSubjectId, PersonalDataKind.Name, name)] } : null!;
        var recordId = (await _ledger.Send(acquisition)).StreamId;
        var http = fixture.ClientAs("S-API-NAME-01", Host.Access.LedgerRoles.Staff);
        http.DefaultRequestHeaders.Remove(Host.Access.LedgerSecurity.PurposeHeader);
        http.DefaultRequestHeaders.Add(Host.Access.LedgerSecurity.PurposeHeader, Uri.EscapeDataString("窓口での本人の記録の特定"));

        var response = await http.PostAsJsonAsync("/api/records/name-search", new { name = name.Replace(" ", "\u3000") });
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain(recordId.ToString());
        body.ShouldNotContain(name.Split(' ')[1]);
        await using (var session = fixture.Store.TenantQuerySession())
        {
            var reads = await session.Events.QueryRawEventDataOnly<Domain.Access.PersonalDataRead>().Where(r => r.ReaderId == "S-API-NAME-01").ToListAsync();
            reads.Count.ShouldBe(1);
            reads[0].StreamId.ShouldBe(recordId);
            reads[0].DataSubjectIds.ShouldBe([acquisition.DataSubjectId]);
            reads[0].Purpose.ShouldBe("窓口での本人の記録の特定");
        }

        (await http.GetStringAsync($"/api/records?fileId={fileId}")).ShouldContain(recordId.ToString());
        (await http.GetStringAsync($"/api/records?dataSubjectId={acquisition.DataSubjectId}")).ShouldContain(recordId.ToString());
    }

    /// <summary>The stream's index rows, each as the text of all its columns (as the owner reads the table).</summary>
    private static async Task<List<string>> Rows(Guid streamId)
    {
        await using var connection = new NpgsqlConnection(LedgerFixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select t::text from {NameSearchIndex.QualifiedTable} t where stream_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
