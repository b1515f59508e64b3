namespace AuditLedger.Domain.Requests;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;

/// <summary>What a case command is decided with besides the case: the case's jurisdiction profile and, for Art. 37, the record.</summary>
public sealed record CaseInputs(JurisdictionProfile Profile)
{
    public RetainedRecord? Record { get; init; }
}

/// <summary>Base of the commands on an open request case.</summary>
public abstract record CaseCommand : StreamCommand
{
    public Guid CaseId { get; init; }

    public override Guid StreamId => CaseId;

    public IReadOnlyList<ILedgerEvent> Decide(RequestCase c, CaseInputs inputs, DateTimeOffset now)
    {
        var articles = CaseArticles.For(c.Kind);
        try
        {
            CaseChecks.RefuseWithdrawn(c, articles);
            var events = DecideOnCase(c, articles, inputs, now);
            foreach (var e in events) Chronology.NotBefore(e.Context, c.ReceivedAt, "receipt of the request");
            return events;
        }
        catch (LedgerRuleViolation v)
        {
            // The refusal cites the law of the case's own jurisdiction (LawInForce.RuleInForce, where it is rendered).
            throw v.In(inputs.Profile.Id);
        }
    }

    protected abstract IReadOnlyList<ILedgerEvent> DecideOnCase(RequestCase c, CaseArticles articles, CaseInputs inputs, DateTimeOffset now);

    protected EventContext Context(DateTimeOffset now, ArticleRef article, string statement) => ContextAt(now, LegalGround.Of(article, statement));
}
