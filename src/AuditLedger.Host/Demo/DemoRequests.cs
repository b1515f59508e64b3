namespace AuditLedger.Host.Demo;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Host.Ledger;

/// <summary>
/// The demo's requests: FY2025 disclosure requests handled to the end (some with a 補正, an extension, a third party's
/// objection, one decided late, one withdrawn), corrections that tell the recipients (Art. 37), a suspension refused, a
/// review ruled on after the board's report; and three requests still open today, so the deadline view has something
/// running, paused and overdue.
/// </summary>
/// <summary>A person of the demo with one of their records, and whether it was provided to someone.</summary>
internal sealed record DemoPerson(Guid Record, Guid Subject, bool Provided, DateTimeOffset Acquired);

internal static class DemoRequests
{
    private static DateTimeOffset At(DateTimeOffset day, int hour) => new(day.ToOffset(JapanDate.Offset).Date.AddHours(hour), JapanDate.Offset);

    public static async Task Load(IReadOnlyList<DemoPerson> people, Random random,
        Func<LedgerCommand, Task<AppendResult>> send, DateTimeOffset now)
    {
        async Task<long> Step(Guid caseId, long version, CaseCommand command, DateTimeOffset at) =>
            (await send(command with { CaseId = caseId, ExpectedVersion = version, StaffId = "S-1031", StaffRole = "議会事務局 総務課 主事", OccurredAt = at })).Version;

        async Task<(Guid Id, long Version)> Receive(RequestKind kind, DemoPerson person, DateTimeOffset at,
            Guid? disclosureCase = null)
        {
            var result = await send(new ReceiveRequest
            {
                StaffId = "S-1031", StaffRole = "議会事務局 総務課 主事", OccurredAt = at, Kind = kind, RequesterType = RequesterType.Self,
                DataSubjectId = person.Subject, RecordIds = [person.Record], DisclosureCaseId = disclosureCase,
                Requester = [new PersonalData(person.Subject, PersonalDataKind.Name, "（請求者本人）"), new PersonalData(person.Subject, PersonalDataKind.Address, "（請求書記載の住所）")],
                InformationSought = kind == RequestKind.Disclosure ? "議会事務局が保有する請求者本人に関する記録一式" : "開示を受けた記録のうち住所の記載",
            });
            var version = await Step(result.StreamId, result.Version, new VerifyRequesterIdentity { IdentityDocument = "運転免許証" }, at);
            return (result.StreamId, version);
        }

        static DecideRequest Decision(CaseOutcome outcome, int n) =>
            new() { Outcome = outcome, Reasons = outcome.Discloses() ? "第20条各号の不開示情報に該当する部分を除き開示する" : "第20条第2号の不開示情報に該当する", DecisionReference = $"浦議総第{n}号" };

        var early = people.Where(p => p.Acquired < new DateTimeOffset(2025, 10, 1, 0, 0, 0, JapanDate.Offset)).ToList();
        // Some requesters whose record was provided to another body, so that a correction has recipients to tell (Art. 37).
        var candidates = early.Where(p => p.Provided).Take(3).Concat(early.Where(p => !p.Provided).Take(23)).ToList();
        var disclosed = new List<(Guid Case, DemoPerson Person, DateTimeOffset On)>();
        (Guid Case, DateTimeOffset DecidedOn)? refusedCase = null;
        for (var i = 0; i < 20 && i < candidates.Count; i++)
        {
            var person = candidates[i];
            var received = At(person.Acquired.AddDays(20 + random.Next(0, 120)), 10);
            var (id, v) = await Receive(RequestKind.Disclosure, person, received);
            var day = received;
            if (i % 4 == 1)
            {
                v = await Step(id, v, new RequestFormCorrection { Deficiency = "請求に係る記録の特定が不十分" }, day.AddDays(1));
                day = day.AddDays(2 + random.Next(0, 5));
                v = await Step(id, v, new CompleteFormCorrection(), day);
            }
            if (i == 6) v = await Step(id, v, new ExtendDecisionPeriod { Days = 14, Reason = "対象記録の確認に時間を要するため（事務処理上の困難）" }, received.AddDays(20));
            if (i == 9)
            {
                v = await Step(id, v, new WithdrawRequest { Reason = "請求者から取下げの申出があった" }, received.AddDays(5));
                continue;
            }
            var decidedOn = i == 12 ? received.AddDays(35) : day.AddDays(7 + random.Next(0, 15));   // case 12 is decided late
            var outcome = (i % 10) switch { 3 => CaseOutcome.DisclosedInPart, 5 => CaseOutcome.NotHeld, 7 => CaseOutcome.NotDisclosed, 8 => CaseOutcome.DisclosedInPart, _ => CaseOutcome.DisclosedInFull };
            v = await Step(id, v, Decision(outcome, 300 + i), decidedOn);
            v = await Step(id, v, new RecordDecisionNoticeDelivery(), decidedOn.AddDays(2));
            if (outcome == CaseOutcome.NotDisclosed) refusedCase = (id, decidedOn);
            if (!outcome.Discloses()) continue;
            v = await Step(id, v, new RequestDisclosureMethod { Method = DisclosureMethod.Copy }, decidedOn.AddDays(6));
            var disclosedOn = decidedOn.AddDays(10);
            v = await Step(id, v, new ImplementDisclosure { Method = DisclosureMethod.Copy }, disclosedOn);
            await Step(id, v, new ChargeCopyCost { MonochromePages = 4, ColourPages = 0, AmountYen = 40 }, disclosedOn);
            disclosed.Add((id, person, disclosedOn));
        }

        // Corrections within 90 days of the disclosure; where the record was provided, the recipients are told (Art. 37).
        foreach (var (caseId, person, on) in disclosed.Take(3))
        {
            var received = on.AddDays(30);
            var (id, v) = await Receive(RequestKind.Correction, person, received, caseId);
            v = await Step(id, v, Decision(CaseOutcome.Corrected, 400), received.AddDays(14));
            if (person.Provided)
                await Step(id, v, new NotifyProvisionRecipients { RecordId = person.Record }, received.AddDays(16));
        }

        // A suspension request refused, and a review of a refusal to disclose, ruled on after the board's report.
        if (disclosed.Count > 3)
        {
            var (caseId, person, on) = disclosed[3];
            var (id, v) = await Receive(RequestKind.Suspension, person, on.AddDays(20), caseId);
            await Step(id, v, new DecideRequest { Outcome = CaseOutcome.SuspensionRefused, Reasons = "第40条の利用停止義務の要件に該当しない", DecisionReference = "浦議総第410号" }, on.AddDays(40));
        }

        if (refusedCase is var (reviewed, refusedOn))
        {
            var person = people[0];
            var requestedAt = At(refusedOn.AddDays(20), 11);
            var review = await send(new RequestReview
            {
                StaffId = "S-1031", StaffRole = "議会事務局 総務課 主事", OccurredAt = requestedAt, CaseId = reviewed, Target = ReviewTarget.Decision,
                Appellant = [new PersonalData(person.Subject, PersonalDataKind.Name, "（審査請求人）")], Summary = "不開示決定の取消しを求める",
            });
            var v = review.Version;
            async Task OnReview(ReviewCommand command, DateTimeOffset at) =>
                v = (await send(command with { ReviewId = review.StreamId, ExpectedVersion = v, StaffId = "S-1031", StaffRole = "議会事務局 総務課 主事", OccurredAt = at })).Version;
            await OnReview(new ConsultBoard { ConsultationReference = "浦安市情報公開・個人情報保護審査会 諮問第12号" }, requestedAt.AddDays(7));
            await OnReview(new NotifyConsultationParties { Parties = [ConsultationParty.AppellantOrParticipant] }, requestedAt.AddDays(8));
            await OnReview(new ReceiveBoardReport { Conclusion = "実施機関の決定は妥当である" }, requestedAt.AddDays(90));
            await OnReview(new RuleOnReview { Outcome = ReviewOutcome.Rejected, Reasons = "答申のとおり、審査請求には理由がない" }, requestedAt.AddDays(100));
        }

        // Three requests received in the last weeks, still open: one running, one overdue, one paused for 補正.
        var today = At(now.AddDays(-1), 10);
        foreach (var (person, daysAgo, pause) in candidates.Skip(20).Take(3).Select((p, i) => (p, new[] { 20, 45, 12 }[i], i == 2)))
        {
            var (id, v) = await Receive(RequestKind.Disclosure, person, today.AddDays(-daysAgo));
            if (pause) await Step(id, v, new RequestFormCorrection { Deficiency = "請求者の住所の記載がない" }, today.AddDays(-daysAgo + 2));
        }

    }
}
