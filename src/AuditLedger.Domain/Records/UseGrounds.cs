namespace AuditLedger.Domain.Records;

using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>The grounds on which a record may be used outside its purpose or provided (Art. 9, 12, 15, 番号利用法).</summary>
public enum UseGround
{
    /// <summary>Provision for the record's own purpose of use (Art. 12(1) a contrario; Art. 13 利用目的のために…提供する場合).</summary>
    WithinPurpose,
    /// <summary>Art. 12(1): 法令に基づく場合 (and Art. 15(1) for pseudonymised information).</summary>
    ProvidedByLaw,
    /// <summary>Art. 12(2)(1): 本人の同意があるとき、又は本人に提供するとき.</summary>
    ConsentOrToThePerson,
    /// <summary>Art. 12(2)(2): internal use within the council's duties, with good reason.</summary>
    InternalUseForDuties,
    /// <summary>Art. 12(2)(3): provision to a listed public body for its statutory duties, with good reason.</summary>
    ProvisionToPublicBody,
    /// <summary>Art. 12(2)(4): statistics or academic research, clearly in the person's interest, or another special reason.</summary>
    StatisticsResearchOrSpecialReason,
    /// <summary>Art. 12(2)(1) as read under Art. 12(5) for specific personal information: protection of life, body or property, with consent or where consent is impracticable.</summary>
    VitalInterestsWithConsentOrImpracticable,
    /// <summary>My Number Act Art. 19: the only grounds for providing specific personal information (Art. 12(5)).</summary>
    MyNumberActArticle19,
    /// <summary>Handing the information to a contractor handling it for the council (Art. 9(2); excluded from 'third party' by Art. 15(1)).</summary>
    ToContractor,
}

public enum RecordAction
{
    PurposeExternalUse,
    Provision,
}

/// <summary>
/// Which legal regime governs a record's use and provision: the general rule of Art. 12, the replaced table
/// of Art. 12(5) for specific personal information, or Art. 15(1) for pseudonymised information.
/// </summary>
public enum UseRegime
{
    General,
    SpecificPersonalInformation,
    Pseudonymised,
}

/// <summary>One ground as the law allows it for one regime and action.</summary>
public sealed record GroundRule(UseGround Ground, ArticleRef Article, bool ProvisoApplies, bool RequiresDetail, IReadOnlySet<RecipientKind>? AllowedRecipients = null);

/// <summary>
/// The table of allowed grounds, per regime and action: the law as data. A ground not listed for a
/// regime and action is refused with the rule given as <see cref="Refusal"/>.
/// </summary>
public sealed record GroundTableEntry(UseRegime Regime, RecordAction Action, IReadOnlyList<GroundRule> Grounds, LedgerRule Refusal);

public static class UseGrounds
{
    /// <summary>The bodies listed in Art. 12(2)(3).</summary>
    public static readonly IReadOnlySet<RecipientKind> PublicBodiesOf12_2_3 = new HashSet<RecipientKind>
    {
        RecipientKind.Mayor, RecipientKind.BoardOfEducation, RecipientKind.ElectionCommission, RecipientKind.AuditCommissioners,
        RecipientKind.FixedAssetReviewCommittee, RecipientKind.FireChief, RecipientKind.OtherLocalPublicBody,
        RecipientKind.LocalIncorporatedAdministrativeAgency, RecipientKind.NationalAdministrativeOrgan, RecipientKind.IncorporatedAdministrativeAgency,
    };

    private static readonly IReadOnlySet<RecipientKind> Contractors = new HashSet<RecipientKind> { RecipientKind.Contractor };

    // The refusals the table names: declared before it, which reads them when it is built.
    public static readonly LedgerRule GroundNotAvailableForAction = new(
        "use.ground-not-applicable", Ordinance(12, 2),
        "選択された根拠はこの行為（利用又は提供）には適用できません（第12条第2項）。",
        "The ground given does not apply to this kind of action (use or provision) (Art. 12(2)).");

    public static readonly LedgerRule SpecificPersonalInformationUse = new(
        "my-number.use-ground", Ordinance(12, 5),
        "特定個人情報の目的外利用は、人の生命、身体又は財産の保護のために必要であって、本人の同意があるか同意を得ることが困難な場合に限られます（第12条第5項により読み替えて適用する同条第2項第1号）。",
        "Specific personal information (My Number data) may be used outside its purpose only to protect life, body or property, with the person's consent or where consent is impracticable (Art. 12(2)(1) as read under Art. 12(5)).");

    public static readonly LedgerRule SpecificPersonalInformationProvision = new(
        "my-number.provision", new ArticleRef(19, Law: "番号利用法"),
        "特定個人情報は番号利用法第19条各号に該当する場合を除き提供できません（第12条第5項、番号利用法第19条）。",
        "Specific personal information (My Number data) may only be provided as Art. 19 of the My Number Act allows (Art. 12(5); My Number Act Art. 19).");

    public static readonly LedgerRule PseudonymisedProvision = new(
        "pseudonymised.provision", Ordinance(15, 1),
        "仮名加工情報は、法令に基づく場合及び取扱いの委託先を除き、第三者に提供できません（第15条第1項）。",
        "Pseudonymously processed information may not be provided to a third party except under law or to a contractor handling it (Art. 15(1)).");

    public static readonly IReadOnlyList<GroundTableEntry> Table =
    [
        // Art. 12(1)-(2): the general rule.
        new(UseRegime.General, RecordAction.PurposeExternalUse,
        [
            new(UseGround.ProvidedByLaw, Ordinance(12, 1), ProvisoApplies: false, RequiresDetail: true),
            new(UseGround.ConsentOrToThePerson, Ordinance(12, 2, 1), ProvisoApplies: true, RequiresDetail: true),
            new(UseGround.InternalUseForDuties, Ordinance(12, 2, 2), ProvisoApplies: true, RequiresDetail: true),
        ], GroundNotAvailableForAction),
        new(UseRegime.General, RecordAction.Provision,
        [
            new(UseGround.WithinPurpose, Ordinance(13), ProvisoApplies: false, RequiresDetail: false),
            new(UseGround.ProvidedByLaw, Ordinance(12, 1), ProvisoApplies: false, RequiresDetail: true),
            new(UseGround.ConsentOrToThePerson, Ordinance(12, 2, 1), ProvisoApplies: true, RequiresDetail: true),
            new(UseGround.ProvisionToPublicBody, Ordinance(12, 2, 3), ProvisoApplies: true, RequiresDetail: true, PublicBodiesOf12_2_3),
            new(UseGround.StatisticsResearchOrSpecialReason, Ordinance(12, 2, 4), ProvisoApplies: true, RequiresDetail: true),
            new(UseGround.ToContractor, Ordinance(9, 2), ProvisoApplies: false, RequiresDetail: true, Contractors),
        ], GroundNotAvailableForAction),

        // Art. 12(5): for specific personal information, 12(2)(2)-(4) do not apply, 12(1) loses "except under law",
        // 12(2)(1) is replaced, and provision is governed by the My Number Act Art. 19 alone.
        new(UseRegime.SpecificPersonalInformation, RecordAction.PurposeExternalUse,
        [
            new(UseGround.VitalInterestsWithConsentOrImpracticable, Ordinance(12, 5), ProvisoApplies: true, RequiresDetail: true),
        ], SpecificPersonalInformationUse),
        new(UseRegime.SpecificPersonalInformation, RecordAction.Provision,
        [
            new(UseGround.MyNumberActArticle19, new ArticleRef(19, Law: "番号利用法"), ProvisoApplies: false, RequiresDetail: true),
        ], SpecificPersonalInformationProvision),

        // Art. 15(1): pseudonymised information goes to no third party except under law; a contractor is not a third party.
        // Its use is governed by the general rule.
        new(UseRegime.Pseudonymised, RecordAction.PurposeExternalUse,
        [
            new(UseGround.ProvidedByLaw, Ordinance(12, 1), ProvisoApplies: false, RequiresDetail: true),
            new(UseGround.ConsentOrToThePerson, Ordinance(12, 2, 1), ProvisoApplies: true, RequiresDetail: true),
            new(UseGround.InternalUseForDuties, Ordinance(12, 2, 2), ProvisoApplies: true, RequiresDetail: true),
        ], GroundNotAvailableForAction),
        new(UseRegime.Pseudonymised, RecordAction.Provision,
        [
            new(UseGround.ProvidedByLaw, Ordinance(15, 1), ProvisoApplies: false, RequiresDetail: true),
            new(UseGround.ToContractor, Ordinance(15, 1), ProvisoApplies: false, RequiresDetail: true, Contractors),
        ], PseudonymisedProvision),
    ];

    public static UseRegime RegimeOf(InformationCategories categories) =>
        categories.SpecificPersonalInformation ? UseRegime.SpecificPersonalInformation
        : categories.Form == ProcessingForm.Pseudonymised ? UseRegime.Pseudonymised
        : UseRegime.General;

    public static readonly LedgerRule UseOrProvisionWithoutGround = new(
        "use.no-ground", Ordinance(12, 2),
        "利用目的以外の目的のための利用・提供には、法令の根拠（第12条第1項）又は第12条第2項各号のいずれかの根拠が必要です。",
        "Use or provision outside the purpose needs a ground: a law (Art. 12(1)) or one of Art. 12(2)(1)-(4).");

    public static readonly LedgerRule GroundDetailRequired = new(
        "use.ground-detail-missing", Ordinance(12, 1),
        "根拠の具体的な内容（根拠法令の条項、同意の取得方法、特別の理由など）を記載してください（第12条）。",
        "State the ground in concrete terms: the statute and article, how consent was obtained, or the special reason (Art. 12).");

    public static readonly LedgerRule UnjustInfringementNotExcluded = new(
        "use.unjust-infringement-not-excluded", ProvisoOf(12, 2),
        "本人又は第三者の権利利益を不当に侵害するおそれがないことの確認が必要です（第12条第2項ただし書）。",
        "Staff must confirm that the use or provision does not unjustly infringe the rights of the person or a third party (Art. 12(2) proviso).");

    public static readonly LedgerRule RecipientNotAPublicBody = new(
        "provision.recipient-not-listed-body", Ordinance(12, 2, 3),
        "第12条第2項第3号による提供は、同号に掲げる機関（市長、教育委員会、他の地方公共団体の機関、行政機関等）に対するものに限られます。",
        "Provision under Art. 12(2)(3) is only to the bodies that item lists (the mayor, boards and commissions, other local public bodies, national administrative organs, incorporated administrative agencies).");

    public static readonly LedgerRule ContractorGroundNeedsContractor = new(
        "provision.not-a-contractor", Ordinance(9, 2),
        "委託を根拠とする提供は、取扱いの委託を受けた者（委託先）に対するものに限られます（第9条第2項、第15条第1項）。",
        "Provision as a contracted-out handling is only to the contractor handling the information (Art. 9(2), Art. 15(1)).");

    /// <summary>
    /// Checks a use or provision against the table and returns the ground rule that allows it, or throws the refusal.
    /// </summary>
    public static GroundRule Check(InformationCategories categories, RecordAction action, UseGround? ground, string? groundDetail,
        bool noUnjustInfringementConfirmed, RecipientKind? recipient)
    {
        var entry = Table.Single(e => e.Regime == RegimeOf(categories) && e.Action == action);
        if (ground is null)
            // Where the general rule of Art. 12 governs, a missing ground is its own refusal; the special regimes name theirs.
            throw new LedgerRuleViolation(entry.Refusal == GroundNotAvailableForAction ? UseOrProvisionWithoutGround : entry.Refusal,
                "No ground was given.");
        var rule = entry.Grounds.FirstOrDefault(g => g.Ground == ground)
            ?? throw new LedgerRuleViolation(entry.Refusal, $"The ground {ground} is not available here.");
        if (rule.RequiresDetail && string.IsNullOrWhiteSpace(groundDetail))
            throw new LedgerRuleViolation(GroundDetailRequired);
        if (rule.ProvisoApplies && !noUnjustInfringementConfirmed)
            throw new LedgerRuleViolation(UnjustInfringementNotExcluded);
        if (rule.AllowedRecipients is { } allowed && recipient is { } kind && !allowed.Contains(kind))
            throw new LedgerRuleViolation(rule.Ground == UseGround.ToContractor ? ContractorGroundNeedsContractor : RecipientNotAPublicBody,
                $"The recipient is of kind {kind}.");
        return rule;
    }

    /// <summary>Every rule a use outside the purpose or a provision is refused by under this table (Art. 9(2), 12, 15(1); 番号利用法第19条).</summary>
    public static readonly IReadOnlyList<LedgerRule> Rules =
    [
        UseOrProvisionWithoutGround, GroundNotAvailableForAction, UnjustInfringementNotExcluded, RecipientNotAPublicBody,
        ContractorGroundNeedsContractor, GroundDetailRequired, SpecificPersonalInformationUse, SpecificPersonalInformationProvision,
        PseudonymisedProvision,
    ];
}
