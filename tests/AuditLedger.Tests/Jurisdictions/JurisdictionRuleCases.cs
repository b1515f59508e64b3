namespace AuditLedger.Tests.Jurisdictions;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Requests;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.RuleEnforcementTests;
using static AuditLedger.Tests.Support.CaseDriver;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The rules a jurisdiction profile switches on (Nagareyama's overview: counter only, identity at receipt, 閲覧・視聴・写しの交付
/// with the notice and identity shown, copies at 10/50 yen a page), each refused and its lawful twin, run by
/// <see cref="RuleEnforcementTests"/> with the other rules. The case's own jurisdiction decides (ReceiveRequest.JurisdictionId).
/// </summary>
public static class JurisdictionRuleCases
{
    public const string Nagareyama = "nagareyama-city";

    public static ReceiveRequest AtTheCounter() => By(Request(jurisdiction: Nagareyama)) with { IdentityDocument = "運転免許証" };

    /// <summary>A Nagareyama disclosure decided in full, its notice delivered and the method stated.</summary>
    public static async Task<Guid> ReadyToDisclose(LedgerDriver l)
    {
        var cases = new CaseDriver(l);
        var id = await cases.Open(AtTheCounter());
        await cases.Decide(id, CaseOutcome.DisclosedInFull, Day(2025, 6, 10));
        await cases.Step(id, new RecordDecisionNoticeDelivery(), Day(2025, 6, 11));
        await cases.Step(id, new RequestDisclosureMethod { Method = DisclosureMethod.Viewing }, Day(2025, 6, 12));
        return id;
    }

    public static readonly ImplementDisclosure ShownBoth = new() { Method = DisclosureMethod.Viewing, NoticeShown = true, IdentityDocumentShown = "旅券" };

    public static IReadOnlyList<RuleCase> RuleCases { get; } =
    [
        // Nagareyama: 郵送による受付はできません.
        new(ReceiveRequest.ChannelNotAccepted.Code, "第19条第1項", l =>
        {
            var passing = AtTheCounter();
            var refused = passing with { CaseId = Guid.NewGuid(), Channel = RequestChannel.Mail };
            return Task.FromResult((passing.CaseId!.Value, (LedgerCommand)refused, (LedgerCommand)passing));
        }),
        // Nagareyama: 運転免許証や旅券などにより、本人であることを確認させていただきます (at the counter).
        new(ReceiveRequest.IdentityNotShownAtReceipt.Code, "第19条第2項", l =>
        {
            var passing = AtTheCounter();
            var refused = passing with { CaseId = Guid.NewGuid(), IdentityDocument = null };
            return Task.FromResult((passing.CaseId!.Value, (LedgerCommand)refused, (LedgerCommand)passing));
        }),
        // Nagareyama: 開示は、閲覧、視聴、写しの交付によります (no electronic method).
        new(ImplementDisclosure.MethodNotProvided.Code, "第28条第1項", async l =>
        {
            var id = await ReadyToDisclose(l);
            var cases = new CaseDriver(l);
            return (id, await cases.Next(id, ShownBoth with { Method = DisclosureMethod.Electronic }, Day(2025, 6, 13)), await cases.Next(id, ShownBoth, Day(2025, 6, 13)));
        }),
        // Nagareyama: 開示を受けるときには、決定通知書と本人であることを証明する書類が必要.
        new(ImplementDisclosure.NoticeAndIdentityNotShown.Code, "第28条第1項", async l =>
        {
            var id = await ReadyToDisclose(l);
            var cases = new CaseDriver(l);
            return (id, await cases.Next(id, ShownBoth with { IdentityDocumentShown = null }, Day(2025, 6, 13)), await cases.Next(id, ShownBoth, Day(2025, 6, 13)));
        }),
        new(ImplementDisclosure.NoticeAndIdentityNotShown.Code + "/notice", "第28条第1項", async l =>
        {
            var id = await ReadyToDisclose(l);
            var cases = new CaseDriver(l);
            return (id, await cases.Next(id, ShownBoth with { NoticeShown = false }, Day(2025, 6, 13)), await cases.Next(id, ShownBoth, Day(2025, 6, 13)));
        }),
        // Nagareyama: 写し1枚につき単色刷り10円、カラー50円: 12 + 1 pages are 170 yen, not 200.
        new(ChargeCopyCost.CopyCostNotAsRated.Code, "第30条第2項", async l =>
        {
            var id = await ReadyToDisclose(l);
            var cases = new CaseDriver(l);
            var charge = new ChargeCopyCost { MonochromePages = 12, ColourPages = 1, AmountYen = 170 };
            return (id, await cases.Next(id, charge with { AmountYen = 200 }, Day(2025, 6, 13)), await cases.Next(id, charge, Day(2025, 6, 13)));
        }),
    ];
}
