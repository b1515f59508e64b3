namespace AuditLedger.Tests.Support;

using AuditLedger.Host.Tenancy;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Ledger;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

/// <summary>Builds realistic histories through the real command path (Wolverine handlers, Marten, PostgreSQL).</summary>
public sealed class LedgerDriver(LedgerFixture fixture)
{
    /// <summary>Business time of the test histories: fiscal year 2025 (令和7年度), Japan time.</summary>
    public static readonly DateTimeOffset FileRegisteredAt = new(2025, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));
    public static readonly DateTimeOffset Acquired = FileRegisteredAt.AddDays(10);
    public static readonly DateTimeOffset Later = Acquired.AddDays(30);

    public const string Purpose = "本会議及び委員会の傍聴者の受付及び管理";

    public IMessageBus Bus => fixture.Bus;

    /// <summary>The fixture the driver appends through (for a test that needs a second host on the same ledger).</summary>
    public LedgerFixture Fixture => fixture;

    /// <summary>The user as the directory holds them, added when missing (see <see cref="LedgerFixture.User"/>).</summary>
    public Task<Actor> User(string id, string role = Host.Access.LedgerRoles.Staff) => fixture.User(id, role);

    /// <summary>The one way commands enter the ledger (idempotency keys), as the command line and the import use it.</summary>
    public LedgerCommands Commands => new(Bus, fixture.Store, fixture.Services.GetRequiredService<Host.Access.LedgerPrincipals>(),
        group: fixture.Services.GetRequiredService<GroupCommit>());

    /// <summary>Appends through <see cref="Commands"/> as the staff member the command names.</summary>
    public async Task<AppendResult> Append(LedgerCommand command) => await Commands.Append(command, await fixture.User(StaffOf(command)));

    /// <summary>Appends once under the command's key, through <see cref="Commands"/>, as the staff member the command names.</summary>
    public async Task<AppendOutcome> AppendOnce(LedgerCommand command) => await Commands.AppendOnce(command, await fixture.User(StaffOf(command)), null, null, default);

    private static string StaffOf(LedgerCommand command) => string.IsNullOrWhiteSpace(command.StaffId) ? "S-TEST" : command.StaffId.Trim();

    /// <summary>Sends the command through Wolverine as the staff member it names (in the user directory), as their token would.</summary>
    public async Task<AppendResult> Send(LedgerCommand command) => await Bus.InvokeForTenantAsync<AppendResult>(AuditLedger.Host.Tenancy.LedgerTenant.Require(), await fixture.AsItsStaff(command));

    public static RegisterItems Items(bool specialCare = false) => new(
        Name: "議会傍聴者名簿",
        Organisation: "浦安市議会事務局 議事課",
        PurposesOfUse: [Purpose],
        RecordedItems: ["氏名", "住所", "傍聴日"],
        RecordScope: "本会議及び委員会の傍聴者",
        CollectionMethod: "本人からの傍聴受付票の提出",
        ContainsSpecialCareInformation: specialCare,
        RegularRecipients: [],
        RequestOfficeName: "浦安市議会事務局 総務課",
        RequestOfficeLocation: "千葉県浦安市猫実一丁目1番1号",
        SpecialProcedureNote: null);

    public static RegisterFile Registration(Guid? fileId = null, bool specialCare = false) => new()
    {
        FileId = fileId ?? Guid.NewGuid(),
        StaffId = "S-0001",
        StaffRole = "議会事務局 総務課 主査",
        OccurredAt = FileRegisteredAt,
        Kind = FileKind.ComputerProcessed,
        Items = Items(specialCare),
    };

    public async Task<Guid> RegisterFile(bool specialCare = false)
    {
        var result = await Send(Registration(specialCare: specialCare));
        return result.StreamId;
    }

    public static AcquireRecord Acquisition(Guid fileId, InformationCategories? categories = null, Guid? recordId = null)
    {
        var subject = Guid.NewGuid();
        return new AcquireRecord
        {
            RecordId = recordId ?? Guid.NewGuid(),
            StaffId = "S-0002",
            StaffRole = "議会事務局 議事課 主事",
            OccurredAt = Acquired,
            FileId = fileId,
            DataSubjectId = subject,
            PurposeOfUse = Purpose,
            Source = AcquisitionSource.FromThePersonInWriting,
            PurposeStatement = PurposeStatement.StatedInAdvance,
            Categories = categories ?? InformationCategories.Ordinary,
            PersonalData = [new PersonalData(subject, PersonalDataKind.Name, "浦安 花子")],
        };
    }

    public async Task<(Guid FileId, Guid RecordId)> Record(InformationCategories? categories = null)
    {
        var fileId = await RegisterFile(categories?.SpecialCareRequired ?? false);
        var result = await Send(Acquisition(fileId, categories));
        return (fileId, result.StreamId);
    }

    public static T By<T>(T command) where T : LedgerCommand => command with { StaffId = "S-0003", StaffRole = "議会事務局 議事課 主査", OccurredAt = command.OccurredAt ?? Later };

    public static ProvideRecord ProvisionToMayor(Guid recordId, long version) => By(new ProvideRecord
    {
        RecordId = recordId,
        ExpectedVersion = version,
        Recipient = new Recipient("浦安市長（市民経済部）", RecipientKind.Mayor),
        Purpose = "住民基本台帳事務における照会への回答",
        Ground = UseGround.ProvisionToPublicBody,
        GroundDetail = "住民基本台帳法第34条に基づく照会に必要な限度",
        NoUnjustInfringementConfirmed = true,
    });

    public static UseRecordOutsidePurpose InternalUse(Guid recordId, long version) => By(new UseRecordOutsidePurpose
    {
        RecordId = recordId,
        ExpectedVersion = version,
        Purpose = "議会広報誌の発送先確認",
        Ground = UseGround.InternalUseForDuties,
        GroundDetail = "議会広報の発行事務（議会事務局処務規程）に必要な限度",
        NoUnjustInfringementConfirmed = true,
        RestrictedTo = "議会事務局 総務課",
    });

    public static EraseRecord Disposal(Guid recordId, long version) => By(new EraseRecord
    {
        RecordId = recordId,
        ExpectedVersion = version,
        Reason = ErasureReason.NoLongerNeeded,
        Method = "シュレッダーによる裁断",
    });

    public async Task<Guid> Incident(params Guid[] recordIds)
    {
        var result = await Send(By(new ReportLeakIncident
        {
            IncidentId = Guid.NewGuid(),
            Kind = IncidentKind.Leak,
            Summary = "傍聴者名簿の写しを誤って別の宛先にメール送信した",
            InformationItems = ["氏名", "住所"],
            Cause = "宛先の確認不足",
            AffectedRecordIds = recordIds,
        }));
        return result.StreamId;
    }

    /// <summary>The stream's version in the store (0 when it does not exist) and how many events it holds.</summary>
    public async Task<(long Version, int Events)> Stored(Guid streamId)
    {
        await using var session = fixture.Store.TenantQuerySession();
        var state = await session.Events.FetchStreamStateAsync(streamId);
        var count = await session.Events.QueryAllRawEvents().Where(e => e.StreamId == streamId).CountAsync();
        return (state?.Version ?? 0, count);
    }

    /// <summary>How many events the whole store holds: a refused request must leave it unchanged.</summary>
    public async Task<long> EventCount()
    {
        await using var session = fixture.Store.TenantQuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync();
    }

    /// <summary>Creates the person's one key as stores from before keys were per stream hold it (person-wide, v1).</summary>
    public void PersonWideKey(Guid subject) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<AuditLedger.Host.Erasure.SubjectKeyStore>(fixture.Services).GetOrCreate(subject);

    public async Task<T?> Load<T>(Guid id) where T : class
    {
        await using var session = fixture.Store.TenantQuerySession();
        return await session.LoadAsync<T>(id);
    }
}
