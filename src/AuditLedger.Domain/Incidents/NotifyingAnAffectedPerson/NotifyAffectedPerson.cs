// 第11条 (Art. 11): 本人への通知 / notifying a person affected by a leak, loss or damage.
namespace AuditLedger.Domain.Incidents;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using static AuditLedger.Domain.Law.ArticleRef;

/// <summary>Records that an affected person was notified (Art. 11 main clause).</summary>
public sealed record NotifyAffectedPerson : IncidentCommand
{
    public Guid DataSubjectId { get; init; }
    /// <summary>How they were told (書面郵送, 電話, 面談...).</summary>
    public string Method { get; init; } = "";
    public IReadOnlyList<PersonalData> ContactUsed { get; init; } = [];

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        Fields.RequireId(errors, DataSubjectId, nameof(DataSubjectId), "本人ID", "data subject id");
        Fields.RequireText(errors, Method, nameof(Method), "通知の方法", "method of notification");
        Fields.CheckPersonalData(errors, ContactUsed, nameof(ContactUsed));
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnOpenIncident(LeakIncident incident, DateTimeOffset now)
    {
        RefuseWhenNotAffected(incident, [DataSubjectId]);
        var context = ContextAt(now, LegalGround.Of(Ordinance(11), "本人への通知 / notification of the person"));
        return [new AffectedPersonNotified(IncidentId, DataSubjectId, Method.Trim(), PersonalData.In(ContactUsed, IncidentId), context)];
    }
}
