namespace AuditLedger.Host.Ledger;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Configuration;
using Marten;

/// <summary>
/// Wolverine handlers for request cases (disclosure, correction, suspension) and review cases. Each loads what the
/// decision needs — the case's jurisdiction profile, a linked case, a record — and the domain decides.
/// </summary>
public static class CaseCommandHandler
{
    // ---- review requests (審査請求, Art. 44-46) ----

    public static async Task<AppendResult> Handle(RequestReview command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var requestCase = await RequestCaseOf(session, command.CaseId, ct);
        var id = LedgerAppender.NewStreamId(command.ReviewId, time);
        return LedgerAppender.Start<ReviewCase>(session, command, id, command.Decide(id, requestCase, time.GetUtcNow()));
    }

    public static Task<AppendResult> Handle(ConsultBoard command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        OnReview(command, session, time, ct);

    public static Task<AppendResult> Handle(ApplyConsultationException command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        OnReview(command, session, time, ct);

    public static Task<AppendResult> Handle(NotifyConsultationParties command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        OnReview(command, session, time, ct);

    public static Task<AppendResult> Handle(ReceiveBoardReport command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        OnReview(command, session, time, ct);

    /// <summary>The ruling is appended to the review and, in the same transaction, recorded on the request case it rules on.</summary>
    public static async Task<AppendResult> Handle(RuleOnReview command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        ReviewRuled? ruled = null;
        var (result, review) = await OnReview(command, session, time, ct, events => ruled = events.OfType<ReviewRuled>().Single());
        // Through FetchForWriting, so that the event is numbered (and the case's stored state versioned) like any other.
        var requestCase = await session.Events.FetchForWriting<RequestCase>(review.CaseId, ct);
        requestCase.AppendOne(new ReviewRulingApplied(review.CaseId, review.Id, ruled!.Outcome, ruled.DisclosureOverObjection, ruled.Context));
        return result;
    }

    private static async Task<AppendResult> OnReview(ReviewCommand command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        (await OnReview(command, session, time, ct, _ => { })).Result;

    private static async Task<(AppendResult Result, ReviewCase Review)> OnReview(
        ReviewCommand command, IDocumentSession session, TimeProvider time, CancellationToken ct, Action<IReadOnlyList<ILedgerEvent>> decided)
    {
        var now = time.GetUtcNow();
        // The review's request case is read first; when the review does not exist, Append refuses before deciding.
        var review = command.ReviewId == Guid.Empty ? null : await session.LoadAsync<ReviewCase>(command.ReviewId, ct);
        var requestCase = review is null ? null : await session.LoadAsync<RequestCase>(review.CaseId, ct);
        var result = await LedgerAppender.Append<ReviewCase>(session, command, r =>
        {
            var events = command.Decide(r, requestCase!, now);
            decided(events);
            return events;
        }, ct);
        return (result, review!);
    }

    private static async Task<RequestCase> RequestCaseOf(IDocumentSession session, Guid caseId, CancellationToken ct) =>
        await session.LoadAsync<RequestCase>(caseId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<RequestCase>(), caseId);
}
