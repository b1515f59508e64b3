namespace AuditLedger.Tests.Support;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Ledger;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>Builds request and review cases through the real command path, each step on a stated Japanese business day.</summary>
public sealed class CaseDriver(LedgerDriver ledger)
{
    /// <summary>A Japanese business day at 10:00 JST.</summary>
    public static DateTimeOffset Day(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, JapanDate.Offset);

    /// <summary>Monday 2 June 2025, the day most test requests are received.</summary>
    public static readonly DateTimeOffset Received = Day(2025, 6, 2);

    public static ReceiveRequest Request(RequestKind kind = RequestKind.Disclosure, DateTimeOffset? at = null, RequesterType requester = RequesterType.Self,
        string? jurisdiction = null, Guid? subject = null)
    {
        var person = subject ?? Guid.NewGuid();
        return new ReceiveRequest
        {
            CaseId = Guid.NewGuid(),
            StaffId = "S-0101",
            StaffRole = "議会事務局 総務課 主事",
            OccurredAt = at ?? Received,
            Kind = kind,
            JurisdictionId = jurisdiction,
            RequesterType = requester,
            DataSubjectId = person,
            Requester = [new PersonalData(person, PersonalDataKind.Name, "浦安 花子"), new PersonalData(person, PersonalDataKind.Address, "千葉県浦安市猫実一丁目1番1号")],
            InformationSought = "令和7年度 本会議傍聴者名簿のうち請求者に関する部分",
            DisclosureReceivedOn = kind == RequestKind.Disclosure ? null : DateOnly.FromDateTime((at ?? Received).AddDays(-10).Date),
        };
    }

    public async Task<Guid> Open(ReceiveRequest request) => (await ledger.Send(request)).StreamId;

    /// <summary>A request received and the requester's identity checked the same day (version 2).</summary>
    public async Task<Guid> Verified(RequestKind kind = RequestKind.Disclosure, DateTimeOffset? at = null, string? jurisdiction = null)
    {
        // Another jurisdiction's profile may require the identity document at the counter (Nagareyama): checked at receipt.
        if (jurisdiction is not null) return await Open(Request(kind, at, jurisdiction: jurisdiction) with { IdentityDocument = "運転免許証" });
        var id = await Open(Request(kind, at, jurisdiction: jurisdiction));
        await Step(id, new VerifyRequesterIdentity { IdentityDocument = "運転免許証" }, at ?? Received);
        return id;
    }

    /// <summary>A command on the case as of its current version, by a staff member, on the given day.</summary>
    public async Task<T> Next<T>(Guid caseId, T command, DateTimeOffset at) where T : CaseCommand =>
        command with
        {
            CaseId = caseId,
            ExpectedVersion = (await ledger.Stored(caseId)).Version,
            StaffId = "S-0102",
            StaffRole = "議会事務局 総務課 主査",
            OccurredAt = at,
        };

    public async Task<AppendResult> Step<T>(Guid caseId, T command, DateTimeOffset at) where T : CaseCommand =>
        await ledger.Send(await Next(caseId, command, at));

    public async Task Decide(Guid caseId, CaseOutcome outcome, DateTimeOffset at, DecisionScope scope = DecisionScope.Whole) =>
        await Step(caseId, new DecideRequest { Outcome = outcome, Scope = scope, Reasons = "第20条各号の不開示情報に該当しないため", DecisionReference = "浦議総第101号" }, at);

    public async Task<Guid> Review(Guid caseId, ReviewTarget target, DateTimeOffset at, bool byThirdParty = false)
    {
        var person = Guid.NewGuid();
        var result = await ledger.Send(new RequestReview
        {
            ReviewId = Guid.NewGuid(),
            StaffId = "S-0101",
            StaffRole = "議会事務局 総務課 主事",
            OccurredAt = at,
            CaseId = caseId,
            Target = target,
            ByThirdParty = byThirdParty,
            Appellant = [new PersonalData(person, PersonalDataKind.Name, "猫実 一郎")],
            Summary = "決定の取消しを求める",
        });
        return result.StreamId;
    }

    public async Task<T> NextOnReview<T>(Guid reviewId, T command, DateTimeOffset at) where T : ReviewCommand =>
        command with
        {
            ReviewId = reviewId,
            ExpectedVersion = (await ledger.Stored(reviewId)).Version,
            StaffId = "S-0102",
            StaffRole = "議会事務局 総務課 主査",
            OccurredAt = at,
        };

    public async Task<AppendResult> ReviewStep<T>(Guid reviewId, T command, DateTimeOffset at) where T : ReviewCommand =>
        await ledger.Send(await NextOnReview(reviewId, command, at));
}
