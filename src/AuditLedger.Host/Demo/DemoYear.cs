namespace AuditLedger.Host.Demo;

using Marten;
using Wolverine;

public static class DemoYear
{
    public static Task<string?> LoadWhenEmpty(IDocumentStore store, IMessageBus bus, TimeProvider time) => Task.FromResult<string?>(null);
}
