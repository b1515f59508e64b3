using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Tests.Support;

namespace AuditLedger.Domain.Tests.Requests;

/// <summary>
/// Request cases held in memory, built the way the ledger builds them: received by <see cref="ReceiveRequest"/>'s pure
/// Decide, then each step decided by its command's pure Decide on the state folded through <see cref="RequestCase.Evolve"/>.
/// Every step is decided at a fixed moment, its own day at 10:00 JST; nothing reads the system clock. Unless a test says
/// otherwise, a request is received on Monday 2 June 2025, so the Urayasu disclosure decision is due on Wednesday 2 July 2025
/// (30 days from 3 June, 民法第140条).
/// </summary>
public static class RequestCases
{
    public static readonly JurisdictionProfile Urayasu = ProfileLoader.LoadCatalog().Get("urayasu-council");

    /// <summary>Nagareyama's scheme: a 14-day disclosure clock with neither extension nor special deadline.</summary>
    public static readonly JurisdictionProfile Nagareyama = ProfileLoader.LoadCatalog().Get("nagareyama-city");

    /// <summary>A Japanese day at 10:00 JST (or the hour given).</summary>
    public static DateTimeOffset Day(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, JapanDate.Offset);

    /// <summary>Monday 2 June 2025, the day the requests are received.</summary>
    public static readonly DateTimeOffset ReceivedAt = Day(2025, 6, 2);

    /// <summary>Friday 20 June 2025, the day the requests are decided.</summary>
    public static readonly DateTimeOffset DecidedAt = Day(2025, 6, 20);

    public static readonly VerifyRequesterIdentity IdentityCheck = new() { IdentityDocument = "運転免許証" };

    public static ReceiveRequest Request(RequestKind kind = RequestKind.Disclosure, RequesterType requester = RequesterType.Self,
        Guid? subject = null, DateTimeOffset? at = null)
    {
        var person = subject ?? Guid.NewGuid();
        var receivedAt = at ?? ReceivedAt;
        return new ReceiveRequest
        {
            StaffId = Commands.StaffId, StaffRole = Commands.StaffRole, Recording = Commands.Recording, OccurredAt = receivedAt,
            CaseId = Guid.NewGuid(),
            Kind = kind,
            RequesterType = requester,
            DataSubjectId = person,
            Requester = [new PersonalData(person, PersonalDataKind.Name, "浦安 花子"), new PersonalData(person, PersonalDataKind.Address, "千葉県浦安市猫実一丁目1番1号")],
            InformationSought = "令和7年度 本会議傍聴者名簿のうち請求者に関する部分",
            // A correction or suspension concerns information received by a disclosure (Art. 31(1), 38(1)): ten days before.
            DisclosureReceivedOn = kind == RequestKind.Disclosure ? null : JapanDate.Of(receivedAt).AddDays(-10),
        };
    }

    public static DecideRequest Decision(CaseOutcome outcome, DecisionScope scope = DecisionScope.Whole) =>
        new() { Outcome = outcome, Scope = scope, Reasons = "第20条各号の不開示情報に該当しないため", DecisionReference = "浦議総第101号" };

    public static NotifyThirdParty ThirdParty(bool mandatory = true)
    {
        var person = Guid.NewGuid();
        return new NotifyThirdParty { ThirdPartyId = person, Mandatory = mandatory, ThirdParty = [new PersonalData(person, PersonalDataKind.Name, "当代島 次郎")] };
    }

    /// <summary>A request received (version 1).</summary>
    public static CaseStream Received(ReceiveRequest request, JurisdictionProfile? profile = null, RequestCase? disclosureCase = null)
    {
        var stream = new CaseStream(profile ?? Urayasu);
        stream.Events.Append(request.Decide(request.CaseId!.Value, stream.Profile, disclosureCase, request.OccurredAt!.Value));
        return stream;
    }

    public static CaseStream Received(RequestKind kind = RequestKind.Disclosure, RequesterType requester = RequesterType.Self, JurisdictionProfile? profile = null) =>
        // A profile that requires the identity document at the counter (Nagareyama) gets it at receipt.
        Received(Request(kind, requester) with { IdentityDocument = profile?.Law.Intake?.IdentityDocumentAtReceipt == true ? "運転免許証" : null }, profile);

    /// <summary>A request received and the requester's identity checked the same day (version 2).</summary>
    public static CaseStream Verified(RequestKind kind = RequestKind.Disclosure, JurisdictionProfile? profile = null) =>
        Received(kind, profile: profile).Then(IdentityCheck, ReceivedAt);

    /// <summary>A verified request decided on Friday 20 June 2025.</summary>
    public static CaseStream Decided(CaseOutcome outcome, RequestKind kind = RequestKind.Disclosure) =>
        Verified(kind).Then(Decision(outcome), DecidedAt);

    /// <summary>A disclosure decided in part on Friday 20 June 2025 after a third party objected (Art. 27(3)).</summary>
    public static CaseStream DecidedOverObjection()
    {
        var notice = ThirdParty();
        return Verified()
            .Then(notice, Day(2025, 6, 4))
            .Then(new ReceiveThirdPartyOpinion { ThirdPartyId = notice.ThirdPartyId, ObjectsToDisclosure = true }, Day(2025, 6, 13))
            .Then(Decision(CaseOutcome.DisclosedInPart), DecidedAt);
    }
}

/// <summary>One request case in memory, and the clerk's steps on it decided purely.</summary>
public sealed class CaseStream(JurisdictionProfile profile)
{
    public EventStream<RequestCase> Events { get; } = new(RequestCase.Evolve);

    public JurisdictionProfile Profile => profile;

    public RequestCase State => Events.State;

    /// <summary>The command as the clerk sends it on this case at its current version, done at <paramref name="at"/>.</summary>
    public CaseCommand On(CaseCommand command, DateTimeOffset at) => command with
    {
        CaseId = State.Id, ExpectedVersion = Events.Version,
        StaffId = Commands.StaffId, StaffRole = Commands.StaffRole, Recording = Commands.Recording, OccurredAt = at,
    };

    /// <summary>Decides the step at <paramref name="at"/> (recorded at that moment too); appends nothing.</summary>
    public IReadOnlyList<ILedgerEvent> Decide(CaseCommand command, DateTimeOffset at, RetainedRecord? record = null) =>
        On(command, at).Decide(State, new CaseInputs(profile) { Record = record }, at);

    /// <summary>Decides the step and appends the events it returns.</summary>
    public CaseStream Then(CaseCommand command, DateTimeOffset at, RetainedRecord? record = null)
    {
        Events.Append(Decide(command, at, record));
        return this;
    }

    /// <summary>Asserts the step decides exactly one event of this type, appends it and returns it.</summary>
    public TEvent ShouldDecide<TEvent>(CaseCommand command, DateTimeOffset at, RetainedRecord? record = null) where TEvent : ILedgerEvent
    {
        var events = Decide(command, at, record);
        events.Count.ShouldBe(1);
        var decided = events[0].ShouldBeOfType<TEvent>();
        decided.Context.OccurredAt.ShouldBe(at);
        Events.Append(events);
        return decided;
    }

    /// <summary>
    /// Asserts the step is refused by the rule with this code, citing this article (in the case's own kind), and that Decide
    /// threw before returning any event: the case is left as it was.
    /// </summary>
    public LedgerRuleViolation ShouldRefuse(CaseCommand command, DateTimeOffset at, string code, string article, RetainedRecord? record = null)
    {
        var version = Events.Version;
        IReadOnlyList<ILedgerEvent>? decided = null;
        var refusal = Refusals.ShouldBeRefused(() => decided = Decide(command, at, record), code, article);
        decided.ShouldBeNull();
        Events.Version.ShouldBe(version);
        return refusal;
    }
}
