// 第18条から第43条まで (Art. 18-43): 事案の現在の状態でできる手続 / the steps the ordinance allows on a case as it stands.
namespace AuditLedger.Domain.Requests;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>
/// One step a case may take next: the command that records it, its name and the article it follows for the case's kind.
/// </summary>
public sealed record CaseStep(Type Command, string NameJa, string NameEn, ArticleRef Article);

/// <summary>
/// The steps the ordinance allows on a case in its present state, derived from the domain's own decisions, not from a list
/// kept beside them: each step's command is decided, as a probe, on the case with the most permissive input a clerk could
/// give (a dismissal for the decision, a justified reason for a late method request...), and the step is allowed when the
/// domain does not refuse it. The probe's events are thrown away. A field-dependent refusal (an extension of too many
/// days, a decision before the identity check) still comes from the command itself when the form is sent.
/// Not offered: Art. 37 notices (they need the record's provisions, loaded by the host).
/// </summary>
public static class CaseSteps
{
    private static readonly Actor Probe = new("probe", "");

    /// <summary>The steps the case may take on <paramref name="now"/>, in the order the ordinance lists them.</summary>
    public static IReadOnlyList<CaseStep> Allowed(RequestCase c, CaseInputs inputs, DateTimeOffset now)
    {
        var articles = CaseArticles.For(c.Kind);
        var allowed = new List<CaseStep>();
        foreach (var (probe, step) in Probes(c, articles, now))
        {
            try
            {
                (probe with { Recording = new Recording(Probe), OccurredAt = null }).Decide(c, inputs, now);
                allowed.Add(step);
            }
            catch (LedgerRuleViolation)
            {
                // The domain refuses this step now: it is not offered.
            }
        }
        return allowed;
    }

    /// <summary>The step recorded by the command named <paramref name="commandName"/> on a case of the kind, or null when it is not one.</summary>
    public static CaseStep? Named(RequestKind kind, string commandName) =>
        Probes(new RequestCase { Kind = kind }, CaseArticles.For(kind), DateTimeOffset.UnixEpoch).Select(p => p.Step).FirstOrDefault(s => s.Command.Name == commandName);

    private static IEnumerable<(CaseCommand Probe, CaseStep Step)> Probes(RequestCase c, CaseArticles articles, DateTimeOffset now)
    {
        var today = JapanDate.Of(now);
        var someone = Guid.NewGuid();
        var thirdParty = c.ThirdParties.FirstOrDefault()?.ThirdPartyId ?? someone;
        var objector = c.ThirdParties.FirstOrDefault(t => t.Objects)?.ThirdPartyId ?? someone;
        yield return (new VerifyRequesterIdentity { CaseId = c.Id, IdentityDocument = "probe", AgencyDocument = "probe" },
            Step<VerifyRequesterIdentity>("本人確認", "identity check", articles.IdentityCheck));
        yield return (new RequestFormCorrection { CaseId = c.Id, Deficiency = "probe" },
            Step<RequestFormCorrection>("補正の求め", "ask for a correction of form", articles.FormCorrection));
        yield return (new CompleteFormCorrection { CaseId = c.Id },
            Step<CompleteFormCorrection>("補正の完了", "correction of form completed", articles.FormCorrection));
        yield return (new ExtendDecisionPeriod { CaseId = c.Id, Days = 1, Reason = "probe" },
            Step<ExtendDecisionPeriod>("決定期限の延長", "extend the decision period", articles.Extension));
        yield return (new NotifySpecialDeadline { CaseId = c.Id, Reason = "probe", StatedDueDate = today.AddYears(5) },
            Step<NotifySpecialDeadline>("決定期限の特例の通知", "notify a special deadline", articles.SpecialDeadline));
        yield return (new RecordChairVacancy { CaseId = c.Id, FirstDay = today, LastDay = today },
            Step<RecordChairVacancy>("議長及び副議長がともに欠けている期間", "days without chair and vice-chair", articles.ChairVacancy));
        yield return (new NotifyThirdParty { CaseId = c.Id, ThirdPartyId = someone },
            Step<NotifyThirdParty>("第三者への意見書提出の機会の付与", "notify a third party", ArticleRef.Ordinance(27, 1)));
        yield return (new ReceiveThirdPartyOpinion { CaseId = c.Id, ThirdPartyId = thirdParty },
            Step<ReceiveThirdPartyOpinion>("第三者の意見書の受領", "receive a third party's opinion", ArticleRef.Ordinance(27, 3)));
        yield return (new DecideRequest { CaseId = c.Id, Outcome = CaseOutcome.Dismissed, Reasons = "probe", DecisionReference = "probe" },
            Step<DecideRequest>("決定", "decide", articles.Decision));
        yield return (new RecordDecisionNoticeDelivery { CaseId = c.Id },
            Step<RecordDecisionNoticeDelivery>("決定通知の到達", "decision notice delivered", articles.Decision));
        yield return (new NotifyObjectorOfDisclosure { CaseId = c.Id, ThirdPartyId = objector, DisclosureDate = today.AddYears(5) },
            Step<NotifyObjectorOfDisclosure>("反対意見書提出者への開示実施日の通知", "tell the objector the day of disclosure", ArticleRef.Ordinance(27, 3)));
        yield return (new RequestDisclosureMethod { CaseId = c.Id, Method = DisclosureMethod.Inspection, LateReason = "probe" },
            Step<RequestDisclosureMethod>("開示の実施の方法等の申出", "method of disclosure stated", ArticleRef.Ordinance(28, 3)));
        yield return (new ImplementDisclosure { CaseId = c.Id, Method = DisclosureMethod.Inspection },
            Step<ImplementDisclosure>("開示の実施", "disclosure carried out", ArticleRef.Ordinance(28, 1)));
        yield return (new ChargeCopyCost { CaseId = c.Id, MonochromePages = 1 },
            Step<ChargeCopyCost>("写しの交付に要する費用", "cost of copies", ArticleRef.Ordinance(30, 2)));
        yield return (new WithdrawRequest { CaseId = c.Id, Reason = "probe" },
            Step<WithdrawRequest>("請求の取下げ", "withdraw the request", articles.Request));
    }

    private static CaseStep Step<T>(string ja, string en, ArticleRef article) where T : CaseCommand => new(typeof(T), ja, en, article);
}
