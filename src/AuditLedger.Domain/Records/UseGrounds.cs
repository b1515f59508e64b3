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

    public static readonly IReadOnlyList<GroundTableEntry> Table =
    [
        // Art. 12(1)-(2): the general rule.
        new(UseRegime.General, RecordAction.PurposeExternalUse,
        [
            new(UseGround.ProvidedByLaw, Ordinance(12, 1), ProvisoApplies: false, RequiresDetail: true),
            new(UseGround.ConsentOrToThePerson, Ordinance(12, 2, 1), ProvisoApplies: true, RequiresDetail: true),
            new(UseGround.InternalUseForDuties, Ordinance(12, 2, 2), ProvisoApplies: true, RequiresDetail: true),
        ], Rules.GroundNotAvailableForAction),
        new(UseRegime.General, RecordAction.Provision,
        [
            new(UseGround.WithinPurpose, Ordinance(13), ProvisoApplies: false, RequiresDetail: false),
            new(UseGround.ProvidedByLaw, Ordinance(12, 1), ProvisoApplies: false, RequiresDetail: true),
            new(UseGround.ConsentOrToThePerson, Ordinance(12, 2, 1), ProvisoApplies: true, RequiresDetail: true),
            new(UseGround.ProvisionToPublicBody, Ordinance(12, 2, 3), ProvisoApplies: true, RequiresDetail: true, PublicBodiesOf12_2_3),
            new(UseGround.StatisticsResearchOrSpecialReason, Ordinance(12, 2, 4), ProvisoApplies: true, RequiresDetail: true),
            new(UseGround.ToContractor, Ordinance(9, 2), ProvisoApplies: false, RequiresDetail: true, Contractors),
        ], Rules.GroundNotAvailableForAction),

        // Art. 12(5): for specific personal information, 12(2)(2)-(4) do not apply, 12(1) loses "except under law",
        // 12(2)(1) is replaced, and provision is governed by the My Number Act Art. 19 alone.
        new(UseRegime.SpecificPersonalInformation, RecordAction.PurposeExternalUse,
        [
            new(UseGround.VitalInterestsWithConsentOrImpracticable, Ordinance(12, 5), ProvisoApplies: true, RequiresDetail: true),
        ], Rules.SpecificPersonalInformationUse),
        new(UseRegime.SpecificPersonalInformation, RecordAction.Provision,
        [
            new(UseGround.MyNumberActArticle19, new ArticleRef(19, Law: "番号利用法"), ProvisoApplies: false, RequiresDetail: true),
        ], Rules.SpecificPersonalInformationProvision),

        // Art. 15(1): pseudonymised information goes to no third party except under law; a contractor is not a third party.
        // Its use is governed by the general rule.
        new(UseRegime.Pseudonymised, RecordAction.PurposeExternalUse,
        [
            new(UseGround.ProvidedByLaw, Ordinance(12, 1), ProvisoApplies: false, RequiresDetail: true),
            new(UseGround.ConsentOrToThePerson, Ordinance(12, 2, 1), ProvisoApplies: true, RequiresDetail: true),
            new(UseGround.InternalUseForDuties, Ordinance(12, 2, 2), ProvisoApplies: true, RequiresDetail: true),
        ], Rules.GroundNotAvailableForAction),
        new(UseRegime.Pseudonymised, RecordAction.Provision,
        [
            new(UseGround.ProvidedByLaw, Ordinance(15, 1), ProvisoApplies: false, RequiresDetail: true),
            new(UseGround.ToContractor, Ordinance(15, 1), ProvisoApplies: false, RequiresDetail: true, Contractors),
        ], Rules.PseudonymisedProvision),
    ];

    public static UseRegime RegimeOf(InformationCategories categories) =>
        categories.SpecificPersonalInformation ? UseRegime.SpecificPersonalInformation
        : categories.Form == ProcessingForm.Pseudonymised ? UseRegime.Pseudonymised
        : UseRegime.General;

    /// <summary>
    /// Checks a use or provision against the table and returns the ground rule that allows it, or throws the refusal.
    /// </summary>
    public static GroundRule Check(InformationCategories categories, RecordAction action, UseGround? ground, string? groundDetail,
        bool noUnjustInfringementConfirmed, RecipientKind? recipient)
    {
        var entry = Table.Single(e => e.Regime == RegimeOf(categories) && e.Action == action);
        if (ground is null)
            // Where the general rule of Art. 12 governs, a missing ground is its own refusal; the special regimes name theirs.
            throw new LedgerRuleViolation(entry.Refusal == Rules.GroundNotAvailableForAction ? Rules.UseOrProvisionWithoutGround : entry.Refusal,
                "No ground was given.");
        var rule = entry.Grounds.FirstOrDefault(g => g.Ground == ground)
            ?? throw new LedgerRuleViolation(entry.Refusal, $"The ground {ground} is not available here.");
        if (rule.RequiresDetail && string.IsNullOrWhiteSpace(groundDetail))
            throw new LedgerRuleViolation(Rules.GroundDetailRequired);
        if (rule.ProvisoApplies && !noUnjustInfringementConfirmed)
            throw new LedgerRuleViolation(Rules.UnjustInfringementNotExcluded);
        if (rule.AllowedRecipients is { } allowed && recipient is { } kind && !allowed.Contains(kind))
            throw new LedgerRuleViolation(rule.Ground == UseGround.ToContractor ? Rules.ContractorGroundNeedsContractor : Rules.RecipientNotAPublicBody,
                $"The recipient is of kind {kind}.");
        return rule;
    }
}
