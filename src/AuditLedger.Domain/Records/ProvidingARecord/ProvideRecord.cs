// 第12条、第13条、第15条第1項、特定個人情報は第12条第5項・番号利用法第19条 (Art. 12, Art. 12(5), Art. 13, Art. 15(1); My Number Act Art. 19): 保有個人情報の提供 / providing a record to a recipient, on a ground the law allows (see UseGrounds), with the safeguards requested of it.
namespace AuditLedger.Domain.Records;

using AuditLedger.Deadlines.Profiles;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Records a provision (提供) of a record to a recipient (Art. 12, 13, 15).</summary>
public sealed record ProvideRecord : RecordCommand
{
    public Recipient? Recipient { get; init; }
    public string Purpose { get; init; } = "";
    public UseGround? Ground { get; init; }
    public string GroundDetail { get; init; } = "";
    /// <summary>Art. 13: restrictions or safeguards requested from the recipient.</summary>
    public IReadOnlyList<string> SafeguardsRequested { get; init; } = [];
    public bool NoUnjustInfringementConfirmed { get; init; }

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Recipient is null) errors.Add(Fields.Required(nameof(Recipient), "提供先", "recipient"));
        else
        {
            Fields.RequireText(errors, Recipient.Name, $"{nameof(Recipient)}.{nameof(Recipient.Name)}", "提供先の名称", "recipient name", 300);
            Fields.RequireDefined(errors, Recipient.Kind, $"{nameof(Recipient)}.{nameof(Recipient.Kind)}", "提供先の種別", "recipient kind");
        }
        Fields.RequireText(errors, Purpose, nameof(Purpose), "提供の目的", "purpose of the provision");
    }

    /// <summary>Decides under the jurisdiction's own rules too (its profile's recordPolicies): 委託 needs the contractor's protective measures.</summary>
    public IReadOnlyList<ILedgerEvent> Decide(RetainedRecord record, DateTimeOffset now, RecordPolicies policies)
    {
        var events = Decide(record, now);
        RecordPolicyChecks.Entrustment(policies, Recipient!.Kind, SafeguardsRequested);
        return events;
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnHeldRecord(RetainedRecord record, DateTimeOffset now)
    {
        RecordChecks.UseNotSuspended(record);
        var rule = UseGrounds.Check(record.Categories, RecordAction.Provision, Ground, GroundDetail, NoUnjustInfringementConfirmed, Recipient!.Kind);
        var context = ContextAt(now, LegalGround.Of(rule.Article, string.IsNullOrWhiteSpace(GroundDetail) ? "利用目的のための提供 / provision for the purpose of use" : GroundDetail.Trim()));
        return [new RecordProvided(RecordId, Recipient with { Name = Recipient.Name.Trim() }, Purpose.Trim(), rule.Ground, GroundDetail.Trim(),
            [.. (SafeguardsRequested ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim())], NoUnjustInfringementConfirmed, context)];
    }
}
