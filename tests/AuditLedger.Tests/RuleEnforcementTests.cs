namespace AuditLedger.Tests;

using AuditLedger.Host.Tenancy;
using AuditLedger.Domain.Access;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// For every rule the ledger enforces: a command refused with the rule's code and article and nothing appended,
/// and its corrected twin on the same stream that is accepted. Through Wolverine, Marten and PostgreSQL.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class RuleEnforcementTests(LedgerFixture fixture)
{
    private readonly LedgerDriver _ledger = new(fixture);

    /// <summary>A rule, a refused command and its accepted twin on one stream.</summary>
    /// <param name="Tenant">The body (tenant) the case is arranged and its twin sent in, when not the default (urayasu:council):
    /// a rule of another jurisdiction's law is in force only in that jurisdiction's bodies.</param>
    /// <param name="RefusedTenant">The body the refused command is sent in, when not <paramref name="Tenant"/> (a rule refusing
    /// what one jurisdiction's law does not provide, whose twin is lawful in another's).</param>
    public sealed record RuleCase(string Code, string Article, Func<LedgerDriver, Task<(Guid Stream, LedgerCommand Refused, LedgerCommand Passing)>> Arrange,
        string? Tenant = null, string? RefusedTenant = null);

    private static readonly InformationCategories MyNumber = new(false, true, ProcessingForm.Ordinary);
    private static readonly InformationCategories Pseudonymised = new(false, false, ProcessingForm.Pseudonymised);

    public static readonly IReadOnlyList<RuleCase> RecordAndFileCases =
    [
        // Art. 12(1)-(2): a purpose-external use or provision needs a ground.
        new(UseGrounds.UseOrProvisionWithoutGround.Code, "第12条第2項", async l =>
        {
            var (_, record) = await l.Record();
            return (record, InternalUse(record, 1) with { Ground = null }, InternalUse(record, 1));
        }),
        new(UseGrounds.UseOrProvisionWithoutGround.Code + "/provision", "第12条第2項", async l =>
        {
            var (_, record) = await l.Record();
            return (record, ProvisionToMayor(record, 1) with { Ground = null }, ProvisionToMayor(record, 1));
        }),
        // Art. 12(2)(3) is a ground for provision only, not for one's own use.
        new(UseGrounds.GroundNotAvailableForAction.Code, "第12条第2項", async l =>
        {
            var (_, record) = await l.Record();
            return (record, InternalUse(record, 1) with { Ground = UseGround.ProvisionToPublicBody }, InternalUse(record, 1));
        }),
        new(UseGrounds.UnjustInfringementNotExcluded.Code, "第12条第2項ただし書", async l =>
        {
            var (_, record) = await l.Record();
            return (record, InternalUse(record, 1) with { NoUnjustInfringementConfirmed = false }, InternalUse(record, 1));
        }),
        new(UseGrounds.GroundDetailRequired.Code, "第12条第1項", async l =>
        {
            var (_, record) = await l.Record();
            return (record, InternalUse(record, 1) with { GroundDetail = " " }, InternalUse(record, 1));
        }),
        new(UseGrounds.RecipientNotAPublicBody.Code, "第12条第2項第3号", async l =>
        {
            var (_, record) = await l.Record();
            var refused = ProvisionToMayor(record, 1) with { Recipient = new Recipient("株式会社ナンバーワン調査", RecipientKind.Other) };
            return (record, refused, ProvisionToMayor(record, 1));
        }),
        new(UseGrounds.ContractorGroundNeedsContractor.Code, "第9条第2項", async l =>
        {
            var (_, record) = await l.Record();
            var toContractor = ProvisionToMayor(record, 1) with
            {
                Ground = UseGround.ToContractor, GroundDetail = "会議録作成業務委託契約（令和7年度）",
                Recipient = new Recipient("株式会社会議録センター", RecipientKind.Contractor),
            };
            return (record, toContractor with { Recipient = new Recipient("浦安市長", RecipientKind.Mayor) }, toContractor);
        }),
        // Art. 12(5): specific personal information (My Number data).
        new(UseGrounds.SpecificPersonalInformationUse.Code, "第12条第5項", async l =>
        {
            var (_, record) = await l.Record(MyNumber);
            var vital = InternalUse(record, 1) with
            {
                Ground = UseGround.VitalInterestsWithConsentOrImpracticable,
                GroundDetail = "災害時の安否確認で本人の同意を得ることが困難",
            };
            return (record, InternalUse(record, 1), vital);
        }),
        new(UseGrounds.SpecificPersonalInformationProvision.Code, "番号利用法第19条", async l =>
        {
            var (_, record) = await l.Record(MyNumber);
            var underLaw = ProvisionToMayor(record, 1) with { Ground = UseGround.ProvidedByLaw, GroundDetail = "地方税法第20条の11" };
            var underMyNumberAct = ProvisionToMayor(record, 1) with { Ground = UseGround.MyNumberActArticle19, GroundDetail = "番号利用法第19条第8号" };
            return (record, underLaw, underMyNumberAct);
        }),
        // Art. 15(1): pseudonymised information goes to no third party except under law.
        new(UseGrounds.PseudonymisedProvision.Code, "第15条第1項", async l =>
        {
            var (_, record) = await l.Record(Pseudonymised);
            var withConsent = ProvisionToMayor(record, 1) with
            {
                Ground = UseGround.ConsentOrToThePerson, GroundDetail = "同意書（令和7年5月1日）",
                Recipient = new Recipient("千葉大学 法政経学部", RecipientKind.Other),
            };
            var underLaw = withConsent with { Ground = UseGround.ProvidedByLaw, GroundDetail = "統計法第33条" };
            return (record, withConsent, underLaw);
        }),
        // Art. 4, 5, 17: acquisition.
        new(AcquireRecord.FileNotActive.Code, "第17条第1項", async l =>
        {
            var file = await l.RegisterFile();
            var acquisition = Acquisition(file);
            return (acquisition.StreamId, acquisition with { FileId = Guid.NewGuid() }, acquisition);
        }),
        new(AcquireRecord.PurposeMustBeSpecified.Code, "第4条第1項", async l =>
        {
            var acquisition = Acquisition(await l.RegisterFile());
            return (acquisition.StreamId, acquisition with { PurposeOfUse = "" }, acquisition);
        }),
        new(AcquireRecord.PurposeNotWithinFile.Code, "第4条第2項", async l =>
        {
            var acquisition = Acquisition(await l.RegisterFile());
            return (acquisition.StreamId, acquisition with { PurposeOfUse = "議員の政治活動のための名簿" }, acquisition);
        }),
        new(AcquireRecord.PurposeStatementRequired.Code, "第5条", async l =>
        {
            var acquisition = Acquisition(await l.RegisterFile());
            return (acquisition.StreamId, acquisition with { PurposeStatement = PurposeStatement.NotApplicable },
                acquisition with { PurposeStatement = PurposeStatement.Exception4EvidentFromCircumstances });
        }),
        new(AcquireRecord.SpecialCareNotInFileRegister.Code, "第17条第1項第6号", async l =>
        {
            var plain = await l.RegisterFile();
            var forSpecialCare = await l.RegisterFile(specialCare: true);
            var acquisition = Acquisition(plain, new InformationCategories(true, false, ProcessingForm.Ordinary));
            return (acquisition.StreamId, acquisition, acquisition with { FileId = forSpecialCare });
        }),
        new(ChangeRecordPurpose.PurposeChangeNeedsReasonableRelation.Code, "第4条第3項", async l =>
        {
            var (_, record) = await l.Record();
            var change = By(new ChangeRecordPurpose
            {
                RecordId = record, ExpectedVersion = 1, NewPurpose = "本会議及び委員会の傍聴者の受付、管理及び傍聴者アンケートの送付",
                ReasonableRelation = "傍聴者の受付業務に付随する連絡であり、変更前の目的と相当の関連性がある",
            });
            return (record, change with { ReasonableRelation = "" }, change);
        }),
        // Art. 17: the file register.
        new(FileRules.FileAlreadyRetired.Code, "第17条第1項", async l =>
        {
            var retiredFile = await l.RegisterFile();
            await l.Send(By(new RetireFile { FileId = retiredFile, ExpectedVersion = 1, Reason = "事務の廃止" }));
            var activeFile = await l.RegisterFile();
            var amend = By(new AmendFile { FileId = activeFile, ExpectedVersion = 1, Items = Items(), Reason = "所在地の表記修正" });
            return (activeFile, amend with { FileId = retiredFile, ExpectedVersion = 2 }, amend);
        }),
        new(WithholdFileItemsFromPublication.WithholdingOnlyForListedItems.Code, "第17条第3項", async l =>
        {
            var file = await l.RegisterFile();
            var withhold = By(new WithholdFileItemsFromPublication
            {
                FileId = file, ExpectedVersion = 1, Items = [WithholdableItem.CollectionMethod], Reason = "収集方法の記載により調査事務に支障",
            });
            return (file, withhold with { Items = [(WithholdableItem)42] }, withhold);
        }),
        // Art. 34, 40: executing decisions.
        new(DecisionExecution.DecisionReferenceRequired.Code, "第34条第1項", async l =>
        {
            var (_, record) = await l.Record();
            var suspend = By(new SuspendRecordUse { RecordId = record, ExpectedVersion = 1, DecisionReference = "浦議総第123号" });
            return (record, suspend with { DecisionReference = "" }, suspend);
        }),
        new(RecordChecks.RecordUseSuspended.Code, "第40条", async l =>
        {
            var (_, record) = await l.Record();
            await l.Send(By(new SuspendRecordUse { RecordId = record, ExpectedVersion = 1, DecisionReference = "浦議総第124号" }));
            return (record, InternalUse(record, 2), Disposal(record, 2));
        }),
        new(StopRecordProvision.ProvisionStopNeedsProvision.Code, "第40条", async l =>
        {
            var (_, record) = await l.Record();
            await l.Send(ProvisionToMayor(record, 1));
            var stop = By(new StopRecordProvision
            {
                RecordId = record, ExpectedVersion = 2, DecisionReference = "浦議総第125号",
                Recipient = new Recipient("浦安市長（市民経済部）", RecipientKind.Mayor),
            });
            return (record, stop with { Recipient = new Recipient("浦安市教育委員会", RecipientKind.BoardOfEducation) }, stop);
        }),
        // Nothing after erasure (Art. 40; Nagareyama: disposal).
        new(RecordChecks.RecordErased.Code, "第40条", async l =>
        {
            var (_, erased) = await l.Record();
            await l.Send(Disposal(erased, 1));
            var (_, held) = await l.Record();
            return (held, ProvisionToMayor(erased, 2) with { Ground = UseGround.WithinPurpose }, ProvisionToMayor(held, 1));
        }),
        // A record sealed under the person's one key from before keys were per record: refused alone while the person's other
        // records are held, unless an Art. 40 decision covers them all (Art. 40, 9). The old key is made as such a store has it.
        new(ErasureScope.ErasureWouldShredOtherRecords.Code, "第40条", async l =>
        {
            var (file, first) = await l.Record();
            var subject = (await l.Load<RetainedRecord>(first))!.DataSubjectId;
            await l.Send(Acquisition(file) with { DataSubjectId = subject, PersonalData = [new PersonalData(subject, PersonalDataKind.Name, "浦安 花子")] });
            l.PersonWideKey(subject);
            return (first, Disposal(first, 1), CryptoShreddingTests.PersonErasure(first, 1));
        }),
        // Erasing the person (every key) needs an erasure decision under Art. 40, not a disposal.
        new(ErasureScope.PersonErasureNeedsDecision.Code, "第40条", async l =>
        {
            var (_, record) = await l.Record();
            return (record, Disposal(record, 1) with { EraseAllHeldRecordsOfThePerson = true }, CryptoShreddingTests.PersonErasure(record, 1));
        }),
        // A record an open incident still needs is not erased (Art. 9(1)): the twin erases another record of the same file.
        new(ErasureScope.RecordStillNeeded.Code, "第9条第1項", async l =>
        {
            var (file, held) = await l.Record();
            await l.Incident(held);
            var free = (await l.Send(Acquisition(file))).StreamId;
            return (free, Disposal(held, 1), Disposal(free, 1));
        }),
        // dispose-file-records with nothing past retention (Art. 4(2)): the twin disposes of a file whose record is past it.
        new(DisposeFileRecords.NoRecordsDueForDisposal.Code, "第4条第2項", async l =>
        {
            var jst = TimeSpan.FromHours(9);
            var past = (await l.Send(Registration() with { OccurredAt = new DateTimeOffset(2024, 4, 1, 9, 0, 0, jst), Items = Items() with { Retention = new RetentionPeriod(1) } })).StreamId;
            await l.Send(Acquisition(past) with { OccurredAt = new DateTimeOffset(2024, 5, 1, 10, 0, 0, jst) });
            var within = (await l.Send(Registration() with { Items = Items() with { Retention = new RetentionPeriod(30) } })).StreamId;
            await l.Send(Acquisition(within));
            DisposeFileRecords Dispose(Guid file) => By(new DisposeFileRecords { FileId = file, ExpectedVersion = 1, Method = "溶解処理" });
            return (past, Dispose(within), Dispose(past));
        }),
        // A retention period is years (1-100) or permanent (Art. 17(1): items the chair prescribes).
        new(RegisterItemRules.RetentionPeriodInvalid.Code, "第17条第1項", async l =>
        {
            var id = Guid.NewGuid();
            return (id, Registration(id) with { Items = Items() with { Retention = new RetentionPeriod(3, Permanent: true) } },
                Registration(id) with { Items = Items() with { Retention = new RetentionPeriod(Permanent: true) } });
        }),
        // Chronology.
        new(Chronology.OccurredInFuture.Code, "第3条", async l =>
        {
            var (_, record) = await l.Record();
            return (record, InternalUse(record, 1) with { OccurredAt = DateTimeOffset.MaxValue.AddYears(-1) }, InternalUse(record, 1));
        }),
        new(Chronology.OccurredBeforeStart.Code, "第3条", async l =>
        {
            var (_, record) = await l.Record();
            return (record, InternalUse(record, 1) with { OccurredAt = Acquired.AddDays(-1) }, InternalUse(record, 1));
        }),
        // Art. 9, 11: incidents.
        new(ReportLeakIncident.AffectedRecordUnknown.Code, "第9条", async l =>
        {
            var (_, record) = await l.Record();
            var report = By(new ReportLeakIncident
            {
                IncidentId = Guid.NewGuid(), Kind = IncidentKind.Loss, Summary = "傍聴受付票の紛失", Cause = "保管庫の施錠漏れ",
                AffectedRecordIds = [record],
            });
            return (report.StreamId, report with { AffectedRecordIds = [record, Guid.NewGuid()] }, report);
        }),
        new(CloseLeakIncident.IncidentNotYetAssessed.Code, "第11条", async l =>
        {
            var (_, record) = await l.Record();
            var incident = await l.Incident(record);
            await l.Send(By(new TakeIncidentMeasure { IncidentId = incident, ExpectedVersion = 1, Kind = MeasureKind.Containment, Description = "誤送信先に削除を依頼し、削除の報告を受けた" }));
            var close = By(new CloseLeakIncident { IncidentId = incident, ExpectedVersion = 2, Conclusion = "削除確認済み" });
            var assess = By(new AssessLeakIncident { IncidentId = incident, ExpectedVersion = 2, CriteriaMet = [], SecondaryHarm = "なし" });
            return (incident, close, assess);
        }),
        new(CloseLeakIncident.NotificationsOwed.Code, "第11条", async l =>
        {
            var (_, record) = await l.Record();
            var incident = await l.Incident(record);
            await l.Send(By(new AssessLeakIncident { IncidentId = incident, ExpectedVersion = 1, CriteriaMet = [SeriousCriterion.WrongfulPurpose], SecondaryHarm = "悪用のおそれ" }));
            var close = By(new CloseLeakIncident { IncidentId = incident, ExpectedVersion = 2, Conclusion = "再発防止策を実施" });
            var subject = (await l.Load<RetainedRecord>(record))!.DataSubjectId;
            var notify = By(new NotifyAffectedPerson { IncidentId = incident, ExpectedVersion = 2, DataSubjectId = subject, Method = "書面（簡易書留）" });
            return (incident, close, notify);
        }),
        new(IncidentCommand.PersonNotAffected.Code, "第11条", async l =>
        {
            var (_, record) = await l.Record();
            var incident = await l.Incident(record);
            var subject = (await l.Load<RetainedRecord>(record))!.DataSubjectId;
            var notify = By(new NotifyAffectedPerson { IncidentId = incident, ExpectedVersion = 1, DataSubjectId = subject, Method = "電話" });
            return (incident, notify with { DataSubjectId = Guid.NewGuid() }, notify);
        }),
        new(ApplyNotificationExemption.AlternativeMeasureRequired.Code, "第11条第1号", async l =>
        {
            var (_, record) = await l.Record();
            var incident = await l.Incident(record);
            var subject = (await l.Load<RetainedRecord>(record))!.DataSubjectId;
            var exempt = By(new ApplyNotificationExemption
            {
                IncidentId = incident, ExpectedVersion = 1, DataSubjectIds = [subject], Exemption = NotificationExemption.AlternativeMeasure,
                Description = "連絡先不明のため議会ホームページで公表",
            });
            return (incident, exempt with { Description = "" }, exempt);
        }),
        new(IncidentCommand.IncidentClosed.Code, "第11条", async l =>
        {
            var (_, record) = await l.Record();
            var closed = await l.Incident(record);
            await l.Send(By(new AssessLeakIncident { IncidentId = closed, ExpectedVersion = 1, SecondaryHarm = "なし" }));
            await l.Send(By(new CloseLeakIncident { IncidentId = closed, ExpectedVersion = 2, Conclusion = "軽微" }));
            var open = await l.Incident(record);
            var measure = By(new TakeIncidentMeasure { IncidentId = open, ExpectedVersion = 1, Kind = MeasureKind.RecurrencePrevention, Description = "送信前の複数人確認" });
            return (open, measure with { IncidentId = closed, ExpectedVersion = 3 }, measure);
        }),
    ];

    /// <summary>Every rule case: files, records and incidents here, request and review cases in <see cref="CaseRuleCases"/>.</summary>
    /// <summary>Art. 9, 10: who acts, and the user directory that says who may.</summary>
    public static readonly IReadOnlyList<RuleCase> ActorCases =
    [
        // A staff member records as themselves; naming another is refused unless it is a late entry or an import line.
        new(LedgerCommand.ActorIsNotThePrincipal.Code, "第9条", async l =>
        {
            var (_, record) = await l.Record();
            var someoneElse = new Recording(await l.User("S-0004")) { CorrelationId = Guid.CreateVersion7() };
            return (record, InternalUse(record, 1) with { Recording = someoneElse }, InternalUse(record, 1));
        }),
        new(DirectoryCommand.DirectoryAdministratorsOnly.Code, "第9条", async l =>
        {
            var user = NewUser();
            return (user.StreamId, user with { Recording = new Recording(await l.User("S-TEST")) { CorrelationId = Guid.CreateVersion7() } }, user with { Recording = await Administrator(l) });
        }),
        new(AddUser.DirectoryUserExists.Code, "第9条", async l =>
        {
            var user = NewUser() with { Recording = await Administrator(l) };
            await l.Send(user);
            return (user.StreamId, user, new DisableUser { UserId = user.UserId, Reason = "退職", Recording = user.Recording });
        }),
        new(UserDirectory.DirectoryUserUnknown.Code, "第9条", async l =>
        {
            var other = NewUser() with { Recording = await Administrator(l) };
            await l.Send(other);
            var disable = new DisableUser { Reason = "人事異動", Recording = other.Recording };
            return (other.StreamId, disable with { UserId = $"S-NONE-{Guid.NewGuid():N}" }, disable with { UserId = other.UserId });
        }),
        new(DisableUser.DirectoryUserAlreadyDisabled.Code, "第9条", async l =>
        {
            var admin = await Administrator(l);
            var (gone, other) = (NewUser() with { Recording = admin }, NewUser() with { Recording = admin });
            await l.Send(gone);
            await l.Send(other);
            var disable = new DisableUser { Reason = "人事異動", Recording = admin };
            await l.Send(disable with { UserId = gone.UserId });
            return (other.StreamId, disable with { UserId = gone.UserId }, disable with { UserId = other.UserId });
        }),
        new(DisableUser.DirectoryCannotDisableSelf.Code, "第9条", async l =>
        {
            var admin = await Administrator(l);
            var other = NewUser() with { Recording = admin };
            await l.Send(other);
            var disable = new DisableUser { Reason = "退職", Recording = admin };
            return (other.StreamId, disable with { UserId = LedgerFixture.Administrator }, disable with { UserId = other.UserId });
        }),
    ];

    private static AddUser NewUser() => new()
    {
        UserId = $"S-{Guid.NewGuid().ToString("N")[..10]}", DisplayName = "試験 利用者", Title = "議会事務局 総務課 主事", Role = Host.Access.LedgerRoles.Staff,
    };

    private static async Task<Recording> Administrator(LedgerDriver l) => new(await l.User(LedgerFixture.Administrator, Host.Access.LedgerRoles.Administrator)) { CorrelationId = Guid.CreateVersion7() };

    /// <summary>This file's own cases (records, files, incidents, chronology, the actor), collected with the others below.</summary>
    public static IReadOnlyList<RuleCase> RuleCases => [.. RecordAndFileCases, .. ActorCases];

    /// <summary>
    /// Every rule case of the test assembly: a module's end-to-end tests declare theirs beside them as a public static
    /// <c>RuleCases</c> list (this class, <see cref="CaseRuleCases"/>, a use case's own test class), so a new use case's test
    /// file brings its rule's refused case and lawful twin with it and nothing else needs to list it.
    /// </summary>
    public static IReadOnlyList<RuleCase> Cases { get; } =
    [
        .. typeof(RuleEnforcementTests).Assembly.GetTypes()
            .Select(t => t.GetProperty(nameof(RuleCases), System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null))
            .OfType<IReadOnlyList<RuleCase>>()
            .SelectMany(cases => cases),
    ];

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Code)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task a_refused_command_names_its_rule_and_article_and_appends_nothing_while_its_lawful_twin_is_appended(string code)
    {
        var rule = Cases.Single(c => c.Code == code);
        using var inTenant = Host.Tenancy.LedgerTenant.Enter(rule.Tenant ?? Host.Tenancy.LedgerTenant.Default);
        var (stream, refused, passing) = await rule.Arrange(_ledger);
        var refusedStream = refused.StreamId;
        using (Host.Tenancy.LedgerTenant.Enter(rule.RefusedTenant ?? rule.Tenant ?? Host.Tenancy.LedgerTenant.Default))
        {
            var before = await _ledger.Stored(refusedStream);

            var violation = await Should.ThrowAsync<LedgerRuleViolation>(() => _ledger.Send(refused));

            violation.Rule.Code.ShouldBe(code.Split('/')[0]);
            violation.Rule.Article.Japanese.ShouldBe(rule.Article);
            violation.Rule.Japanese.ShouldNotBeNullOrWhiteSpace();
            (await _ledger.Stored(refusedStream)).ShouldBe(before, "a refused command must append nothing");
        }

        var beforePassing = await _ledger.Stored(stream);
        var result = await _ledger.Send(passing);
        result.StreamId.ShouldBe(stream);
        (await _ledger.Stored(stream)).Version.ShouldBe(beforePassing.Version + result.Events.Count);
    }

    [Fact]
    public void every_rule_of_the_catalog_has_a_refusal_case_against_the_database()
    {
        var covered = Cases.Select(c => c.Code.Split('/')[0]).ToHashSet();
        covered.UnionWith(Nagareyama.NagareyamaRecordRulesTests.Codes);   // the rules a profile switches on are refused under that profile's host
        Rules.All.Select(r => r.Code).Where(c => !covered.Contains(c)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1, "個人情報ファイルの名称")]
    [InlineData(3, "利用目的")]
    [InlineData(5, "記録情報の収集方法")]
    [InlineData(8, "請求を受理する組織の名称")]
    public async Task a_file_missing_a_register_item_is_refused_citing_its_item_of_article_17_1(int item, string itemName)
    {
        var items = item switch
        {
            1 => Items() with { Name = "" },
            3 => Items() with { PurposesOfUse = [" "] },
            5 => Items() with { CollectionMethod = "" },
            _ => Items() with { RequestOfficeName = "" },
        };
        var registration = Registration() with { Items = items };

        var violation = await Should.ThrowAsync<LedgerRuleViolation>(() => _ledger.Send(registration));

        violation.Rule.Article.Japanese.ShouldBe($"第17条第1項第{item}号");
        violation.Rule.Japanese.ShouldContain(itemName);
        (await _ledger.Stored(registration.StreamId)).ShouldBe((0L, 0));
    }

    [Fact]
    public async Task every_action_on_an_erased_record_is_refused_and_the_erasure_stays_the_last_event()
    {
        var (_, record) = await _ledger.Record();
        await _ledger.Send(ProvisionToMayor(record, 1));
        await _ledger.Send(Disposal(record, 2));
        LedgerCommand[] afterwards =
        [
            InternalUse(record, 3),
            ProvisionToMayor(record, 3),
            By(new ChangeRecordPurpose { RecordId = record, ExpectedVersion = 3, NewPurpose = "新たな目的", ReasonableRelation = "関連" }),
            By(new CorrectRecord { RecordId = record, ExpectedVersion = 3, DecisionReference = "浦議総第1号", Correction = [new PersonalData(Guid.NewGuid(), PersonalDataKind.Address, "浦安市美浜1-1")] }),
            By(new SuspendRecordUse { RecordId = record, ExpectedVersion = 3, DecisionReference = "浦議総第2号" }),
            By(new StopRecordProvision { RecordId = record, ExpectedVersion = 3, DecisionReference = "浦議総第3号", Recipient = new Recipient("浦安市長（市民経済部）", RecipientKind.Mayor) }),
            Disposal(record, 3),
        ];

        foreach (var command in afterwards)
        {
            var violation = await Should.ThrowAsync<LedgerRuleViolation>(() => _ledger.Send(command), command.GetType().Name);
            violation.Rule.Code.ShouldBe(RecordChecks.RecordErased.Code);
        }

        (await _ledger.Stored(record)).ShouldBe((3L, 3));
        (await _ledger.Load<RetainedRecord>(record))!.Status.ShouldBe(RecordStatus.Erased);
    }

    [Fact]
    public async Task a_correction_lists_the_recipients_still_provided_so_they_can_be_told_under_article_37()
    {
        var (_, record) = await _ledger.Record();
        await _ledger.Send(ProvisionToMayor(record, 1));
        var board = new Recipient("浦安市教育委員会", RecipientKind.BoardOfEducation);
        await _ledger.Send(ProvisionToMayor(record, 2) with { Recipient = board });
        await _ledger.Send(By(new StopRecordProvision { RecordId = record, ExpectedVersion = 3, DecisionReference = "浦議総第9号", Recipient = board }));
        var subject = (await _ledger.Load<RetainedRecord>(record))!.DataSubjectId;

        await _ledger.Send(By(new CorrectRecord
        {
            RecordId = record, ExpectedVersion = 4, DecisionReference = "浦議総第10号",
            Correction = [new PersonalData(subject, PersonalDataKind.Address, "浦安市美浜一丁目1番1号")],
        }));

        await using var session = fixture.Store.TenantQuerySession();
        var events = await session.Events.FetchStreamAsync(record);
        var corrected = events.Last().Data.ShouldBeOfType<RecordCorrected>();
        corrected.RecipientsToNotify.ShouldBe([new Recipient("浦安市長（市民経済部）", RecipientKind.Mayor)]);
        corrected.Context.Ground.Article.Japanese.ShouldBe("第34条第1項");
    }

    [Fact]
    public async Task a_serious_incident_closes_once_every_affected_person_is_notified_or_exempted()
    {
        var (_, first) = await _ledger.Record();
        var (_, second) = await _ledger.Record();
        var incident = await _ledger.Incident(first, second);
        var persons = (await _ledger.Load<LeakIncident>(incident))!.AffectedPersonIds;
        persons.Count.ShouldBe(2);

        await _ledger.Send(By(new AssessLeakIncident { IncidentId = incident, ExpectedVersion = 1, CriteriaMet = [SeriousCriterion.RiskOfFinancialHarm], SecondaryHarm = "口座情報の不正利用のおそれ" }));
        await _ledger.Send(By(new NotifyAffectedPerson { IncidentId = incident, ExpectedVersion = 2, DataSubjectId = persons[0], Method = "書面" }));
        (await Should.ThrowAsync<LedgerRuleViolation>(() => _ledger.Send(By(new CloseLeakIncident { IncidentId = incident, ExpectedVersion = 3, Conclusion = "終結" }))))
            .Rule.Code.ShouldBe(CloseLeakIncident.NotificationsOwed.Code);
        await _ledger.Send(By(new ApplyNotificationExemption
        {
            IncidentId = incident, ExpectedVersion = 3, DataSubjectIds = [persons[1]],
            Exemption = NotificationExemption.ContainsNonDisclosureInformation, Description = "第20条第2号の情報を含む",
        }));
        await _ledger.Send(By(new CloseLeakIncident { IncidentId = incident, ExpectedVersion = 4, Conclusion = "全員への対応完了" }));

        var closed = (await _ledger.Load<LeakIncident>(incident))!;
        closed.Status.ShouldBe(IncidentStatus.Closed);
        closed.NotificationsOwed.ShouldBeEmpty();
    }
}
