namespace AuditLedger.Projections;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Files;
using AuditLedger.Domain.Incidents;
using AuditLedger.Domain.Records;
using AuditLedger.Projections.Activity;
using AuditLedger.Projections.Annual;
using AuditLedger.Projections.Deadlines;
using AuditLedger.Projections.Folding;
using AuditLedger.Projections.Incidents;
using AuditLedger.Projections.Provisions;
using AuditLedger.Projections.Register;
using AuditLedger.Projections.States;
using JasperFx.Events.Projections;
using Marten;

/// <summary>
/// Every per-stream document of the ledger as a fold of its stream's events: what Marten's projections run (live and
/// on rebuild) and what the auditors' replay runs over the events up to an instant. One instance serves both.
/// </summary>
public sealed class LedgerFolds(ProfileCatalog profiles)
{
    public StateFold<PersonalInformationFile> Files { get; } = new(FilesModule.Module, typeof(FileRegistered));
    public StateFold<RetainedRecord> Records { get; } = new(RecordsModule.Module, typeof(RecordAcquired));
    public StateFold<LeakIncident> Incidents { get; } = new(IncidentsModule.Module, typeof(LeakIncidentReported));
    public StateFold<RequestCase> RequestCases { get; } = new(RequestsModule.Module, typeof(RequestReceived));
    public StateFold<ReviewCase> ReviewCases { get; } = new(ReviewsModule.Module, typeof(ReviewRequested));
    /// <summary>The user directory: one stream per user (who added or disabled whom, when), kept for look-up.</summary>
    public StateFold<Domain.Access.DirectoryUser> Users { get; } = new(Domain.Access.AccessModule.Module, typeof(Domain.Access.UserAdded));
    /// <summary>Business-oversight cases (事業者に対する調査・是正勧告・公表).</summary>
    public StateFold<Domain.BusinessOversight.OversightCase> OversightCases { get; } = new(Domain.BusinessOversight.BusinessOversightModule.Module, typeof(Domain.BusinessOversight.OversightInvestigationOpened));
    /// <summary>The jurisdiction profiles the clocks are counted with.</summary>
    public ProfileCatalog Profiles { get; } = profiles;

    public CaseDeadlinesFold Deadlines { get; } = new(profiles);
    /// <summary>The deadline list's slim rows, folded from the same counted clocks as <see cref="Deadlines"/>.</summary>
    public CaseOpenClocksFold OpenClocks => field ??= new(Deadlines);
    public FileRegisterFold Register { get; } = new();
    public IncidentReportFold IncidentReports { get; } = new();
    public ProvisionRecipientsFold Recipients { get; } = new();

    /// <summary>The domain states: which of them a stream has says what kind of stream it is.</summary>
    public IReadOnlyList<IStreamFold> States => [Files, Records, Incidents, RequestCases, ReviewCases, Users, OversightCases];

    /// <summary>Every fold, states first: the documents a stream's replay can show.</summary>
    public IReadOnlyList<IStreamFold> All => [.. States, Deadlines, OpenClocks, Register, IncidentReports, Recipients];
}

/// <summary>Registers every projection of the ledger in one place.</summary>
public static class LedgerProjections
{
    /// <summary>
    /// Which projections are inline and which async, and why (README "Operations" repeats this for operators):
    /// <list type="bullet">
    /// <item>Inline (written in the same transaction as their events, so never behind them): the five states commands
    /// are decided from (file, record, incident, request case, review case) — a command must never decide on a stale
    /// view; the deadline view — staff expect a deadline the moment a request is received or extended; the file
    /// register — the published register must never show a file or item after its 17(2)/17(3) exemption is committed;
    /// the incident reports — staff act on "notifications still owed"; the provision recipients — an Art. 37 notice
    /// must reach a recipient provided to a moment before. All are one small document per stream, so the cost on the
    /// append path is one upsert per document the event touches.</item>
    /// <item>Async (the daemon, HotCold: one service instance runs it, another takes over when it stops): daily
    /// activity — it spans every stream and every event, nothing is decided from it, and a few seconds of lag on a
    /// dashboard count cost nothing, so it is kept off the append path.</item>
    /// </list>
    /// Every projection can be rebuilt from the events alone: <c>scripts/auditledger rebuild NAME|--all</c>.
    /// The per-stream ones are folds (<see cref="LedgerFolds"/>), which the auditors' replay also runs.
    /// </summary>
    /// <param name="folds">The folds of the per-stream documents (the deadline view's counts with the jurisdiction profiles).</param>
    public static StoreOptions AddLedgerProjections(this StoreOptions opts, LedgerFolds folds)
    {
        Inline(opts, folds.Files);
        Inline(opts, folds.Records);
        Inline(opts, folds.Incidents);
        Inline(opts, folds.RequestCases);
        Inline(opts, folds.ReviewCases);
        // The user directory: inline, so that a user disabled is refused from the next request on.
        Inline(opts, folds.Users);
        // Business-oversight cases: a state commands are decided from, so inline like the other states.
        Inline(opts, folds.OversightCases);
        Inline(opts, folds.Deadlines);
        // What a case still asks, as indexed columns of their own (the deadline list itself reads CaseOpenClocks below).
        opts.Schema.For<CaseDeadlines>().Duplicate(x => x.HasUnmetOfficeClock).Duplicate(x => x.LatestUnmetDueDay);
        // The deadline list's slim rows (one small document per case, its unmet clocks without their rules), inline with the
        // view they are counted with; the list filters on one indexed column (DeadlineQueries.OpenRowsSql).
        Inline(opts, folds.OpenClocks);
        opts.Schema.For<CaseOpenClocks>().Duplicate(x => x.OpenThroughDay);
        // The file register (Art. 17): inline, so the published view never lags behind an exemption or withholding.
        Inline(opts, folds.Register);
        // Leak-incident reports (Art. 11): inline, also for the command line, which runs without the daemon.
        Inline(opts, folds.IncidentReports);
        // Provision recipients (Art. 13, 37): inline, written only on acquisition, provision, stop and erasure.
        Inline(opts, folds.Recipients);

        opts.Projections.Add<DailyActivityProjection>(ProjectionLifecycle.Async);

        // The annual enforcement status (Art. 51): async. It spans every kind of stream, is published once a year and
        // decides nothing, so a few seconds of lag cost nothing, while inline it would add work (and, for a step of a
        // case received in an earlier year, a read of that case's events) to every append. One document per fiscal year,
        // rebuilt from the events alone; the daemon runs it in HotCold mode, so one of the service instances keeps it.
        // The command line, which runs without the daemon, catches it up before reading (AnnualStatusQuery).
        opts.Projections.Add(new AnnualStatusProjection(folds.Profiles), ProjectionLifecycle.Async);
        return opts;
    }

    private static void Inline<TDoc>(StoreOptions opts, StreamFold<TDoc> fold) where TDoc : class =>
        opts.Projections.Add(new FoldProjection<TDoc>(fold), ProjectionLifecycle.Inline);
}
