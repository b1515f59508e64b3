namespace AuditLedger.Host.Demo;

using AuditLedger.Host.Tenancy;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Ledger;
using Marten;
using Wolverine;

/// <summary>
/// A realistic demo year for a city council's secretariat (fiscal 2025, 令和7年度: April 2025 to March 2026):
/// five files, a few hundred records, purpose-external uses, provisions, corrections, disposals and one leak
/// with its whole handling. Everything goes through the same validated commands as real input; the names are invented.
/// </summary>
public static class DemoYear
{
    private static readonly TimeSpan Japan = JapanDate.Offset;
    private static readonly DateTimeOffset YearStart = new(2025, 4, 1, 9, 0, 0, Japan);

    private static readonly string[] FamilyNames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "松本", "井上", "木村"];
    private static readonly string[] GivenNames = ["太郎", "花子", "翔", "美咲", "健一", "陽菜", "大輔", "結衣", "誠", "さくら", "浩二", "愛"];
    private static readonly string[] Districts = ["猫実", "当代島", "北栄", "堀江", "富士見", "入船", "美浜", "今川", "日の出", "舞浜"];

    private sealed record DemoFile(RegisterItems Items, int Records, InformationCategories Categories);

    private static readonly DemoFile[] Files =
    [
        new(Items("議会傍聴者名簿", "議事課", ["本会議及び委員会の傍聴者の受付及び管理", "傍聴者への会議資料及び議会だよりの送付"], ["氏名", "住所", "傍聴日"], "本会議及び委員会の傍聴者", "本人からの傍聴受付票の提出", false, []), 120, InformationCategories.Ordinary),
        new(Items("請願・陳情者台帳", "議事課", ["請願及び陳情の受理、審査及び結果の通知"], ["氏名", "住所", "電話番号", "請願・陳情の要旨"], "請願者、陳情者及びその代表者", "本人からの請願書・陳情書の提出", false, ["浦安市長"]), 70, InformationCategories.Ordinary),
        new(Items("政務活動費収支報告関係書類", "総務課", ["政務活動費の交付及び収支報告の審査"], ["氏名", "口座情報", "支出内容"], "議員及び議員であった者", "議員からの報告書の提出", false, []), 30, InformationCategories.Ordinary),
        new(Items("議会報告会参加者アンケート", "総務課", ["議会報告会の運営改善のための集計"], ["年代", "居住地区", "意見"], "議会報告会の参加者", "参加者からのアンケート用紙の提出（仮名加工して保存）", false, []), 50, new(false, false, ProcessingForm.Pseudonymised)),
        new(Items("議会事務局職員の健康管理記録", "総務課", ["職員の健康管理及び公務災害の認定手続"], ["氏名", "職員番号", "健康診断結果", "個人番号"], "議会事務局の職員", "健康診断実施機関及び本人からの提出", true, ["地方公務員災害補償基金千葉県支部"]), 30, new(true, true, ProcessingForm.Ordinary)),
    ];

    /// <summary>Loads the year when the ledger holds no event yet; returns a summary, or null when it was not empty.</summary>
    public static async Task<string?> LoadWhenEmpty(IDocumentStore store, IMessageBus bus, TimeProvider time)
    {
        await using (var session = store.TenantQuerySession())
        {
            if (await session.Events.QueryAllRawEvents().AnyAsync()) return null;
        }
        return await Load(store, bus, time, new Random(20250401));
    }

    /// <summary>
    /// Appends one demo year through the commands, with new ids (so it can be loaded again beside others, as the
    /// rebuild benchmark does to fill a store); returns a summary of the commands sent.
    /// </summary>
    /// <remarks>The demo's users are added to the directory first when missing (<see cref="DemoDirectory"/>); each command is recorded as the staff member it names.</remarks>
    public static async Task<string> Load(IDocumentStore store, IMessageBus bus, TimeProvider time, Random random)
    {
        var principals = new Access.LedgerPrincipals(store, time);
        await DemoDirectory.Seed(bus, principals);
        var counts = new Dictionary<string, int>();
        async Task<AppendResult> Send(LedgerCommand command)
        {
            var result = await bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), await DemoDirectory.AsItsStaff(command, principals));
            var name = Ledger.CommandCatalog.NameOf(command.GetType()) ?? command.GetType().Name;
            counts[name] = counts.GetValueOrDefault(name) + 1;
            return result;
        }

        var records = new List<(Guid Id, Guid Subject, DemoFile File, DateTimeOffset Acquired)>();
        foreach (var file in Files)
        {
            var fileId = (await Send(Staff(new RegisterFile { Kind = FileKind.ComputerProcessed, Items = file.Items }, YearStart))).StreamId;
            for (var i = 0; i < file.Records; i++)
            {
                var subject = Guid.NewGuid();
                var acquired = YearStart.AddDays(1 + random.Next(0, 300)).AddMinutes(random.Next(0, 480));
                var name = FamilyNames[random.Next(FamilyNames.Length)] + " " + GivenNames[random.Next(GivenNames.Length)];
                var address = $"浦安市{Districts[random.Next(Districts.Length)]}{random.Next(1, 5)}丁目{random.Next(1, 30)}番{random.Next(1, 20)}号";
                var result = await Send(Staff(new AcquireRecord
                {
                    FileId = fileId,
                    DataSubjectId = subject,
                    PurposeNumber = 1 + i % file.Items.PurposesOfUse.Count,   // a file may register several purposes (Art. 17(1)(3))
                    Source = AcquisitionSource.FromThePersonInWriting,
                    PurposeStatement = PurposeStatement.StatedInAdvance,
                    Categories = file.Categories,
                    PersonalData = file.Categories.Form == ProcessingForm.Pseudonymised
                        ? []
                        : [new PersonalData(subject, PersonalDataKind.Name, name), new PersonalData(subject, PersonalDataKind.Address, address)],
                }, acquired));
                records.Add((result.StreamId, subject, file, acquired));
            }
        }

        var versions = records.ToDictionary(r => r.Id, _ => 1L);
        var provided = new HashSet<Guid>();
        async Task OnRecord(Guid id, Func<long, StreamCommand> command)
        {
            var result = await Send(command(versions[id]));
            versions[id] = result.Version;
        }

        foreach (var record in records)
        {
            var when = record.Acquired.AddDays(random.Next(5, 40));
            var ordinary = record.File.Categories == InformationCategories.Ordinary;
            if (ordinary && random.NextDouble() < 0.2)
                await OnRecord(record.Id, v => Staff(new UseRecordOutsidePurpose
                {
                    RecordId = record.Id, ExpectedVersion = v, Purpose = "議会だより発送先の確認",
                    Ground = UseGround.InternalUseForDuties, GroundDetail = "議会広報の発行事務に必要な限度での内部利用",
                    NoUnjustInfringementConfirmed = true, RestrictedTo = "議会事務局 総務課 広報担当",
                }, when));
            if (record.File.Items.RegularRecipients.Count > 0 && random.NextDouble() < 0.5 && provided.Add(record.Id))
                await OnRecord(record.Id, v => Staff(record.File.Categories.SpecificPersonalInformation
                    ? new ProvideRecord
                    {
                        RecordId = record.Id, ExpectedVersion = v, Recipient = new Recipient("地方公務員災害補償基金千葉県支部", RecipientKind.Other),
                        Purpose = "公務災害認定請求", Ground = UseGround.MyNumberActArticle19, GroundDetail = "番号利用法第19条第8号",
                        SafeguardsRequested = ["目的外利用の禁止", "認定手続終了後の返還"],
                    }
                    : new ProvideRecord
                    {
                        RecordId = record.Id, ExpectedVersion = v, Recipient = new Recipient("浦安市長", RecipientKind.Mayor),
                        Purpose = "請願の趣旨に係る執行機関での対応", Ground = UseGround.ProvisionToPublicBody,
                        GroundDetail = "地方自治法第125条に基づく請願の送付に必要な限度", NoUnjustInfringementConfirmed = true,
                        SafeguardsRequested = ["請願処理以外への利用の禁止"],
                    }, when.AddDays(3)));
            if (ordinary && random.NextDouble() < 0.04)
                await OnRecord(record.Id, v => Staff(new CorrectRecord
                {
                    RecordId = record.Id, ExpectedVersion = v, DecisionReference = $"浦議総第{random.Next(100, 999)}号",
                    Correction = [new PersonalData(record.Subject, PersonalDataKind.Address, $"浦安市{Districts[random.Next(Districts.Length)]}1丁目1番1号")],
                }, when.AddDays(10)));
            if (record.File.Items.Name == "議会傍聴者名簿" && random.NextDouble() < 0.15)
                await OnRecord(record.Id, v => Staff(new EraseRecord
                {
                    RecordId = record.Id, ExpectedVersion = v, Reason = ErasureReason.NoLongerNeeded, Method = "保存期間満了によるシュレッダー裁断",
                }, when.AddDays(20)));
        }

        // One leak: petitioners' list e-mailed to the wrong address, handled to closure.
        var leaked = records.Where(r => r.File.Items.Name == "請願・陳情者台帳").Take(12).ToList();
        var detected = new DateTimeOffset(2025, 10, 14, 15, 20, 0, Japan);
        var incident = await Send(Staff(new ReportLeakIncident
        {
            Kind = IncidentKind.Leak,
            Summary = "請願・陳情者台帳の一部を含むファイルを、誤って外部の宛先に電子メールで送信した",
            InformationItems = ["氏名", "住所", "電話番号"],
            Cause = "送信時の宛先確認が不十分であった",
            AffectedRecordIds = [.. leaked.Select(r => r.Id)],
        }, detected));
        var version = incident.Version;
        async Task OnIncident(Func<long, StreamCommand> command) => version = (await Send(command(version))).Version;
        await OnIncident(v => Staff(new TakeIncidentMeasure { IncidentId = incident.StreamId, ExpectedVersion = v, Kind = MeasureKind.Containment, Description = "誤送信先に削除を依頼し、削除した旨の回答を得た" }, detected.AddHours(2)));
        await OnIncident(v => Staff(new AssessLeakIncident { IncidentId = incident.StreamId, ExpectedVersion = v, CriteriaMet = [SeriousCriterion.WrongfulPurpose], SecondaryHarm = "現時点で二次被害は確認されていない" }, detected.AddDays(1)));
        foreach (var person in leaked.Take(10))
            await OnIncident(v => Staff(new NotifyAffectedPerson { IncidentId = incident.StreamId, ExpectedVersion = v, DataSubjectId = person.Subject, Method = "書面（郵送）" }, detected.AddDays(3)));
        await OnIncident(v => Staff(new ApplyNotificationExemption
        {
            IncidentId = incident.StreamId, ExpectedVersion = v, DataSubjectIds = [.. leaked.Skip(10).Select(p => p.Subject)],
            Exemption = NotificationExemption.AlternativeMeasure, Description = "転居先不明のため、議会ホームページで事案を公表し問合せ窓口を設けた",
        }, detected.AddDays(10)));
        await OnIncident(v => Staff(new TakeIncidentMeasure { IncidentId = incident.StreamId, ExpectedVersion = v, Kind = MeasureKind.RecurrencePrevention, Description = "外部送信時の複数人による宛先確認と添付ファイルの暗号化を義務化" }, detected.AddDays(14)));
        await OnIncident(v => Staff(new CloseLeakIncident { IncidentId = incident.StreamId, ExpectedVersion = v, Conclusion = "全ての本人への対応を完了し、再発防止策を実施した" }, detected.AddDays(20)));

        var subjects = records.Where(r => r.File.Categories == InformationCategories.Ordinary)
            .Select(r => new DemoPerson(r.Id, r.Subject, provided.Contains(r.Id), r.Acquired)).ToList();
        await DemoRequests.Load(subjects, random, Send, time.GetUtcNow());

        return string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key}"));
    }

    private static RegisterItems Items(string name, string section, string[] purposes, string[] items, string scope, string method, bool specialCare, string[] recipients) =>
        new(name, $"浦安市議会事務局 {section}", purposes, items, scope, method, specialCare, recipients,
            "浦安市議会事務局 総務課", "千葉県浦安市猫実一丁目1番1号", null);

    private static T Staff<T>(T command, DateTimeOffset occurredAt) where T : LedgerCommand =>
        command with { StaffId = "S-1024", StaffRole = "議会事務局 総務課 主査", OccurredAt = occurredAt };
}
