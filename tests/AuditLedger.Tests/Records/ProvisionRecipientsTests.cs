namespace AuditLedger.Tests.Reports;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Configuration;
using AuditLedger.Projections.Provisions;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>The recipients of each record's provisions (Art. 13; for the notices of Art. 37), built through the real commands.</summary>
[Collection(LedgerCollection.Name)]
public sealed class ProvisionRecipientsTests(LedgerFixture fixture)
{
    private readonly HttpClient _http = fixture.CreateClient();
    private readonly LedgerDriver _ledger = new(fixture);

    private static readonly Recipient Mayor = new("浦安市長（市民経済部）", RecipientKind.Mayor);
    private static readonly Recipient Election = new("浦安市選挙管理委員会", RecipientKind.ElectionCommission);

    [Fact]
    public async Task each_recipient_is_listed_with_its_provisions_the_art_13_restrictions_and_whether_it_is_active_or_stopped()
    {
        var (file, record) = await _ledger.Record();
        await _ledger.Send(ProvisionToMayor(record, 1) with { SafeguardsRequested = ["目的外利用の禁止", "複写の禁止"] });
        await _ledger.Send(ProvisionToMayor(record, 2) with { Recipient = Election, SafeguardsRequested = ["漏えい防止措置の報告"], GroundDetail = "公職選挙法に基づく事務に必要な限度" });
        await _ledger.Send(By(new StopRecordProvision { RecordId = record, ExpectedVersion = 3, DecisionReference = "浦議総第125号", Recipient = Mayor }));
        await _ledger.Send(ProvisionToMayor(record, 4) with { Recipient = Election, SafeguardsRequested = ["漏えい防止措置の報告", "保存期間経過後の廃棄"] });

        var recipients = (await _http.GetFromJsonAsync<ProvisionRecipients>($"/api/records/{record}/recipients", LedgerJson.Options))!;

        recipients.Id.ShouldBe(record);
        recipients.Version.ShouldBe(5);
        recipients.FileId.ShouldBe(file);
        recipients.AcquiredAt.ShouldBe(Acquired);
        recipients.ErasedAt.ShouldBeNull();
        recipients.Recipients.Select(r => (r.Recipient, r.Status)).ShouldBe([(Mayor, ProvisionStatus.Stopped), (Election, ProvisionStatus.Active)]);

        var mayor = recipients.Recipients[0];
        var provision = mayor.Provisions.Single();
        provision.Purpose.ShouldBe("住民基本台帳事務における照会への回答");
        provision.Ground.ShouldBe(UseGround.ProvisionToPublicBody);
        provision.Article.ShouldBe("第12条第2項第3号");
        provision.GroundDetail.ShouldBe("住民基本台帳法第34条に基づく照会に必要な限度");
        provision.RestrictionsRequested.ShouldBe(["目的外利用の禁止", "複写の禁止"]);
        provision.By.Actor.ShouldBe(new Actor("S-0003", "staff") { Name = "試験 S-0003", Title = "議会事務局 議事課 主査" });
        provision.By.RecordedBy.ShouldBe(provision.By.Actor);
        provision.By.OccurredAt.ShouldBe(Later);
        mayor.RestrictionsRequested.ShouldBe(["目的外利用の禁止", "複写の禁止"]);
        mayor.Stops.Single().DecisionReference.ShouldBe("浦議総第125号");

        var election = recipients.Recipients[1];
        election.Provisions.Count.ShouldBe(2);
        election.Stops.ShouldBeEmpty();
        election.RestrictionsRequested.ShouldBe(["漏えい防止措置の報告", "保存期間経過後の廃棄"]);

        // One rule for "active": the list agrees with the state commands are decided from, and with the Art. 37 notice list.
        recipients.Active.ShouldBe([Election]);
        (await _ledger.Load<RetainedRecord>(record))!.ActiveRecipients.ShouldBe(recipients.Active);
        var subject = (await _ledger.Load<RetainedRecord>(record))!.DataSubjectId;
        await _ledger.Send(By(new CorrectRecord
        {
            RecordId = record, ExpectedVersion = 5, DecisionReference = "浦議総第130号", Correction = [new PersonalData(subject, PersonalDataKind.Address, "浦安市美浜一丁目1番1号")],
        }));
        var history = JsonDocument.Parse(await _http.GetStringAsync($"/api/streams/{record}/events")).RootElement;
        var corrected = history.GetProperty("events").EnumerateArray().Last().GetProperty("data");
        corrected.GetProperty("recipientsToNotify").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldBe([Election.Name]);
    }

    [Fact]
    public async Task a_record_without_provisions_has_no_recipients_and_keeps_them_after_erasure()
    {
        var (_, bare) = await _ledger.Record();
        (await _ledger.Load<ProvisionRecipients>(bare))!.Recipients.ShouldBeEmpty();

        var (_, record) = await _ledger.Record();
        await _ledger.Send(ProvisionToMayor(record, 1));
        await _ledger.Send(Disposal(record, 2));

        var recipients = (await _ledger.Load<ProvisionRecipients>(record))!;
        recipients.ErasedAt.ShouldBe(Later);
        recipients.Active.ShouldBe([Mayor]);
    }

    [Fact]
    public async Task an_unknown_record_is_a_404_problem()
    {
        var response = await _http.GetAsync($"/api/records/{Guid.NewGuid()}/recipients");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().ShouldBe("stream.not-found");
    }
}
