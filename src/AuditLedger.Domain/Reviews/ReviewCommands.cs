namespace AuditLedger.Domain.Reviews;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>審査請求 (Art. 44): against the decision on a request case, or against the failure to decide.</summary>
public sealed record RequestReview : LedgerCommand
{
    public Guid? ReviewId { get; init; }
    public Guid CaseId { get; init; }
    public ReviewTarget Target { get; init; }
    /// <summary>Whether the appellant is a third party (e.g. against a disclosure of their information, Art. 46(1)).</summary>
    public bool ByThirdParty { get; init; }
    /// <summary>審査請求人の氏名及び住所, as personal data of the appellant.</summary>
    public IReadOnlyList<PersonalData> Appellant { get; init; } = [];
    /// <summary>審査請求の趣旨 without personal data.</summary>
    [PersonalText]
    public string Summary { get; init; } = "";

    public override Guid StreamId => ReviewId ?? Guid.Empty;

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireId(errors, CaseId, nameof(CaseId), "対象の請求事案ID", "id of the request case");
        Fields.RequireDefined(errors, Target, nameof(Target), "審査請求の対象", "review target");
        Fields.CheckPersonalData(errors, Appellant, nameof(Appellant));
        Fields.RequireText(errors, Summary, nameof(Summary), "審査請求の趣旨", "summary of the review request", 4000);
    }

    public IReadOnlyList<ILedgerEvent> Decide(Guid reviewId, RequestCase requestCase, DateTimeOffset now)
    {
        var context = ContextAt(now, LegalGround.Of(ArticleRef.Ordinance(44), "審査請求の受付 / review requested"));
        Chronology.NotBefore(context, requestCase.ReceivedAt, "receipt of the request");
        var decided = requestCase.Outcome is not null;
        if (Target == ReviewTarget.Decision && !decided)
            throw new LedgerRuleViolation(Rules.ReviewTargetMismatch, "The request has not been decided; a review can be against inaction only.");
        if (Target == ReviewTarget.Inaction && requestCase.Status != CaseStatus.Open)
            throw new LedgerRuleViolation(Rules.ReviewTargetMismatch, "The request is no longer pending; a review can be against its decision only.");
        return [new ReviewRequested(reviewId, requestCase.Id, requestCase.Kind, requestCase.JurisdictionId, Target, ByThirdParty,
            PersonalData.In(Appellant, reviewId), PersonalText.About(reviewId, (Appellant ?? []).Select(a => a.DataSubjectId).Concat(requestCase.PersonIds), Summary)!, context)];
    }
}

/// <summary>Base of the commands on a review that has not been ruled on.</summary>
public abstract record ReviewCommand : StreamCommand
{
    public Guid ReviewId { get; init; }

    public override Guid StreamId => ReviewId;

    /// <param name="requestCase">The request case reviewed: some steps depend on its kind and its third parties.</param>
    public IReadOnlyList<ILedgerEvent> Decide(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        if (review.Outcome is not null) throw new LedgerRuleViolation(Rules.ReviewAlreadyRuled);
        var events = DecideOnReview(review, requestCase, now);
        foreach (var e in events) Chronology.NotBefore(e.Context, review.RequestedAt, "review request");
        return events;
    }

    protected abstract IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now);

    protected EventContext Context(DateTimeOffset now, ArticleRef article, string statement) => ContextAt(now, LegalGround.Of(article, statement));

    protected static void RefuseWhenConsultationDecided(ReviewCase review)
    {
        if (review.ConsultedOn is not null || review.Exception is not null) throw new LedgerRuleViolation(Rules.ConsultationAlreadyDecided);
    }
}

/// <summary>諮問 (Art. 45(1)).</summary>
public sealed record ConsultBoard : ReviewCommand
{
    public string ConsultationReference { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, ConsultationReference, nameof(ConsultationReference), "諮問の文書番号", "consultation reference", 200);

    protected override IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        RefuseWhenConsultationDecided(review);
        return [new BoardConsulted(review.Id, ConsultationReference.Trim(), Context(now, ArticleRef.Ordinance(45, 1), "審査会への諮問 / board consulted"))];
    }
}

/// <summary>Records which exception of Art. 45(1)(1)-(4) lets the chair rule without consulting the board.</summary>
public sealed record ApplyConsultationException : ReviewCommand
{
    public ConsultationException Exception { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireDefined(errors, Exception, nameof(Exception), "諮問を要しない場合の区分", "consultation exception");

    protected override IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        RefuseWhenConsultationDecided(review);
        var article = ArticleRef.Ordinance(45, 1, (int)Exception);
        var fits = Exception switch
        {
            ConsultationException.UnlawfulRequestDismissed => true,
            // (2) excludes the case in which a third party submitted an objection (反対意見書).
            ConsultationException.FullDisclosure => review.CaseKind == RequestKind.Disclosure && !requestCase.AnyObjection,
            ConsultationException.FullCorrection => review.CaseKind == RequestKind.Correction,
            ConsultationException.FullSuspension => review.CaseKind == RequestKind.Suspension,
            _ => false,
        };
        if (!fits) throw CaseRefusal.Of(Rules.ConsultationExceptionNotApplicable, article, $"The case is a {review.CaseKind} request{(requestCase.AnyObjection ? " with a third party's objection" : "")}.");
        return [new ConsultationExceptionApplied(review.Id, Exception, Context(now, article, "諮問を要しない場合 / ruling without consultation"))];
    }
}

/// <summary>諮問をした旨の通知 (Art. 45(2)).</summary>
public sealed record NotifyConsultationParties : ReviewCommand
{
    public IReadOnlyList<ConsultationParty> Parties { get; init; } = [];

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Parties is not { Count: > 0 }) errors.Add(Fields.Required(nameof(Parties), "通知の相手方", "parties notified"));
        foreach (var p in Parties ?? []) Fields.RequireDefined(errors, p, nameof(Parties), "通知の相手方", "party");
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        if (review.ConsultedOn is null) throw new LedgerRuleViolation(Rules.NotConsulted);
        return [new ConsultationPartiesNotified(review.Id, [.. Parties.Distinct()], Context(now, ArticleRef.Ordinance(45, 2), "諮問をした旨の通知 / parties told of the consultation"))];
    }
}

/// <summary>答申の受領.</summary>
public sealed record ReceiveBoardReport : ReviewCommand
{
    [PersonalText]
    public string Conclusion { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors) =>
        Fields.RequireText(errors, Conclusion, nameof(Conclusion), "答申の結論", "conclusion of the report", 4000);

    protected override IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        if (review.ConsultedOn is null) throw new LedgerRuleViolation(Rules.NotConsulted with { Article = ArticleRef.Ordinance(45, 1) });
        return [new BoardReportReceived(review.Id, PersonalText.About(review.Id, review.PersonIds, Conclusion)!, Context(now, ArticleRef.Ordinance(45, 1), "答申の受領 / board's report received"))];
    }
}

/// <summary>裁決. Where a disclosure follows over a third party's objection, Art. 46 applies the Art. 27(3) interval from the ruling.</summary>
public sealed record RuleOnReview : ReviewCommand
{
    public ReviewOutcome Outcome { get; init; }
    [PersonalText]
    public string Reasons { get; init; } = "";

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Outcome, nameof(Outcome), "裁決の内容", "ruling");
        Fields.RequireText(errors, Reasons, nameof(Reasons), "裁決の理由", "reasons", 4000);
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        if (review.Exception is { } exception)
        {
            var allowed = exception == ConsultationException.UnlawfulRequestDismissed ? ReviewOutcome.Dismissed : ReviewOutcome.UpheldInFull;
            if (Outcome != allowed)
                throw CaseRefusal.Of(Rules.RulingOutsideException, ArticleRef.Ordinance(45, 1, (int)exception), $"Under this exception the ruling is {allowed}.");
        }
        else if (review.ReportReceivedOn is null)
            throw new LedgerRuleViolation(Rules.RulingWithoutConsultation, review.ConsultedOn is null ? "The board has not been consulted." : "The board's report has not been received.");
        // Art. 46(1): a third party's review of a disclosure decision dismissed or rejected; 46(2): a ruling that orders a
        // disclosure the participating third party objected to. Either way the 2-week interval of Art. 27(3) runs from the ruling.
        var overObjection = requestCase.Kind == RequestKind.Disclosure && (
            (review.ByThirdParty && Outcome is ReviewOutcome.Dismissed or ReviewOutcome.Rejected && requestCase.Outcome?.Discloses() == true)
            || (!review.ByThirdParty && Outcome is ReviewOutcome.UpheldInFull or ReviewOutcome.UpheldInPart && requestCase.AnyObjection));
        return [new ReviewRuled(review.Id, Outcome, PersonalText.About(review.Id, review.PersonIds, Reasons)!, overObjection,
            Context(now, overObjection ? ArticleRef.Ordinance(46) : ArticleRef.Ordinance(45, 1), $"裁決 {Outcome} / ruling: {Outcome}"))];
    }
}
