namespace AuditLedger.Projections.Provisions;

using AuditLedger.Domain.Common;
using AuditLedger.Domain.Records;
using AuditLedger.Projections.Reporting;

public enum ProvisionStatus
{
    /// <summary>Provided and not stopped since: the recipient still receives the record.</summary>
    Active,
    /// <summary>The last event for this recipient is a stop of provision (Art. 38(1)(2), 40).</summary>
    Stopped,
}

/// <summary>One provision (提供) to the recipient: purpose, ground and article, and the restrictions or safeguards requested under Art. 13.</summary>
public sealed record ProvisionEntry(string Purpose, UseGround Ground, string Article, string GroundDetail, IReadOnlyList<string> RestrictionsRequested, Recorded By);

/// <summary>A stop of provision to the recipient, executing a decision.</summary>
public sealed record ProvisionStop(string DecisionReference, Recorded By);

/// <summary>Everything one recipient received of the record, and whether it still does.</summary>
public sealed class RecipientProvisions
{
    public Recipient Recipient { get; set; } = null!;
    public ProvisionStatus Status { get; set; }
    public List<ProvisionEntry> Provisions { get; set; } = [];
    public List<ProvisionStop> Stops { get; set; } = [];

    /// <summary>Every Art. 13 restriction or safeguard requested from this recipient, across its provisions, in first-requested order.</summary>
    public List<string> RestrictionsRequested { get; set; } = [];
}

/// <summary>
/// The recipients of one retained record (keyed by the record id), with the restrictions requested from each under
/// Art. 13, active or stopped, rebuilt from RecordProvided and RecordProvisionStopped alone.
/// <para>
/// Intended use: the notices of Art. 37 (a correction executed must be told to the recipients the record was provided
/// to) and the stop of provision of Art. 38(1)(2). <see cref="Active"/> is the list those notices go to; it follows the
/// same rule as <see cref="RetainedRecord.ActiveRecipients"/> (a recipient is active from its provision until a stop,
/// and again after a later provision), and a test checks they agree. Read it with
/// <c>session.LoadAsync&lt;ProvisionRecipients&gt;(recordId)</c>, over HTTP at <c>GET /api/records/{recordId}/recipients</c>,
/// or with <c>scripts/auditledger recipients RECORD-ID</c>. It exists for every acquired record (with no recipient until
/// a provision); it holds no personal data.
/// </para>
/// </summary>
public sealed class ProvisionRecipients
{
    /// <summary>The record id.</summary>
    public Guid Id { get; set; }
    public long Version { get; set; }
    public Guid FileId { get; set; }
    public DateTimeOffset AcquiredAt { get; set; }
    public DateTimeOffset? ErasedAt { get; set; }
    public List<RecipientProvisions> Recipients { get; set; } = [];

    /// <summary>The recipients that still receive the record: those Art. 37 notices go to.</summary>
    public IEnumerable<Recipient> Active => Recipients.Where(r => r.Status == ProvisionStatus.Active).Select(r => r.Recipient);

    /// <summary>The list after one more event of the record's stream; other events leave it unchanged.</summary>
    public static ProvisionRecipients? Next(ProvisionRecipients? state, object @event)
    {
        switch (@event)
        {
            case RecordAcquired e:
                return new ProvisionRecipients { Id = e.RecordId, FileId = e.FileId, AcquiredAt = e.Context.OccurredAt };
            case RecordProvided e:
                state!.On(e);
                break;
            case RecordProvisionStopped e:
                state!.On(e);
                break;
            case RecordErased e:
                state!.ErasedAt = e.Context.OccurredAt;
                break;
        }
        return state;
    }

    private void On(RecordProvided e)
    {
        var recipient = Find(e.Recipient);
        if (recipient is null)
        {
            recipient = new RecipientProvisions { Recipient = e.Recipient };
            Recipients.Add(recipient);
        }
        recipient.Status = ProvisionStatus.Active;
        recipient.Provisions.Add(new ProvisionEntry(e.Purpose, e.Ground, e.Context.Ground.Article.Japanese, e.GroundDetail, e.SafeguardsRequested, Recorded.From(e.Context)));
        recipient.RestrictionsRequested.AddRange(e.SafeguardsRequested.Except(recipient.RestrictionsRequested));
    }

    private void On(RecordProvisionStopped e)
    {
        var recipient = Find(e.Recipient) ?? throw new InvalidOperationException($"Record {Id}: a stop of provision to {e.Recipient} that was never provided.");
        recipient.Status = ProvisionStatus.Stopped;
        recipient.Stops.Add(new ProvisionStop(e.DecisionReference, Recorded.From(e.Context)));
    }

    /// <summary>Recipients are the same when name and kind are, as the domain compares them.</summary>
    private RecipientProvisions? Find(Recipient recipient) => Recipients.FirstOrDefault(r => r.Recipient == recipient);
}

/// <summary>Keeps <see cref="ProvisionRecipients"/> from the record events it reads.</summary>
public sealed class ProvisionRecipientsFold() : ReadModelFold<ProvisionRecipients>(
    ProvisionRecipients.Next,
    (recipients, version) => recipients.Version = version,
    typeof(RecordAcquired), typeof(RecordProvided), typeof(RecordProvisionStopped), typeof(RecordErased));
