// 第24条、第28条第4項 (Art. 24, 28(4)): 決定通知の到達 / recording the day the decision notice reached the requester.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>The decision notice reached the requester (the day the Art. 28(4) period counts from).</summary>
public sealed record RecordDecisionNoticeDelivery : CaseCommand
{
    public static readonly LedgerRule NotYetDecided = new(
        "case.not-yet-decided", Ordinance(24),
        "この請求はまだ決定されていません。決定の後に記録してください（第24条、第34条、第41条）。",
        "This request has not been decided yet. Record this after the decision (Art. 24, 34, 41).");

    protected override IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now)
    {
        if (c.Outcome is null) throw CaseRefusal.Of(NotYetDecided, articles.Decision);
        return [new DecisionNoticeDelivered(c.Id, Context(now, articles.Decision, "決定通知の到達 / decision notice delivered"))];
    }
}
