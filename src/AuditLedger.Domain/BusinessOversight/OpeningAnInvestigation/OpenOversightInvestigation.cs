// 流山市 個人情報保護制度の概要「事業者への啓発等」(no article numbers): 調査 — investigating a business suspected of improper handling.
namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Opens an investigation (調査) of a business's handling of personal information, where the law in force provides it.</summary>
public sealed record OpenOversightInvestigation : LedgerCommand
{
    /// <summary>The profile in force gives no business oversight: its law provides none, so no case can be opened.</summary>
    public static readonly LedgerRule NotProvided = new(
        "oversight.not-provided", OversightOrder.Section,
        "この管轄の条例等には事業者に対する調査・是正勧告・公表の定めがありません。事業者調査事案は開始できません（流山市個人情報保護制度の概要「事業者への啓発等」に相当する定めなし）。",
        "The law in force in this jurisdiction provides no investigation, recommendation or publication regarding businesses; no business-oversight case can be opened (no provision like the Nagareyama overview's \"awareness-raising for businesses\").");

    public Guid? CaseId { get; init; }
    /// <summary>事業者の名称: a business's name, not personal data.</summary>
    public string BusinessName { get; init; } = "";
    /// <summary>事業者の担当者等: individuals' names and contact details, personal data (sealed).</summary>
    public IReadOnlyList<PersonalData> ContactPersons { get; init; } = [];
    /// <summary>不適正な取扱いの疑いの内容.</summary>
    [PersonalText]
    public string Suspicion { get; init; } = "";

    public override Guid StreamId => CaseId ?? Guid.Empty;

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireText(errors, BusinessName, nameof(BusinessName), "事業者の名称", "business name", 200);
        Fields.CheckPersonalData(errors, ContactPersons, nameof(ContactPersons));
        Fields.RequireText(errors, Suspicion, nameof(Suspicion), "不適正な取扱いの疑い", "suspected improper handling");
    }

    /// <param name="profile">The profile in force for the command's tenant.</param>
    public IReadOnlyList<ILedgerEvent> Decide(Guid caseId, JurisdictionProfile profile, DateTimeOffset now)
    {
        if (!profile.BusinessOversight.Provided)
            throw new LedgerRuleViolation(NotProvided, $"Jurisdiction {profile.Id} ({profile.Name.Ja}) has no business oversight in its profile.");
        var context = ContextAt(now, LegalGround.Of(OversightOrder.Section, "事業者に対する調査の開始 / investigation of a business opened"));
        var contacts = PersonalData.In(ContactPersons, caseId);
        return [new OversightInvestigationOpened(caseId, BusinessName.Trim(), contacts,
            PersonalText.About(caseId, contacts.Select(c => c.DataSubjectId), Suspicion)!, profile.Id, context)];
    }
}
