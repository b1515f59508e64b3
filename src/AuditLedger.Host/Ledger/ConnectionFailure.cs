namespace AuditLedger.Host.Ledger;

using Npgsql;

/// <summary>
/// Whether a failure means the database could not be reached or the connection died, so that the same command may be tried
/// again once the server answers — safe only for a command that carries an idempotency key (see <see cref="LedgerCommands"/>),
/// because such a failure may come after the server committed.
/// </summary>
public static class ConnectionFailure
{
    public static bool Is(Exception e) => Find(e) is not null;

    public static string Reason(Exception e) => Find(e) is { } cause ? $"{cause.GetType().Name}: {cause.Message}" : e.Message;

    private static Exception? Find(Exception? e)
    {
        for (var depth = 0; e is not null && depth < 16; depth++)
        {
            switch (e)
            {
                // The server answered: only these codes say the connection or the server went away (or is not back yet).
                case PostgresException p:
                    return p.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
                        || p.SqlState is "57P01" or "57P02" or "57P03" // admin shutdown, crash shutdown, cannot connect now (starting up)
                        || p.SqlState is "53300" // too many connections
                        ? p : null;
                // No answer: refused, reset, timed out, broken stream.
                case NpgsqlException n:
                    return n;
                case System.Net.Sockets.SocketException or IOException or TimeoutException:
                    return e;
                case AggregateException { InnerExceptions.Count: 1 } a:
                    e = a.InnerExceptions[0];
                    continue;
            }
            e = e.InnerException;
        }
        return null;
    }
}
