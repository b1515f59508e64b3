// 流山市 個人情報保護制度の概要「事業者への啓発等」(no article numbers): what every step on an open oversight case requires.
namespace AuditLedger.Domain.BusinessOversight;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>Base of the steps on an existing business-oversight case: the step's order (<see cref="OversightOrder"/>), then its event.</summary>
public abstract record OversightCommand : StreamCommand, IStreamDecision<OversightCase>
{
    public Guid CaseId { get; init; }

    public override Guid StreamId => CaseId;

    /// <summary>The step this command records, checked by <see cref="OversightOrder.Refusal"/>.</summary>
    public abstract OversightStep Step { get; }

    /// <summary>The text the step records (free text: it may name persons, so it is sealed for the case's contact persons).</summary>
    protected abstract string Text { get; }

    public IReadOnlyList<ILedgerEvent> Decide(OversightCase oversight, DateTimeOffset now)
    {
        OversightOrder.Require(Step, oversight);
        var context = ContextAt(now, LegalGround.Of(OversightOrder.Section, Ground(oversight)));
        Chronology.NotBefore(context, oversight.OpenedAt, "opening of the investigation");
        return [Event(oversight, PersonalText.About(oversight.Id, oversight.ContactPersonIds, Text)!, context)];
    }

    protected abstract string Ground(OversightCase oversight);

    protected abstract ILedgerEvent Event(OversightCase oversight, PersonalText text, EventContext context);
}
