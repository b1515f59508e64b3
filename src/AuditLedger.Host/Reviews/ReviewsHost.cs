namespace AuditLedger.Host.Reviews;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

/// <summary>
/// The reviews module (審査請求, 第44条～第46条) in the host: each command's handler, HTTP endpoint and command-line name, in
/// the same order. Each handler loads the review and the request case it reviews; the domain decides.
/// </summary>
[Wolverine.Attributes.WolverineHandler]
public static class ReviewsHost
{
    public static readonly HostModule Module = new(ReviewsModule.Module,
    [
        new("request-review", typeof(RequestReview), "POST /api/reviews",
            "審査請求 (Art. 44) / receive a review request"),
        new("consult-board", typeof(ConsultBoard), "POST /api/reviews/{reviewId}/consultation",
            "審査会への諮問 (Art. 45(1)) / consult the review board"),
        new("apply-consultation-exception", typeof(ApplyConsultationException), "POST /api/reviews/{reviewId}/consultation-exception",
            "諮問を要しない場合 (Art. 45(1)(1)-(4)) / rule without consultation"),
        new("notify-consultation-parties", typeof(NotifyConsultationParties), "POST /api/reviews/{reviewId}/consultation-notices",
            "諮問をした旨の通知 (Art. 45(2)) / notify the parties of the consultation"),
        new("receive-board-report", typeof(ReceiveBoardReport), "POST /api/reviews/{reviewId}/board-report",
            "答申の受領 (Art. 45(1)) / receive the board's report", "record-board-report", "RecordBoardReport"),
        new("rule-on-review", typeof(RuleOnReview), "POST /api/reviews/{reviewId}/ruling",
            "裁決 (Art. 45(1), 46) / rule on the review"),
    ]);

    // ---- request a review (第44条) ----

    public static async Task<AppendResult> Handle(RequestReview command, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        var requestCase = await RequestCaseOf(session, command.CaseId, ct);
        var id = LedgerAppender.NewStreamId(command.ReviewId, time);
        return LedgerAppender.Start<ReviewCase>(session, command, id, command.Decide(id, requestCase, time.GetUtcNow()));
    }

    [WolverinePost("/api/reviews"), Tags("Reviews")]
    public static async Task<Created<AppendResult>> PostRequestReview(RequestReview command, LedgerCommands commands)
    {
        var result = await commands.Append(RequestBody.Required(command));
        return TypedResults.Created($"/api/reviews/{result.StreamId}", result);
    }

    // ---- consult the board (第45条第1項) ----

    public static Task<AppendResult> Handle(ConsultBoard command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        OnReview(command, session, time, ct);

    [WolverinePost("/api/reviews/{reviewId}/consultation"), Tags("Reviews")]
    public static Task<AppendResult> PostConsultBoard(Guid reviewId, ConsultBoard command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { ReviewId = reviewId });

    // ---- apply an exception from consultation (第45条第1項各号) ----

    public static Task<AppendResult> Handle(ApplyConsultationException command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        OnReview(command, session, time, ct);

    [WolverinePost("/api/reviews/{reviewId}/consultation-exception"), Tags("Reviews")]
    public static Task<AppendResult> PostApplyConsultationException(Guid reviewId, ApplyConsultationException command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { ReviewId = reviewId });

    // ---- notify the parties of the consultation (第45条第2項) ----

    public static Task<AppendResult> Handle(NotifyConsultationParties command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        OnReview(command, session, time, ct);

    [WolverinePost("/api/reviews/{reviewId}/consultation-notices"), Tags("Reviews")]
    public static Task<AppendResult> PostNotifyConsultationParties(Guid reviewId, NotifyConsultationParties command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { ReviewId = reviewId });

    // ---- receive the board's report (第45条第1項) ----

    public static Task<AppendResult> Handle(ReceiveBoardReport command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        OnReview(command, session, time, ct);

    [WolverinePost("/api/reviews/{reviewId}/board-report"), Tags("Reviews")]
    public static Task<AppendResult> PostReceiveBoardReport(Guid reviewId, ReceiveBoardReport command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { ReviewId = reviewId });

    // ---- rule on the review (第45条第1項, 第46条) ----

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

    [WolverinePost("/api/reviews/{reviewId}/ruling"), Tags("Reviews")]
    public static Task<AppendResult> PostRuleOnReview(Guid reviewId, RuleOnReview command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { ReviewId = reviewId });

    // ---- the review as it stands ----

    [WolverineGet("/api/reviews/{reviewId}"), Tags("Reviews")]
    public static async Task<ReviewCase> GetReview(Guid reviewId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ReviewCase>(reviewId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<ReviewCase>(), reviewId);

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
