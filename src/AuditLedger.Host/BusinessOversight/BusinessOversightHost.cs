namespace AuditLedger.Host.BusinessOversight;

using AuditLedger.Domain.BusinessOversight;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Host.Configuration;
using AuditLedger.Host.Http;
using AuditLedger.Host.Ledger;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine;
using Wolverine.Http;

/// <summary>One step of a business-oversight case's timeline: when, who, on what ground, what (no personal data: the texts are not shown).</summary>
public sealed record OversightTimelineStep(int Number, long Version, string EventType, string EventJa, DateTimeOffset OccurredAt, DateOnly Day,
    DateTimeOffset RecordedAt, string StaffId, string StaffRole, string ArticleJa, string ArticleEn, string Ground, int? Round, bool? Outcome);

/// <summary>A business-oversight case's timeline, with the steps allowed now (what the case page offers forms for).</summary>
public sealed record OversightTimeline(Guid CaseId, string BusinessName, string JurisdictionId, OversightStatus Status,
    IReadOnlyList<OversightTimelineStep> Steps, IReadOnlyList<OversightStep> AllowedSteps);

/// <summary>
/// The business-oversight module (事業者に対する調査・是正勧告・公表, 流山市 概要「事業者への啓発等」) in the host: each command's handler,
/// HTTP endpoint and command-line name, in the same order, then the case, its timeline and the list.
/// </summary>
[Wolverine.Attributes.WolverineHandler]
public static class BusinessOversightHost
{
    public static readonly HostModule Module = new(BusinessOversightModule.Module,
    [
        new("open-oversight-investigation", typeof(OpenOversightInvestigation), "POST /api/business-oversight",
            "事業者に対する調査の開始 (no article numbers; Nagareyama overview 事業者への啓発等) / open an investigation of a business"),
        new("record-oversight-findings", typeof(RecordOversightFindings), "POST /api/business-oversight/{caseId}/findings",
            "調査の結果 (no article numbers; Nagareyama overview 事業者への啓発等) / record the investigation's findings"),
        new("consult-oversight-board", typeof(ConsultOversightBoard), "POST /api/business-oversight/{caseId}/board-consultations",
            "審査会への意見聴取 (no article numbers; Nagareyama overview 事業者への啓発等) / consult the review board"),
        new("receive-oversight-board-opinion", typeof(ReceiveOversightBoardOpinion), "POST /api/business-oversight/{caseId}/board-opinions",
            "審査会の意見 (no article numbers; Nagareyama overview 事業者への啓発等) / receive the board's opinion"),
        new("recommend-correction", typeof(RecommendCorrection), "POST /api/business-oversight/{caseId}/recommendation",
            "是正の勧告 (no article numbers; Nagareyama overview 事業者への啓発等) / recommend correction"),
        new("record-business-response", typeof(RecordBusinessResponse), "POST /api/business-oversight/{caseId}/response",
            "事業者の対応 (no article numbers; Nagareyama overview 事業者への啓発等) / record the business's response"),
        new("hold-business-hearing", typeof(HoldBusinessHearing), "POST /api/business-oversight/{caseId}/hearing",
            "意見の聴取 (no article numbers; Nagareyama overview 事業者への啓発等) / hear the business"),
        new("publish-oversight-facts", typeof(PublishOversightFacts), "POST /api/business-oversight/{caseId}/publication",
            "公表 (no article numbers; Nagareyama overview 事業者への啓発等) / publish the facts"),
        new("close-oversight-case", typeof(CloseOversightCase), "POST /api/business-oversight/{caseId}/closure",
            "事案の終結 (no article numbers; Nagareyama overview 事業者への啓発等) / close the case"),
    ]);

    // ---- open an investigation (調査): the law in force is the tenant's ----

    public static AppendResult Handle(OpenOversightInvestigation command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time)
    {
        var profile = jurisdictions.ForTenant(session.TenantId);
        var id = LedgerAppender.NewStreamId(command.CaseId, time);
        return LedgerAppender.Start<OversightCase>(session, command, id, command.Decide(id, profile, time.GetUtcNow()));
    }

    [WolverinePost("/api/business-oversight"), Tags("Business oversight")]
    public static async Task<Created<AppendResult>> PostOpenOversightInvestigation(OpenOversightInvestigation command, LedgerCommands commands)
    {
        var result = await commands.Append(RequestBody.Required(command));
        return TypedResults.Created($"/api/business-oversight/{result.StreamId}", result);
    }

    // ---- the steps on a case ----

    public static Task<AppendResult> Handle(RecordOversightFindings command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/business-oversight/{caseId}/findings"), Tags("Business oversight")]
    public static Task<AppendResult> PostRecordOversightFindings(Guid caseId, RecordOversightFindings command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    public static Task<AppendResult> Handle(ConsultOversightBoard command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/business-oversight/{caseId}/board-consultations"), Tags("Business oversight")]
    public static Task<AppendResult> PostConsultOversightBoard(Guid caseId, ConsultOversightBoard command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    public static Task<AppendResult> Handle(ReceiveOversightBoardOpinion command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/business-oversight/{caseId}/board-opinions"), Tags("Business oversight")]
    public static Task<AppendResult> PostReceiveOversightBoardOpinion(Guid caseId, ReceiveOversightBoardOpinion command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    public static Task<AppendResult> Handle(RecommendCorrection command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/business-oversight/{caseId}/recommendation"), Tags("Business oversight")]
    public static Task<AppendResult> PostRecommendCorrection(Guid caseId, RecommendCorrection command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    public static Task<AppendResult> Handle(RecordBusinessResponse command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/business-oversight/{caseId}/response"), Tags("Business oversight")]
    public static Task<AppendResult> PostRecordBusinessResponse(Guid caseId, RecordBusinessResponse command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    public static Task<AppendResult> Handle(HoldBusinessHearing command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/business-oversight/{caseId}/hearing"), Tags("Business oversight")]
    public static Task<AppendResult> PostHoldBusinessHearing(Guid caseId, HoldBusinessHearing command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    public static Task<AppendResult> Handle(PublishOversightFacts command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/business-oversight/{caseId}/publication"), Tags("Business oversight")]
    public static Task<AppendResult> PostPublishOversightFacts(Guid caseId, PublishOversightFacts command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    public static Task<AppendResult> Handle(CloseOversightCase command, IDocumentSession session, TimeProvider time, CancellationToken ct) =>
        LedgerAppender.Append(session, command, time.GetUtcNow(), ct);

    [WolverinePost("/api/business-oversight/{caseId}/closure"), Tags("Business oversight")]
    public static Task<AppendResult> PostCloseOversightCase(Guid caseId, CloseOversightCase command, LedgerCommands commands) =>
        commands.Append(RequestBody.Required(command) with { CaseId = caseId });

    // ---- reads ----

    /// <summary>Every business-oversight case, newest first (no personal data: the business's name, status and stage).</summary>
    [WolverineGet("/api/business-oversight"), Tags("Business oversight")]
    public static async Task<IReadOnlyList<OversightCase>> ListCases(IQuerySession session, CancellationToken ct) =>
        await session.Query<OversightCase>().OrderByDescending(c => c.OpenedAt).ToListAsync(ct);

    [WolverineGet("/api/business-oversight/{caseId}"), Tags("Business oversight")]
    public static Task<OversightCase> GetCase(Guid caseId, IQuerySession session, CancellationToken ct) => FindCase(session, caseId, ct);

    /// <summary>The case's timeline: every step with its day, who, the overview's section and the ground; and the steps allowed now.</summary>
    [WolverineGet("/api/business-oversight/{caseId}/timeline"), Tags("Business oversight")]
    public static Task<OversightTimeline> GetTimeline(Guid caseId, IQuerySession session, CancellationToken ct) => Timeline(session, caseId, ct);

    public static async Task<OversightCase> FindCase(IQuerySession session, Guid caseId, CancellationToken ct) =>
        await session.LoadAsync<OversightCase>(caseId, ct) ?? throw new StreamNotFound(LedgerAppender.StreamKind<OversightCase>(), caseId);

    public static async Task<OversightTimeline> Timeline(IQuerySession session, Guid caseId, CancellationToken ct)
    {
        var oversight = await FindCase(session, caseId, ct);
        var events = await session.Events.FetchStreamAsync(caseId, token: ct);
        var labels = BusinessOversightModule.Module.Events.ToDictionary(e => e.Type, e => e.Japanese);
        var steps = events.Where(e => e.Data is ILedgerEvent).Select((e, i) =>
        {
            var data = (ILedgerEvent)e.Data;
            var c = data.Context;
            var (round, outcome) = data switch
            {
                OversightBoardConsulted x => ((int?)x.Round, (bool?)null),
                OversightBoardOpinionReceived x => (x.Round, null),
                OversightFindingsRecorded x => (null, x.SeriouslyImproper),
                BusinessResponseRecorded x => (null, x.Complied),
                _ => ((int?)null, (bool?)null),
            };
            return new OversightTimelineStep(i + 1, e.Version, data.GetType().Name, labels.GetValueOrDefault(data.GetType(), data.GetType().Name),
                c.OccurredAt, JapanDate.Of(c.OccurredAt), c.RecordedAt, c.Actor.StaffId, c.Actor.ShownTitle,
                c.Ground.Article.Japanese, c.Ground.Article.English, c.Ground.Statement, round, outcome);
        }).ToList();
        return new OversightTimeline(oversight.Id, oversight.BusinessName, oversight.JurisdictionId, oversight.Status, steps, OversightOrder.Allowed(oversight));
    }
}
