// 第45条第2項 (Art. 45(2)): 諮問をした旨の通知 / telling the parties that the board was consulted.
namespace AuditLedger.Domain.Reviews;

using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Common;
using AuditLedger.Domain.Law;

/// <summary>諮問をした旨の通知 (Art. 45(2)).</summary>
public sealed record NotifyConsultationParties : ReviewCommand
{
    public IReadOnlyList<ConsultationParty> Parties { get; init; } = [];

    protected override void ValidateCommandFields(List<FieldError> errors)
    {
        if (Parties is not { Count: > 0 }) errors.Add(Fields.Required(nameof(Parties), "通知の相手方", "parties notified"));
        foreach (var p in Parties ?? []) Fields.RequireDefined(errors, p, nameof(Parties), "通知の相手方", "party");
    }

    protected override IReadOnlyList<ILedgerEvent> DecideOnReview(ReviewCase review, RequestCase requestCase, DateTimeOffset now)
    {
        RefuseWhenNotConsulted(review);
        return [new ConsultationPartiesNotified(review.Id, [.. Parties.Distinct()], Context(now, ArticleRef.Ordinance(45, 2), "諮問をした旨の通知 / parties told of the consultation"))];
    }
}
