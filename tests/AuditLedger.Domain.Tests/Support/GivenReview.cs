using AuditLedger.Domain.Common;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;

namespace AuditLedger.Domain.Tests.Support;

/// <summary>
/// Reviews (審査請求, Art. 44-46) held in memory: the request case a review is about (its state as the ledger would have folded
/// it), complete lawful review commands, and review streams built from the events <see cref="RequestReview"/> decides, folded
/// through <see cref="ReviewCase.Evolve"/>. Every step is decided at <see cref="Clock.Now"/>.
/// </summary>
public static class GivenReview
{
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    public static readonly DateTimeOffset RequestReceivedAt = new(2025, 4, 15, 10, 0, 0, Jst);
    public static readonly DateTimeOffset ReviewRequestedAt = new(2025, 5, 26, 10, 0, 0, Jst);
    /// <summary>The Japanese date of <see cref="Clock.ActionAt"/>, on which the review steps under test happen.</summary>
    public static readonly DateOnly ActionDay = new(2025, 6, 2);

    /// <summary>
    /// A request case as a review reads it: its kind, its persons, whether (and how) it was decided, and whether a third
    /// party objected to the disclosure (反対意見書, Art. 27(3)). Undecided, it is still open (the ground of a review of inaction).
    /// </summary>
    public static RequestCase RequestCase(RequestKind kind = RequestKind.Disclosure, CaseOutcome? outcome = CaseOutcome.NotDisclosed, bool objection = false)
    {
        var requestCase = new RequestCase
        {
            Id = Guid.NewGuid(), Kind = kind, JurisdictionId = "urayasu-council", DataSubjectId = Guid.NewGuid(),
            ReceivedAt = RequestReceivedAt, ReceivedOn = JapanDate.Of(RequestReceivedAt), LastStepOn = JapanDate.Of(RequestReceivedAt),
            Status = outcome is null ? CaseStatus.Open : CaseStatus.Decided, Outcome = outcome,
        };
        requestCase.PersonIds.Add(requestCase.DataSubjectId);
        if (objection)
        {
            var thirdParty = Guid.NewGuid();
            requestCase.PersonIds.Add(thirdParty);
            requestCase.ThirdParties.Add(new ThirdPartyInCase { ThirdPartyId = thirdParty, OpinionReceived = true, Objects = true });
        }
        return requestCase;
    }

    public static RequestReview Request(RequestCase requestCase, ReviewTarget target = ReviewTarget.Decision) => new()
    {
        StaffId = Commands.StaffId, StaffRole = Commands.StaffRole, Recording = Commands.Recording, OccurredAt = ReviewRequestedAt,
        CaseId = requestCase.Id,
        Target = target,
        Appellant = [new PersonalData(requestCase.DataSubjectId, PersonalDataKind.Name, "猫実 花子")],
        Summary = "不開示決定の取消しを求める",
    };

    public static ConsultBoard Consult(EventStream<ReviewCase> review) => new()
    {
        StaffId = Commands.StaffId, StaffRole = Commands.StaffRole, Recording = Commands.Recording, OccurredAt = Clock.ActionAt,
        ReviewId = review.State.Id, ExpectedVersion = review.Version,
        ConsultationReference = " 浦議総第201号 ",
    };

    public static ApplyConsultationException Except(EventStream<ReviewCase> review, ConsultationException exception) => new()
    {
        StaffId = Commands.StaffId, StaffRole = Commands.StaffRole, Recording = Commands.Recording, OccurredAt = Clock.ActionAt,
        ReviewId = review.State.Id, ExpectedVersion = review.Version,
        Exception = exception,
    };

    public static NotifyConsultationParties NotifyParties(EventStream<ReviewCase> review, params ConsultationParty[] parties) => new()
    {
        StaffId = Commands.StaffId, StaffRole = Commands.StaffRole, Recording = Commands.Recording, OccurredAt = Clock.ActionAt,
        ReviewId = review.State.Id, ExpectedVersion = review.Version,
        Parties = parties.Length > 0 ? parties : [ConsultationParty.AppellantOrParticipant],
    };

    public static ReceiveBoardReport Report(EventStream<ReviewCase> review) => new()
    {
        StaffId = Commands.StaffId, StaffRole = Commands.StaffRole, Recording = Commands.Recording, OccurredAt = Clock.ActionAt,
        ReviewId = review.State.Id, ExpectedVersion = review.Version,
        Conclusion = "不開示決定は妥当である",
    };

    public static RuleOnReview Rule(EventStream<ReviewCase> review, ReviewOutcome outcome = ReviewOutcome.Rejected) => new()
    {
        StaffId = Commands.StaffId, StaffRole = Commands.StaffRole, Recording = Commands.Recording, OccurredAt = Clock.ActionAt,
        ReviewId = review.State.Id, ExpectedVersion = review.Version,
        Outcome = outcome,
        Reasons = "答申のとおり",
    };

    /// <summary>A review of the case's decision (or, for an undecided case, of its inaction), just requested.</summary>
    public static EventStream<ReviewCase> Requested(RequestCase requestCase, bool byThirdParty = false)
    {
        var target = requestCase.Outcome is null ? ReviewTarget.Inaction : ReviewTarget.Decision;
        return new EventStream<ReviewCase>(ReviewCase.Evolve)
            .Append((Request(requestCase, target) with { ByThirdParty = byThirdParty }).Decide(Guid.NewGuid(), requestCase, Clock.Now));
    }

    public static EventStream<ReviewCase> Consulted(RequestCase requestCase, bool byThirdParty = false)
    {
        var review = Requested(requestCase, byThirdParty);
        return review.Then(Consult(review), requestCase);
    }

    public static EventStream<ReviewCase> Reported(RequestCase requestCase, bool byThirdParty = false)
    {
        var review = Consulted(requestCase, byThirdParty);
        return review.Then(Report(review), requestCase);
    }

    /// <summary>Decides a step on the review as it stands, against the request case it reviews; appends nothing.</summary>
    public static IReadOnlyList<ILedgerEvent> Decide(this EventStream<ReviewCase> review, ReviewCommand command, RequestCase requestCase) =>
        command.Decide(review.State, requestCase, Clock.Now);

    /// <summary>Decides the step and appends the events it returns.</summary>
    public static EventStream<ReviewCase> Then(this EventStream<ReviewCase> review, ReviewCommand command, RequestCase requestCase) =>
        review.Append(review.Decide(command, requestCase));
}
