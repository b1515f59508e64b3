namespace AuditLedger.Tests;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Tests.Support;
using static AuditLedger.Tests.RuleEnforcementTests;
using static AuditLedger.Tests.Support.CaseDriver;
using static AuditLedger.Tests.Support.LedgerDriver;

/// <summary>
/// The refusals of request and review cases (Art. 18-46), each with its lawful twin on the same case. Run by
/// <see cref="RuleEnforcementTests"/> with the other rules. Unless a case says otherwise, a request is received on
/// Monday 2 June 2025, so the Urayasu disclosure decision is due on Wednesday 2 July 2025 (30 days from 3 June, 民法第140条).
/// </summary>
public static class CaseRuleCases
{
    private static readonly DateTimeOffset DecidedDay = Day(2025, 6, 20); // Friday

    private static Task<Guid> Verified(LedgerDriver l, RequestKind kind = RequestKind.Disclosure, string? jurisdiction = null) =>
        new CaseDriver(l).Verified(kind, jurisdiction: jurisdiction);

    private static async Task<(Guid Stream, LedgerCommand Refused, LedgerCommand Passing)> Twin<TRefused, TPassing>(
        LedgerDriver l, Guid caseId, TRefused refused, DateTimeOffset refusedAt, TPassing passing, DateTimeOffset passingAt)
        where TRefused : CaseCommand where TPassing : CaseCommand
    {
        var cases = new CaseDriver(l);
        return (caseId, await cases.Next(caseId, refused, refusedAt), await cases.Next(caseId, passing, passingAt));
    }

    private static readonly VerifyRequesterIdentity IdentityCheck = new() { IdentityDocument = "運転免許証" };
    private static readonly RecordDecisionNoticeDelivery NoticeDelivered = new();

    private static DecideRequest Decision(CaseOutcome outcome, DecisionScope scope = DecisionScope.Whole) =>
        new() { Outcome = outcome, Scope = scope, Reasons = "不開示情報に該当しない", DecisionReference = "浦議総第201号" };

    /// <summary>The request cases' rules, collected by <see cref="RuleEnforcementTests.Cases"/>.</summary>
    public static IReadOnlyList<RuleCase> RuleCases => All;

    public static readonly IReadOnlyList<RuleCase> All =
    [
        // Nothing follows a withdrawal (取下げ).
        new(CaseChecks.CaseWithdrawn.Code, "第18条", async l =>
        {
            var cases = new CaseDriver(l);
            var withdrawn = await cases.Open(Request());
            await cases.Step(withdrawn, new WithdrawRequest { Reason = "請求者からの申出" }, Received);
            var open = await cases.Open(Request());
            return (open, await cases.Next(withdrawn, IdentityCheck, Received), await cases.Next(open, IdentityCheck, Received));
        }),
        // Art. 19(1)(1): the request states the requester's name.
        new(ReceiveRequest.RequesterNameRequired.Code, "第19条第1項第1号", l =>
        {
            var passing = By(Request());
            var refused = passing with { CaseId = Guid.NewGuid(), Requester = [.. passing.Requester.Where(p => p.Kind != PersonalDataKind.Name)] };
            return Task.FromResult((passing.CaseId!.Value, (LedgerCommand)refused, (LedgerCommand)passing));
        }),
        // Art. 31(1): a correction request concerns information received by disclosure.
        new(ReceiveRequest.RequestNeedsDisclosure.Code, "第31条第1項", l =>
        {
            var passing = Request(RequestKind.Correction);
            var refused = passing with { CaseId = Guid.NewGuid(), DisclosureReceivedOn = null };
            return Task.FromResult((passing.CaseId!.Value, (LedgerCommand)refused, (LedgerCommand)passing));
        }),
        // Art. 31(3): within 90 days of receiving the disclosure. Received 1 May 2025: day 1 is 2 May (民法第140条), day 90 is
        // 30 July (Wed, open). A request on 1 Sept is late; one on 1 Sept after a disclosure received 1 July (due 29 Sept) is in time.
        new(ReceiveRequest.RequestWindowPassed.Code, "第31条第3項", l =>
        {
            var late = Request(RequestKind.Correction, Day(2025, 9, 1)) with { DisclosureReceivedOn = new DateOnly(2025, 5, 1) };
            var inTime = late with { CaseId = Guid.NewGuid(), DisclosureReceivedOn = new DateOnly(2025, 7, 1) };
            return Task.FromResult((inTime.CaseId!.Value, (LedgerCommand)late, (LedgerCommand)inTime));
        }),
        // Art. 38(3): the same window for suspension. Received 1 May: the 90th day is 30 July; a request on 31 July is late.
        new(ReceiveRequest.RequestWindowPassed.Code + "/suspension", "第38条第3項", l =>
        {
            var late = Request(RequestKind.Suspension, Day(2025, 7, 31)) with { DisclosureReceivedOn = new DateOnly(2025, 5, 1) };
            var lastDay = late with { CaseId = Guid.NewGuid(), OccurredAt = Day(2025, 7, 30) };
            return Task.FromResult((lastDay.CaseId!.Value, (LedgerCommand)late, (LedgerCommand)lastDay));
        }),
        // Art. 19(2): an agent shows the agency.
        new(VerifyRequesterIdentity.AgencyNotShown.Code, "第19条第2項", async l =>
        {
            var id = await new CaseDriver(l).Open(Request(requester: RequesterType.AppointedAgent));
            return await Twin(l, id, IdentityCheck, Received, IdentityCheck with { AgencyDocument = "委任状" }, Received);
        }),
        new(DecideRequest.IdentityNotVerified.Code, "第19条第2項", async l =>
        {
            var id = await new CaseDriver(l).Open(Request());
            return await Twin(l, id, Decision(CaseOutcome.DisclosedInFull), DecidedDay, IdentityCheck, Received);
        }),
        // Art. 19(3), 32(3): nothing is decided while a correction of form is pending.
        new(CaseChecks.FormCorrectionPending.Code, "第19条第3項", async l =>
        {
            var id = await Verified(l);
            await new CaseDriver(l).Step(id, new RequestFormCorrection { Deficiency = "請求に係る公文書の名称が特定されていない" }, Day(2025, 6, 3));
            return await Twin(l, id, Decision(CaseOutcome.DisclosedInFull), DecidedDay, new CompleteFormCorrection(), Day(2025, 6, 9));
        }),
        new(CaseChecks.FormCorrectionPending.Code + "/correction", "第32条第3項", async l =>
        {
            var id = await Verified(l, RequestKind.Correction);
            await new CaseDriver(l).Step(id, new RequestFormCorrection { Deficiency = "訂正を求める箇所が特定されていない" }, Day(2025, 6, 3));
            return await Twin(l, id, Decision(CaseOutcome.Corrected), DecidedDay, new CompleteFormCorrection(), Day(2025, 6, 9));
        }),
        new(CompleteFormCorrection.NoFormCorrectionPending.Code, "第19条第3項", async l =>
        {
            var id = await Verified(l);
            return await Twin(l, id, new CompleteFormCorrection(), Day(2025, 6, 3), new RequestFormCorrection { Deficiency = "住所の記載がない" }, Day(2025, 6, 3));
        }),
        new(CaseChecks.AlreadyDecided.Code, "第24条", async l =>
        {
            var id = await Verified(l);
            await new CaseDriver(l).Decide(id, CaseOutcome.DisclosedInFull, DecidedDay);
            return await Twin(l, id, new ExtendDecisionPeriod { Days = 10, Reason = "事務処理上の困難" }, DecidedDay, NoticeDelivered, Day(2025, 6, 23));
        }),
        new(RecordDecisionNoticeDelivery.NotYetDecided.Code, "第24条", async l =>
        {
            var id = await Verified(l);
            return await Twin(l, id, NoticeDelivered, DecidedDay, Decision(CaseOutcome.DisclosedInPart), DecidedDay);
        }),
        // Art. 24 / 34: each kind has its own decisions.
        new(DecideRequest.OutcomeNotForKind.Code, "第24条", async l =>
        {
            var id = await Verified(l);
            return await Twin(l, id, Decision(CaseOutcome.Corrected), DecidedDay, Decision(CaseOutcome.ExistenceNeitherConfirmedNorDenied), DecidedDay);
        }),
        new(DecideRequest.OutcomeNotForKind.Code + "/correction", "第34条", async l =>
        {
            var id = await Verified(l, RequestKind.Correction);
            return await Twin(l, id, Decision(CaseOutcome.NotDisclosed), DecidedDay, Decision(CaseOutcome.CorrectionRefused), DecidedDay);
        }),
        // Nagareyama's profile has no extension of its 14-day disclosure clock.
        new(ExtendDecisionPeriod.ExtensionNotProvided.Code, "第25条第2項", async l =>
        {
            var id = await new CaseDriver(l).Open(Request(jurisdiction: "nagareyama-city") with { IdentityDocument = "運転免許証" });
            return await Twin(l, id, new ExtendDecisionPeriod { Days = 7, Reason = "事務処理上の困難" }, Day(2025, 6, 5), IdentityCheck, Day(2025, 6, 5));
        }),
        // Art. 25(2): at most 30 days.
        new(ExtendDecisionPeriod.ExtensionTooLong.Code, "第25条第2項", async l =>
        {
            var id = await Verified(l);
            var extension = new ExtendDecisionPeriod { Days = 30, Reason = "対象文書が大量であり事務処理上の困難がある" };
            return await Twin(l, id, extension with { Days = 31 }, Day(2025, 6, 25), extension, Day(2025, 6, 25));
        }),
        // Art. 42(2): 30 days in all — 20 and then 11 more is too long; 20 and then 10 is allowed.
        new(ExtendDecisionPeriod.ExtensionTooLong.Code + "/cumulative", "第42条第2項", async l =>
        {
            var id = await Verified(l, RequestKind.Suspension);
            var extension = new ExtendDecisionPeriod { Days = 20, Reason = "関係課への照会に時間を要する" };
            await new CaseDriver(l).Step(id, extension, Day(2025, 6, 16));
            return await Twin(l, id, extension with { Days = 11 }, Day(2025, 6, 25), extension with { Days = 10 }, Day(2025, 6, 25));
        }),
        // Art. 25(2) extends a running period: due 2 July, an extension decided on 15 July is too late.
        new(ExtendDecisionPeriod.ExtensionAfterPeriod.Code, "第25条第2項", async l =>
        {
            var id = await Verified(l);
            var extension = new ExtendDecisionPeriod { Days = 30, Reason = "事務処理上の困難" };
            return await Twin(l, id, extension, Day(2025, 7, 15), extension, Day(2025, 7, 2));
        }),
        new(NotifySpecialDeadline.SpecialDeadlineNotProvided.Code, "第26条第1項", async l =>
        {
            var id = await new CaseDriver(l).Open(Request(jurisdiction: "nagareyama-city") with { IdentityDocument = "運転免許証" });
            return await Twin(l, id, new NotifySpecialDeadline { Reason = "著しく大量", StatedDueDate = new DateOnly(2025, 9, 1) }, Day(2025, 6, 5), IdentityCheck, Day(2025, 6, 5));
        }),
        // Art. 26(1) 後段: the notice is given within the ordinary 30 days (due 2 July).
        new(NotifySpecialDeadline.SpecialDeadlineNoticeLate.Code, "第26条第1項", async l =>
        {
            var id = await Verified(l);
            var notice = new NotifySpecialDeadline { Reason = "対象文書が著しく大量である", StatedDueDate = new DateOnly(2025, 9, 30) };
            return await Twin(l, id, notice, Day(2025, 7, 3), notice, Day(2025, 7, 2));
        }),
        new(NotifySpecialDeadline.SpecialDeadlineBeforeOrdinary.Code, "第26条第1項第2号", async l =>
        {
            var id = await Verified(l);
            var notice = new NotifySpecialDeadline { Reason = "対象文書が著しく大量である", StatedDueDate = new DateOnly(2025, 9, 30) };
            return await Twin(l, id, notice with { StatedDueDate = new DateOnly(2025, 7, 2) }, Day(2025, 6, 16), notice, Day(2025, 6, 16));
        }),
        new(DecideRequest.PortionWithoutSpecialDeadline.Code, "第26条第1項", async l =>
        {
            var id = await Verified(l);
            return await Twin(l, id, Decision(CaseOutcome.DisclosedInFull, DecisionScope.SubstantialPortion), DecidedDay, Decision(CaseOutcome.DisclosedInFull), DecidedDay);
        }),
        new(NotifyThirdParty.ThirdPartyOnlyForDisclosure.Code, "第27条第1項", async l =>
        {
            var id = await Verified(l, RequestKind.Correction);
            return await Twin(l, id, ThirdParty(mandatory: false), Day(2025, 6, 5), Decision(CaseOutcome.Corrected), DecidedDay);
        }),
        // Art. 27(2): the third party is notified before the disclosure decision.
        new(NotifyThirdParty.ThirdPartyNoticeAfterDecision.Code, "第27条第2項", async l =>
        {
            var id = await Verified(l);
            await new CaseDriver(l).Decide(id, CaseOutcome.DisclosedInPart, DecidedDay);
            return await Twin(l, id, ThirdParty(mandatory: true), Day(2025, 6, 23), NoticeDelivered, Day(2025, 6, 23));
        }),
        new(CaseChecks.ThirdPartyNotNotified.Code, "第27条第3項", async l =>
        {
            var id = await Verified(l);
            var notice = ThirdParty(mandatory: true);
            return await Twin(l, id, new ReceiveThirdPartyOpinion { ThirdPartyId = notice.ThirdPartyId, ObjectsToDisclosure = true }, Day(2025, 6, 5), notice, Day(2025, 6, 5));
        }),
        // Art. 27(3): decided Friday 20 June 2025 over an objection. The 14 clear days are 21 June - 4 July; the earliest day
        // is 5 July, a Saturday, so the office discloses on Monday 7 July. Disclosure on 4 July is refused.
        new(CaseChecks.DisclosureBeforeObjectionInterval.Code, "第27条第3項", async l =>
        {
            var id = await DecidedOverObjection(l);
            var cases = new CaseDriver(l);
            await cases.Step(id, NoticeDelivered, Day(2025, 6, 23));
            await cases.Step(id, new RequestDisclosureMethod { Method = DisclosureMethod.Copy }, Day(2025, 6, 30));
            var disclose = new ImplementDisclosure { Method = DisclosureMethod.Copy };
            return await Twin(l, id, disclose, Day(2025, 7, 4), disclose, Day(2025, 7, 7));
        }),
        new(CaseChecks.DisclosureBeforeObjectionInterval.Code + "/notice", "第27条第3項", async l =>
        {
            var id = await DecidedOverObjection(l);
            var objector = (await l.Load<RequestCase>(id))!.ThirdParties.Single().ThirdPartyId;
            var notice = new NotifyObjectorOfDisclosure { ThirdPartyId = objector, DisclosureDate = new DateOnly(2025, 7, 7) };
            return await Twin(l, id, notice with { DisclosureDate = new DateOnly(2025, 7, 4) }, Day(2025, 6, 20, 15), notice, Day(2025, 6, 20, 15));
        }),
        new(CaseChecks.NothingToDisclose.Code, "第28条", async l =>
        {
            var id = await Verified(l);
            await new CaseDriver(l).Decide(id, CaseOutcome.NotDisclosed, DecidedDay);
            return await Twin(l, id, new RequestDisclosureMethod { Method = DisclosureMethod.Inspection }, Day(2025, 6, 25), NoticeDelivered, Day(2025, 6, 23));
        }),
        // Art. 28(4): notice received Monday 23 June; day 30 is Wednesday 23 July. 1 August is late unless a justified reason is given.
        new(RequestDisclosureMethod.MethodRequestLate.Code, "第28条第4項", async l =>
        {
            var cases = new CaseDriver(l);
            var id = await Verified(l);
            await cases.Decide(id, CaseOutcome.DisclosedInFull, DecidedDay);
            await cases.Step(id, NoticeDelivered, Day(2025, 6, 23));
            var method = new RequestDisclosureMethod { Method = DisclosureMethod.Copy };
            return await Twin(l, id, method, Day(2025, 8, 1), method with { LateReason = "入院のため期間内に申し出ることができなかった" }, Day(2025, 8, 1));
        }),
        // Art. 24(1), 28(3)-(4): the disclosure follows the written decision notice and the requester's statement of the method.
        // Decided Friday 20 June 2025; the twin has the notice delivered on 23 June and the method stated on 25 June.
        new(ImplementDisclosure.DecisionNoticeNotDelivered.Code, "第24条第1項", async l =>
        {
            var withoutNotice = await DisclosureDecided(l, noticeDelivered: false, methodStated: true);
            var ready = await DisclosureDecided(l, noticeDelivered: true, methodStated: true);
            var cases = new CaseDriver(l);
            var disclose = new ImplementDisclosure { Method = DisclosureMethod.Copy };
            return (ready, await cases.Next(withoutNotice, disclose, Day(2025, 6, 30)), await cases.Next(ready, disclose, Day(2025, 6, 30)));
        }),
        new(ImplementDisclosure.DisclosureMethodNotStated.Code, "第28条第3項", async l =>
        {
            var withoutMethod = await DisclosureDecided(l, noticeDelivered: true, methodStated: false);
            var ready = await DisclosureDecided(l, noticeDelivered: true, methodStated: true);
            var cases = new CaseDriver(l);
            var disclose = new ImplementDisclosure { Method = DisclosureMethod.Inspection };
            return (ready, await cases.Next(withoutMethod, disclose, Day(2025, 6, 30)), await cases.Next(ready, disclose, Day(2025, 6, 30)));
        }),
        new(NotifyProvisionRecipients.RecipientNoticeNeedsCorrection.Code, "第37条", async l =>
        {
            var (id, record) = await CorrectionOfRecord(l, provided: true, CaseOutcome.CorrectionRefused);
            return await Twin(l, id, new NotifyProvisionRecipients { RecordId = record }, Day(2025, 6, 25), NoticeDelivered, Day(2025, 6, 23));
        }),
        new(NotifyProvisionRecipients.NoProvisionRecipients.Code, "第37条", async l =>
        {
            var (id, record) = await CorrectionOfRecord(l, provided: false, CaseOutcome.Corrected);
            return await Twin(l, id, new NotifyProvisionRecipients { RecordId = record }, Day(2025, 6, 25), NoticeDelivered, Day(2025, 6, 23));
        }),
        // ---- review requests ----
        new(RequestReview.ReviewTargetMismatch.Code, "第44条", async l =>
        {
            var id = await Verified(l);
            var refused = ReviewOf(id, ReviewTarget.Decision);
            var passing = refused with { ReviewId = Guid.NewGuid(), Target = ReviewTarget.Inaction };
            return (passing.ReviewId!.Value, refused, passing);
        }),
        new(ReviewCommand.ReviewAlreadyRuled.Code, "第45条第1項", async l =>
        {
            var cases = new CaseDriver(l);
            var ruled = await ConsultedReview(l, report: true);
            await cases.ReviewStep(ruled, new RuleOnReview { Outcome = ReviewOutcome.Rejected, Reasons = "原決定は妥当" }, Day(2025, 9, 1));
            var open = await ConsultedReview(l, report: true);
            var ruling = new RuleOnReview { Outcome = ReviewOutcome.Rejected, Reasons = "原決定は妥当" };
            return (open, await cases.NextOnReview(ruled, ruling, Day(2025, 9, 2)), await cases.NextOnReview(open, ruling, Day(2025, 9, 2)));
        }),
        new(ReviewCommand.ConsultationAlreadyDecided.Code, "第45条第1項", async l =>
        {
            var cases = new CaseDriver(l);
            var review = await ConsultedReview(l, report: false);
            return (review, await cases.NextOnReview(review, new ConsultBoard { ConsultationReference = "諮問第2号" }, Day(2025, 8, 5)),
                await cases.NextOnReview(review, new NotifyConsultationParties { Parties = [ConsultationParty.AppellantOrParticipant] }, Day(2025, 8, 5)));
        }),
        // Art. 45(1)(3) is for correction cases; a disclosure case may use (2).
        new(ApplyConsultationException.ConsultationExceptionNotApplicable.Code, "第45条第1項第3号", async l =>
        {
            var cases = new CaseDriver(l);
            var review = await DecidedReview(l, CaseOutcome.NotDisclosed);
            return (review, await cases.NextOnReview(review, new ApplyConsultationException { Exception = ConsultationException.FullCorrection }, Day(2025, 8, 1)),
                await cases.NextOnReview(review, new ApplyConsultationException { Exception = ConsultationException.FullDisclosure }, Day(2025, 8, 1)));
        }),
        // Art. 45(1)(2) 括弧書: not where a third party objected; consultation is then required.
        new(ApplyConsultationException.ConsultationExceptionNotApplicable.Code + "/objection", "第45条第1項第2号", async l =>
        {
            var cases = new CaseDriver(l);
            var id = await DecidedOverObjection(l);
            var review = await cases.Review(id, ReviewTarget.Decision, Day(2025, 7, 1));
            return (review, await cases.NextOnReview(review, new ApplyConsultationException { Exception = ConsultationException.FullDisclosure }, Day(2025, 7, 2)),
                await cases.NextOnReview(review, new ConsultBoard { ConsultationReference = "諮問第3号" }, Day(2025, 7, 2)));
        }),
        new(ReviewCommand.NotConsulted.Code, "第45条第2項", async l =>
        {
            var cases = new CaseDriver(l);
            var review = await DecidedReview(l, CaseOutcome.NotDisclosed);
            return (review, await cases.NextOnReview(review, new NotifyConsultationParties { Parties = [ConsultationParty.Requester] }, Day(2025, 8, 1)),
                await cases.NextOnReview(review, new ConsultBoard { ConsultationReference = "諮問第4号" }, Day(2025, 8, 1)));
        }),
        new(RuleOnReview.RulingWithoutConsultation.Code, "第45条第1項", async l =>
        {
            var cases = new CaseDriver(l);
            var review = await DecidedReview(l, CaseOutcome.NotDisclosed);
            return (review, await cases.NextOnReview(review, new RuleOnReview { Outcome = ReviewOutcome.Rejected, Reasons = "原決定は妥当" }, Day(2025, 8, 1)),
                await cases.NextOnReview(review, new ConsultBoard { ConsultationReference = "諮問第5号" }, Day(2025, 8, 1)));
        }),
        // Under 45(1)(1) the ruling is a dismissal (却下).
        new(RuleOnReview.RulingOutsideException.Code, "第45条第1項第1号", async l =>
        {
            var cases = new CaseDriver(l);
            var review = await DecidedReview(l, CaseOutcome.NotDisclosed);
            await cases.ReviewStep(review, new ApplyConsultationException { Exception = ConsultationException.UnlawfulRequestDismissed }, Day(2025, 8, 1));
            var ruling = new RuleOnReview { Outcome = ReviewOutcome.UpheldInFull, Reasons = "審査請求期間経過後の請求であり不適法" };
            return (review, await cases.NextOnReview(review, ruling, Day(2025, 8, 4)), await cases.NextOnReview(review, ruling with { Outcome = ReviewOutcome.Dismissed }, Day(2025, 8, 4)));
        }),
    ];

    private static NotifyThirdParty ThirdParty(bool mandatory)
    {
        var person = Guid.NewGuid();
        return new NotifyThirdParty { ThirdPartyId = person, Mandatory = mandatory, ThirdParty = [new PersonalData(person, PersonalDataKind.Name, "当代島 次郎")] };
    }

    /// <summary>A disclosure decided (in part) on Friday 20 June 2025 after a third party objected.</summary>
    /// <summary>A disclosure decided in full on 20 June 2025, with the notice delivered (23 June) and the method stated (25 June) as asked.</summary>
    public static async Task<Guid> DisclosureDecided(LedgerDriver l, bool noticeDelivered, bool methodStated)
    {
        var cases = new CaseDriver(l);
        var id = await cases.Verified();
        await cases.Decide(id, CaseOutcome.DisclosedInFull, DecidedDay);
        if (noticeDelivered) await cases.Step(id, NoticeDelivered, Day(2025, 6, 23));
        if (methodStated) await cases.Step(id, new RequestDisclosureMethod { Method = DisclosureMethod.Copy }, Day(2025, 6, 25));
        return id;
    }

    public static async Task<Guid> DecidedOverObjection(LedgerDriver l)
    {
        var cases = new CaseDriver(l);
        var id = await cases.Verified();
        var notice = ThirdParty(mandatory: true);
        await cases.Step(id, notice, Day(2025, 6, 4));
        await cases.Step(id, new ReceiveThirdPartyOpinion { ThirdPartyId = notice.ThirdPartyId, ObjectsToDisclosure = true }, Day(2025, 6, 13));
        await cases.Decide(id, CaseOutcome.DisclosedInPart, DecidedDay);
        return id;
    }

    /// <summary>A correction request about a record (provided to the mayor, or not), decided on 20 June 2025.</summary>
    public static async Task<(Guid Case, Guid Record)> CorrectionOfRecord(LedgerDriver l, bool provided, CaseOutcome outcome)
    {
        var (_, record) = await l.Record();
        if (provided) await l.Send(ProvisionToMayor(record, 1));
        var subject = (await l.Load<RetainedRecord>(record))!.DataSubjectId;
        var cases = new CaseDriver(l);
        var id = await cases.Open(Request(RequestKind.Correction, subject: subject) with { RecordIds = [record] });
        await cases.Step(id, IdentityCheck, Received);
        await cases.Decide(id, outcome, DecidedDay);
        return (id, record);
    }

    private static RequestReview ReviewOf(Guid caseId, ReviewTarget target)
    {
        var person = Guid.NewGuid();
        return By(new RequestReview
        {
            ReviewId = Guid.NewGuid(), CaseId = caseId, Target = target, OccurredAt = Day(2025, 7, 1),
            Appellant = [new PersonalData(person, PersonalDataKind.Name, "浦安 花子")], Summary = "決定の取消しを求める",
        });
    }

    private static async Task<Guid> DecidedReview(LedgerDriver l, CaseOutcome outcome)
    {
        var cases = new CaseDriver(l);
        var id = await cases.Verified();
        await cases.Decide(id, outcome, DecidedDay);
        return await cases.Review(id, ReviewTarget.Decision, Day(2025, 7, 1));
    }

    private static async Task<Guid> ConsultedReview(LedgerDriver l, bool report)
    {
        var cases = new CaseDriver(l);
        var review = await DecidedReview(l, CaseOutcome.NotDisclosed);
        await cases.ReviewStep(review, new ConsultBoard { ConsultationReference = "諮問第1号" }, Day(2025, 7, 10));
        if (report) await cases.ReviewStep(review, new ReceiveBoardReport { Conclusion = "原決定は妥当である" }, Day(2025, 8, 20));
        return review;
    }
}
