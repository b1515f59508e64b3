namespace AuditLedger.Host.Http;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Requests;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Ledger;
using AuditLedger.Host.Security;
using AuditLedger.Host.Reports;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Http;

/// <summary>
/// Request cases (開示・訂正・利用停止請求, Art. 18-43), review cases (審査請求, Art. 44-46) and the deadline view.
/// Every step goes through the same Wolverine handlers as the command line and the import.
/// </summary>
public static class CaseEndpoints
{
    // ---- review cases ----

    [WolverinePost("/api/reviews"), Tags("Reviews")]
    public static async Task<Created<AppendResult>> RequestReview(RequestReview command, LedgerCommands commands)
    {
        var result = await commands.Append(RequestBody.Required(command));
        return TypedResults.Created($"/api/reviews/{result.StreamId}", result);
    }

    [WolverinePost("/api/reviews/{reviewId}/consultation"), Tags("Reviews")]
    public static Task<AppendResult> Consult(Guid reviewId, ConsultBoard command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { ReviewId = reviewId });

    [WolverinePost("/api/reviews/{reviewId}/consultation-exception"), Tags("Reviews")]
    public static Task<AppendResult> ConsultationException(Guid reviewId, ApplyConsultationException command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { ReviewId = reviewId });

    [WolverinePost("/api/reviews/{reviewId}/consultation-notices"), Tags("Reviews")]
    public static Task<AppendResult> ConsultationNotices(Guid reviewId, NotifyConsultationParties command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { ReviewId = reviewId });

    [WolverinePost("/api/reviews/{reviewId}/board-report"), Tags("Reviews")]
    public static Task<AppendResult> BoardReport(Guid reviewId, ReceiveBoardReport command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { ReviewId = reviewId });

    [WolverinePost("/api/reviews/{reviewId}/ruling"), Tags("Reviews")]
    public static Task<AppendResult> Rule(Guid reviewId, RuleOnReview command, LedgerCommands commands) => commands.Append(RequestBody.Required(command) with { ReviewId = reviewId });

    [WolverineGet("/api/reviews/{reviewId}"), Tags("Reviews")]
    public static async Task<ReviewCase> GetReview(Guid reviewId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ReviewCase>(reviewId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<ReviewCase>(), reviewId);
}
