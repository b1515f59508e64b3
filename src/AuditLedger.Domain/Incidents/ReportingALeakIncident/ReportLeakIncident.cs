// 第9条 (Art. 9): 保有個人情報の漏えい等の事態の把握 / reporting a leak, loss or damage of retained records.
namespace AuditLedger.Domain.Incidents;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Records the detection of a leak, loss or damage of retained records (Art. 9, 11).</summary>
public sealed record ReportLeakIncident : LedgerCommand
{
    /// <summary>Art. 9: an incident is about records the ledger holds; an unknown record cannot be named affected.</summary>
    public static readonly LedgerRule AffectedRecordUnknown = new(
        "incident.record-unknown", Ordinance(9),
        "漏えい等の対象として指定された保有個人情報が台帳にありません（第9条）。",
        "A record named as affected by the incident is not in the ledger (Art. 9).");

    public Guid? IncidentId { get; init; }
    public IncidentKind Kind { get; init; }
    /// <summary>概要: what happened, without personal data.</summary>
    [PersonalText]
    public string Summary { get; init; } = "";
    /// <summary>項目: the kinds of information involved (e.g. 氏名, 住所).</summary>
    public IReadOnlyList<string> InformationItems { get; init; } = [];
    /// <summary>原因.</summary>
    [PersonalText]
    public string Cause { get; init; } = "";
    public IReadOnlyList<Guid> AffectedRecordIds { get; init; } = [];

    public override Guid StreamId => IncidentId ?? Guid.Empty;

    protected override void ValidateFields(List<FieldError> errors)
    {
        Fields.RequireDefined(errors, Kind, nameof(Kind), "事案の種類", "kind of incident");
        Fields.RequireText(errors, Summary, nameof(Summary), "概要", "summary");
        if (AffectedRecordIds is not { Count: > 0 }) errors.Add(Fields.Required(nameof(AffectedRecordIds), "対象の保有個人情報", "affected records"));
        else if (AffectedRecordIds.Count > 100_000)
            errors.Add(new FieldError(nameof(AffectedRecordIds), "対象は100,000件以内で指定してください。", "At most 100,000 affected records per incident."));
    }

    /// <param name="records">The states of <see cref="AffectedRecordIds"/> that exist in the ledger.</param>
    public IReadOnlyList<ILedgerEvent> Decide(Guid incidentId, IReadOnlyCollection<RetainedRecord> records, DateTimeOffset now)
    {
        var known = records.Select(r => r.Id).ToHashSet();
        var unknown = AffectedRecordIds.Where(id => !known.Contains(id)).ToList();
        if (unknown.Count > 0) throw new LedgerRuleViolation(AffectedRecordUnknown, $"Unknown: {string.Join(", ", unknown.Take(5))}.");
        var context = ContextAt(now, LegalGround.Of(Ordinance(9), "保有個人情報の漏えい等の事態の把握 / incident detected"));
        var persons = records.Select(r => r.DataSubjectId).Distinct().ToList();
        return [new LeakIncidentReported(incidentId, Kind, PersonalText.About(incidentId, persons, Summary)!, [.. (InformationItems ?? []).Select(i => i.Trim()).Where(i => i.Length > 0)],
            PersonalText.About(incidentId, persons, Cause ?? "")!, [.. AffectedRecordIds.Distinct()], [.. persons], context)];
    }
}
