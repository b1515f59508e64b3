namespace AuditLedger.Host.Ledger;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Reviews;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;
using AuditLedger.Domain.Records;
using AuditLedger.Host.Configuration;
using Marten;

/// <summary>
/// Wolverine handlers for request cases (disclosure, correction, suspension) and review cases. Each loads what the
/// decision needs — the case's jurisdiction profile, a linked case, a record — and the domain decides.
/// </summary>
public static class CaseCommandHandler
{
    public static async Task<AppendResult> Handle(ReceiveRequest command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct)
    {
        var profile = jurisdictions.Get(command.JurisdictionId);
        var disclosureCase = command.DisclosureCaseId is { } linked ? await session.LoadAsync<RequestCase>(linked, ct) : null;
        var id = LedgerAppender.NewStreamId(command.CaseId, time);
        return LedgerAppender.Start<RequestCase>(session, command, id, command.Decide(id, profile, disclosureCase, time.GetUtcNow()));
    }

    public static Task<AppendResult> Handle(VerifyRequesterIdentity command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(RequestFormCorrection command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(CompleteFormCorrection command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(ExtendDecisionPeriod command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(NotifySpecialDeadline command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(RecordChairVacancy command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(NotifyThirdParty command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(ReceiveThirdPartyOpinion command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(DecideRequest command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(RecordDecisionNoticeDelivery command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(NotifyObjectorOfDisclosure command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(RequestDisclosureMethod command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(ImplementDisclosure command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(ChargeCopyCost command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    public static Task<AppendResult> Handle(WithdrawRequest command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct) =>
        OnCase(command, session, jurisdictions, time, ct);

    /// <summary>Art. 37: the recipients come from the record's provision events, read in the same transaction.</summary>
    public static async Task<AppendResult> Handle(NotifyProvisionRecipients command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct)
    {
        var record = command.RecordId == Guid.Empty ? null : await session.LoadAsync<RetainedRecord>(command.RecordId, ct);
        return await OnCase(command, session, jurisdictions, time, ct, record);
    }

    private static async Task<AppendResult> OnCase(CaseCommand command, IDocumentSession session, LedgerJurisdictions jurisdictions, TimeProvider time, CancellationToken ct, RetainedRecord? record = null)
    {
        var now = time.GetUtcNow();
        return await LedgerAppender.Append<RequestCase>(session, command,
            c => command.Decide(c, new CaseInputs(jurisdictions.Catalog.Get(c.JurisdictionId)) { Record = record }, now), ct);
    }
}
