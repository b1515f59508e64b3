using AuditLedger.Domain.Records;
using AuditLedger.Domain.Requests;
using AuditLedger.Domain.Tests.Support;
using static AuditLedger.Domain.Tests.Requests.RequestCases;

namespace AuditLedger.Domain.Tests.Requests;

// Art. 37: after a correction, the clerk tells the recipients the record was provided to; they come from its provisions.
public sealed class NotifyingProvisionRecipientsTests
{
    private static (CaseStream Case, RetainedRecord Record) CorrectionOf(bool provided, CaseOutcome outcome)
    {
        var record = Given.AcquiredRecord();
        if (provided) record.Then(Commands.Provide(record));
        var request = Request(RequestKind.Correction, subject: record.State.DataSubjectId) with { RecordIds = [record.State.Id] };
        var c = Received(request).Then(IdentityCheck, ReceivedAt).Then(Decision(outcome), DecidedAt);
        return (c, record.State);
    }

    [Fact]
    public void the_clerk_tells_the_mayor_the_record_was_corrected()
    {
        var (c, record) = CorrectionOf(provided: true, CaseOutcome.Corrected);
        var notified = c.ShouldDecide<ProvisionRecipientsNotified>(new NotifyProvisionRecipients { RecordId = record.Id }, Day(2025, 6, 25), record);

        notified.RecordId.ShouldBe(record.Id);
        notified.Recipients.ShouldBe([Commands.Mayor]);
        notified.Context.Ground.Article.Japanese.ShouldBe("第37条");
        c.State.RecipientsNotifiedForRecords.ShouldBe([record.Id]);
    }

    [Fact]
    public void telling_recipients_after_a_refusal_to_correct_is_refused_citing_article_37()
    {
        var (c, record) = CorrectionOf(provided: true, CaseOutcome.CorrectionRefused);
        c.ShouldRefuse(new NotifyProvisionRecipients { RecordId = record.Id }, Day(2025, 6, 25), "case.recipient-notice-needs-correction", "第37条", record);
    }

    [Fact]
    public void telling_the_recipients_of_a_record_never_provided_is_refused_citing_article_37()
    {
        var (c, record) = CorrectionOf(provided: false, CaseOutcome.Corrected);
        c.ShouldRefuse(new NotifyProvisionRecipients { RecordId = record.Id }, Day(2025, 6, 25), "case.no-provision-recipients", "第37条", record);
    }
}
