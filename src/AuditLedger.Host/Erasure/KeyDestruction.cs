namespace AuditLedger.Host.Erasure;

using AuditLedger.Domain.Records;
using Marten;

/// <summary>
/// Crypto-shredding on the erasing transaction (第40条 消去, 第4条第2項 廃棄): the data keys an <see cref="ErasurePlan"/> names are
/// deleted in the same transaction as the events that record the erasure, and forgotten by this process; the name index's
/// rows of the same streams and person (<see cref="NameSearchIndex"/>) go with them, so an erased name is no longer found.
/// </summary>
public static class KeyDestruction
{
    /// <summary>
    /// Queues the deletion of the keys a plan destroys on the erasing transaction, and drops them from this process's memory
    /// now and again once the transaction committed (a concurrent reader, the daemon say, may have read a key meanwhile).
    /// </summary>
    public static void Queue(IDocumentSession session, SubjectKeyStore keys, Guid subject, ErasurePlan plan)
    {
        foreach (var record in plan.RecordIds)
        {
            session.QueueSqlCommand(SubjectKeyStore.DestroyStreamSql, record);
            session.QueueSqlCommand(NameSearchIndex.DeleteStreamSql, record);
        }
        // The person-wide key seals only values from before keys were per stream, which were never indexed.
        if (plan.Keys == KeysDestroyed.RecordStreamsAndPersonWideKey) session.QueueSqlCommand(SubjectKeyStore.DestroyPersonWideSql, subject);
        if (plan.Keys == KeysDestroyed.AllOfThePerson)
        {
            session.QueueSqlCommand(SubjectKeyStore.DestroySubjectSql, subject);
            session.QueueSqlCommand(NameSearchIndex.DeleteSubjectSql, subject);
        }
        var forget = new ForgetKeys(keys, plan.Keys == KeysDestroyed.RecordStreams ? null : subject, plan.RecordIds);
        forget.Now();
        session.Listeners.Add(forget);
    }

    private sealed class ForgetKeys(SubjectKeyStore keys, Guid? subject, IReadOnlyList<Guid> streams) : DocumentSessionListenerBase
    {
        public void Now()
        {
            foreach (var stream in streams) keys.ForgetStream(stream);
            if (subject is { } person) keys.Forget(person);
        }

        public override Task AfterCommitAsync(IDocumentSession session, Marten.Services.IChangeSet commit, CancellationToken token)
        {
            Now();
            return Task.CompletedTask;
        }
    }
}
