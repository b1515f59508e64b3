// 流山市個人情報保護制度（概要。条番号なし）「実施機関が個人情報を取り扱う場合の主なルール」: 本人収集の原則、思想・信条・宗教・社会的差別の原因となる情報の収集制限、委託時の保護措置 / a jurisdiction's own rules on records, switched on by its profile (recordPolicies).
namespace AuditLedger.Domain.Records;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Law;

/// <summary>
/// The rules a jurisdiction's profile adds to records (<see cref="RecordPolicies"/>): each is in force only where the profile
/// states it, and a refusal cites the profile's own source (<c>with { Article = … }</c>). The articles declared here are the
/// catalog's defaults: the sections of Nagareyama's overview, the text that states these rules (it has no article numbers).
/// </summary>
public static class RecordPolicyChecks
{
    private const string Nagareyama = "流山市個人情報保護制度";
    private const string CollectionSection = "実施機関が個人情報を取り扱う場合の主なルール：個人情報の取扱状況が皆さんに分かるようにし、必要以上の収集や無断収集を防ぐために";
    private const string CollectionSectionEn = "Main rules when the bodies handle personal information: so that how personal information is handled is clear to you, and to prevent collection beyond what is needed or without permission";
    private const string SafetySection = "実施機関が個人情報を取り扱う場合の主なルール：個人情報の漏えいや紛失、誤った情報の利用などを防ぐために";
    private const string SafetySectionEn = "Main rules when the bodies handle personal information: to prevent leaks, loss and the use of wrong information";

    public static readonly LedgerRule CollectedFromOthersWithoutGround = new(
        "acquisition.not-from-the-person-without-ground", ArticleRef.SectionOf(Nagareyama, CollectionSection, CollectionSectionEn),
        "個人情報は原則として本人から収集します。本人以外から取得するときは、その例外の根拠（collectionExceptionGround）を記録してください。",
        "Personal information is collected from the person as a rule: when acquiring from someone else, record the exception ground (collectionExceptionGround).");

    public static readonly LedgerRule SensitiveCategoryWithoutGround = new(
        "acquisition.sensitive-category-without-ground", ArticleRef.SectionOf(Nagareyama, CollectionSection, CollectionSectionEn),
        "思想、信条、宗教および社会的差別の原因となる個人情報は原則として収集しません。収集するときは、その例外の根拠（sensitiveCategoryExceptionGround）を記録してください。",
        "Information on thought, creed or religion, or that may cause social discrimination, is not collected as a rule: to acquire it, record the exception ground (sensitiveCategoryExceptionGround).");

    /// <summary>The catalog's default citation of the 届出 rule: the section of Nagareyama's overview that states it.</summary>
    public static readonly ArticleRef NotificationArticle = ArticleRef.SectionOf(Nagareyama, CollectionSection, CollectionSectionEn);

    public static readonly LedgerRule AffairNotNotified = new(
        "acquisition.affair-not-notified", NotificationArticle,
        "個人情報を取り扱う事務は、あらかじめ市長に届け出ます。この個人情報ファイルの事務の届出（notify-file-to-mayor）を先に記録してください。",
        "A 事務 that handles personal information is notified to the mayor in advance: record the notification of this file's 事務 (notify-file-to-mayor) first.");

    public static readonly LedgerRule EntrustmentWithoutMeasures = new(
        "provision.entrustment-without-protective-measures", ArticleRef.SectionOf(Nagareyama, SafetySection, SafetySectionEn),
        "個人情報の取扱いを委託するときは、委託先に求める個人情報の保護に必要な措置（safeguardsRequested）を記録してください。",
        "When entrusting the handling of personal information to a contractor, record the protective measures required of it (safeguardsRequested).");

    /// <summary>Every rule a profile's recordPolicies can switch on.</summary>
    public static readonly IReadOnlyList<LedgerRule> Rules = [CollectedFromOthersWithoutGround, SensitiveCategoryWithoutGround, AffairNotNotified, EntrustmentWithoutMeasures];

    /// <summary>届出: records are acquired into a file only after its 事務 was notified to the mayor, where the profile says so.</summary>
    public static void NotifiedBeforeAcquisition(RecordPolicies policies, Files.PersonalInformationFile file, DateTimeOffset acquiredAt)
    {
        if (policies.NotificationBeforeAcquisition is not { } rule) return;
        if (file.NotifiedToMayorAt is not { } notified || notified > acquiredAt)
            throw new LedgerRuleViolation(AffairNotNotified with { Article = Citing(rule) },
                $"File {file.Id}: {(file.NotifiedToMayorAt is { } at ? $"notified only at {at:O}, after the acquisition" : "no notification recorded")}. {rule.Quote.Ja} / {rule.Quote.En}");
    }

    /// <summary>The profile's source as a citation: its article, or the heading of its section (a text without article numbers).</summary>
    public static ArticleRef Citing(PolicySource source) =>
        source.Section is { } section ? ArticleRef.SectionOf(source.Law, section, source.SectionEnglish) : new ArticleRef(source.Article!.Value, Law: source.Law);

    /// <summary>本人収集: acquiring from someone other than the person needs a recorded exception ground, where the profile says so.</summary>
    public static void CollectionFromThePerson(RecordPolicies policies, AcquisitionSource source, string? exceptionGround)
    {
        if (policies.CollectionFromThePerson is not { } rule) return;
        var fromThePerson = source is AcquisitionSource.FromThePersonInWriting or AcquisitionSource.FromThePersonOtherwise;
        if (!fromThePerson && string.IsNullOrWhiteSpace(exceptionGround))
            throw new LedgerRuleViolation(CollectedFromOthersWithoutGround with { Article = Citing(rule) }, $"Source: {source}. {rule.Quote.Ja} / {rule.Quote.En}");
    }

    /// <summary>
    /// The categories not collected as a rule: acquiring one needs a recorded exception ground. A category the profile does not
    /// name is malformed input; a profile without the rule accepts none.
    /// </summary>
    public static void SensitiveCategories(RecordPolicies policies, IReadOnlyList<string> categories, string? exceptionGround)
    {
        if (categories.Count == 0) return;
        var known = policies.SensitiveCategories.Select(c => c.Code).ToList();
        var unknown = categories.Where(c => !known.Contains(c)).ToList();
        if (policies.SensitiveCategoriesRule is null || unknown.Count > 0)
            throw new InvalidCommand([new FieldError("SensitiveCategories",
                $"この管轄の情報の区分にないコードです: {string.Join(", ", unknown.Count > 0 ? unknown : categories)}（既知: {string.Join(", ", known)}）",
                $"not a category of this jurisdiction: {string.Join(", ", unknown.Count > 0 ? unknown : categories)} (known: {string.Join(", ", known)})")]);
        if (string.IsNullOrWhiteSpace(exceptionGround))
            throw new LedgerRuleViolation(SensitiveCategoryWithoutGround with { Article = Citing(policies.SensitiveCategoriesRule) },
                $"Categories: {string.Join(", ", categories)}. {policies.SensitiveCategoriesRule.Quote.Ja} / {policies.SensitiveCategoriesRule.Quote.En}");
    }

    /// <summary>委託: a provision to a contractor needs the protective measures required of it recorded, where the profile says so.</summary>
    public static void Entrustment(RecordPolicies policies, RecipientKind recipient, IReadOnlyList<string>? measures)
    {
        if (policies.Entrustment is not { } rule || recipient != RecipientKind.Contractor) return;
        if (measures is null || measures.All(string.IsNullOrWhiteSpace))
            throw new LedgerRuleViolation(EntrustmentWithoutMeasures with { Article = Citing(rule) }, $"{rule.Quote.Ja} / {rule.Quote.En}");
    }
}
