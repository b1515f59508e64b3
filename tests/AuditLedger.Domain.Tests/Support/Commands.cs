using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;

namespace AuditLedger.Domain.Tests.Support;

/// <summary>Complete, lawful commands; tests vary one thing with <c>with { ... }</c>.</summary>
public static class Commands
{
    public const string StaffId = "S-20250401";
    public const string StaffRole = "議会事務局 総務課 主査";

    /// <summary>The authenticated principal the host would set: the member of staff as the user directory has them.</summary>
    public static readonly Actor Principal = new(StaffId, "staff") { Name = "猫実 一郎", Title = StaffRole };

    /// <summary>How the tests' commands are recorded: by <see cref="Principal"/>, acting themselves.</summary>
    public static readonly Recording Recording = new(Principal);
    public const string FilePurpose = "議会の請願・陳情の受付及び審査に関する事務";

    public static readonly Recipient Mayor = new("浦安市長", RecipientKind.Mayor);
    public static readonly Recipient BoardOfEducation = new("浦安市教育委員会", RecipientKind.BoardOfEducation);
    public static readonly Recipient Contractor = new("株式会社浦安データサービス", RecipientKind.Contractor);
    public static readonly Recipient PrivateCompany = new("株式会社東京広告", RecipientKind.Other);

    public static RegisterItems Items(bool containsSpecialCareInformation = false) => new(
        Name: "請願・陳情者名簿",
        Organisation: "議会事務局 議事調査課",
        PurposesOfUse: [FilePurpose],
        RecordedItems: ["氏名", "住所", "電話番号", "請願・陳情の要旨"],
        RecordScope: "議会に請願又は陳情を提出した者",
        CollectionMethod: "本人から提出された請願書・陳情書",
        ContainsSpecialCareInformation: containsSpecialCareInformation,
        RegularRecipients: [],
        RequestOfficeName: "浦安市議会事務局 総務課",
        RequestOfficeLocation: "千葉県浦安市猫実一丁目1番1号",
        SpecialProcedureNote: null);

    public static RegisterFile Register(bool containsSpecialCareInformation = false) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.FileRegisteredAt,
        Kind = FileKind.ComputerProcessed,
        Items = Items(containsSpecialCareInformation),
    };

    public static AmendFile Amend(EventStream<PersonalInformationFile> file, RegisterItems items) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        FileId = file.State.Id, ExpectedVersion = file.Version,
        Items = items, Reason = "記録項目の見直し",
    };

    public static WithholdFileItemsFromPublication Withhold(EventStream<PersonalInformationFile> file, params WithholdableItem[] items) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        FileId = file.State.Id, ExpectedVersion = file.Version,
        Items = items, Reason = "収集方法を記載すると調査事務の適正な遂行に著しい支障を及ぼすおそれがあるため",
    };

    public static RetireFile Retire(EventStream<PersonalInformationFile> file) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        FileId = file.State.Id, ExpectedVersion = file.Version,
        Reason = "事務の廃止により保有の必要がなくなったため",
    };

    public static AcquireRecord Acquire(PersonalInformationFile? file) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.RecordAcquiredAt,
        FileId = file?.Id ?? Guid.NewGuid(),
        DataSubjectId = Guid.NewGuid(),
        PurposeOfUse = FilePurpose,
        Source = AcquisitionSource.FromThePersonInWriting,
        PurposeStatement = PurposeStatement.StatedInAdvance,
    };

    public static ChangeRecordPurpose ChangePurpose(EventStream<RetainedRecord> record) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        RecordId = record.State.Id, ExpectedVersion = record.Version,
        NewPurpose = "議会の請願・陳情の受付、審査及び結果の通知に関する事務",
        ReasonableRelation = "審査結果を提出者に通知することは受付・審査事務と一体のものであるため",
    };

    /// <summary>An internal use for the council's duties (Art. 12(2)(2)).</summary>
    public static UseRecordOutsidePurpose Use(EventStream<RetainedRecord> record) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        RecordId = record.State.Id, ExpectedVersion = record.Version,
        Purpose = "議会広報紙の発送先の確認",
        Ground = UseGround.InternalUseForDuties,
        GroundDetail = "地方自治法第109条に基づく委員会事務の遂行に必要な限度での内部利用",
        NoUnjustInfringementConfirmed = true,
    };

    /// <summary>A provision to the mayor under Art. 12(2)(3).</summary>
    public static ProvideRecord Provide(EventStream<RetainedRecord> record) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        RecordId = record.State.Id, ExpectedVersion = record.Version,
        Recipient = Mayor,
        Purpose = "請願の趣旨に係る市の施策の検討",
        Ground = UseGround.ProvisionToPublicBody,
        GroundDetail = "市長が地方自治法第149条の事務の遂行に必要な限度で利用するため",
        SafeguardsRequested = ["目的外利用の禁止", "用済み後の廃棄"],
        NoUnjustInfringementConfirmed = true,
    };

    public static CorrectRecord Correct(EventStream<RetainedRecord> record) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        RecordId = record.State.Id, ExpectedVersion = record.Version,
        DecisionReference = "浦議総第123号",
        Correction = [new PersonalData(record.State.DataSubjectId, PersonalDataKind.Address, "千葉県浦安市美浜一丁目2番3号")],
    };

    public static SuspendRecordUse Suspend(EventStream<RetainedRecord> record) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        RecordId = record.State.Id, ExpectedVersion = record.Version,
        DecisionReference = "浦議総第124号",
    };

    public static StopRecordProvision StopProvision(EventStream<RetainedRecord> record, Recipient recipient) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        RecordId = record.State.Id, ExpectedVersion = record.Version,
        DecisionReference = "浦議総第125号",
        Recipient = recipient,
    };

    public static EraseRecord Erase(EventStream<RetainedRecord> record) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        RecordId = record.State.Id, ExpectedVersion = record.Version,
        Reason = ErasureReason.NoLongerNeeded,
        Method = "データ消去ソフトによる上書き",
    };

    public static ReportLeakIncident ReportLeak(IReadOnlyCollection<RetainedRecord> affected) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.IncidentDetectedAt,
        Kind = IncidentKind.Leak,
        Summary = "請願者名簿を含む電子メールを誤送信した",
        InformationItems = ["氏名", "住所"],
        Cause = "宛先の確認不足",
        AffectedRecordIds = [.. affected.Select(r => r.Id)],
    };

    public static AssessLeakIncident Assess(EventStream<LeakIncident> incident, params SeriousCriterion[] criteria) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        IncidentId = incident.State.Id, ExpectedVersion = incident.Version,
        CriteriaMet = criteria,
        SecondaryHarm = "現時点で二次被害は確認されていない",
    };

    public static NotifyAffectedPerson Notify(EventStream<LeakIncident> incident, Guid dataSubjectId) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        IncidentId = incident.State.Id, ExpectedVersion = incident.Version,
        DataSubjectId = dataSubjectId,
        Method = "書面郵送",
    };

    public static ApplyNotificationExemption Exempt(EventStream<LeakIncident> incident, NotificationExemption exemption, params Guid[] dataSubjectIds) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        IncidentId = incident.State.Id, ExpectedVersion = incident.Version,
        DataSubjectIds = dataSubjectIds,
        Exemption = exemption,
        Description = exemption == NotificationExemption.AlternativeMeasure ? "連絡先不明のため議会ホームページで公表した" : "",
    };

    public static TakeIncidentMeasure Measure(EventStream<LeakIncident> incident) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        IncidentId = incident.State.Id, ExpectedVersion = incident.Version,
        Kind = MeasureKind.RecurrencePrevention,
        Description = "外部宛て電子メールの送信前確認を二人で行う",
    };

    public static CloseLeakIncident Close(EventStream<LeakIncident> incident) => new()
    {
        StaffId = StaffId, StaffRole = StaffRole, Recording = Recording, OccurredAt = Clock.ActionAt,
        IncidentId = incident.State.Id, ExpectedVersion = incident.Version,
        Conclusion = "対応を完了した",
    };
}
