namespace AuditLedger.Tests.Support;

using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// A TCP relay between the service and PostgreSQL that can lose the answer to a commit: once armed, the next connection that
/// inserts an idempotency key and then sends COMMIT has its COMMIT delivered — the server commits — but the server's answer
/// is swallowed and the connection dropped, so the client cannot tell whether the commit happened. That is the case
/// Marten does not retry, made to happen on purpose. Otherwise it relays bytes unchanged (and a connection it cannot open
/// to the server, while the server is down, it closes at once, as a refused connection would look).
/// </summary>
public sealed class AnswerDroppingProxy : IAsyncDisposable
{
    /// <summary>
    /// The whole COMMIT message the client sends (a simple Query, 'Q', length 11, "COMMIT\0"), matched only as the last
    /// message of what the client flushed: a bare "COMMIT" text found anywhere (in an earlier read's leftover bytes, in the
    /// SQL of a batch) once armed the relay on the batch instead of the commit, so the batch's answer was lost, not the commit's.
    /// </summary>
    private static readonly byte[] Commit = [(byte)'Q', 0, 0, 0, 11, .. Encoding.ASCII.GetBytes("COMMIT\0")];
    private static readonly byte[] Rollback = [(byte)'Q', 0, 0, 0, 13, .. Encoding.ASCII.GetBytes("ROLLBACK\0")];
    private static readonly byte[] KeyInsert = Encoding.ASCII.GetBytes("insert into auditledger.idempotency_keys");

    /// <summary>
    /// ReadyForQuery with the transaction status idle ('Z', length 5, 'I'): the server has finished the COMMIT. The first bytes
    /// of an answer are not enough: when the COMMIT travels in one pipeline with the statements before it, the answers to
    /// those may be flushed before the COMMIT has run.
    /// </summary>
    private static readonly byte[] ReadyAndIdle = [(byte)'Z', 0, 0, 0, 5, (byte)'I'];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _target;
    private int _armed;
    private int _dropped;

    public AnswerDroppingProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _ = Accept();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many commit answers were swallowed.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Loses the answer to the next commit that records an idempotency key.</summary>
    public void DropNextCommitAnswer() => Interlocked.Exchange(ref _armed, 1);

    private async Task Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && _stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            _ = Relay(client);
        }
    }

    private async Task Relay(TcpClient client)
    {
        using var clientSide = client;
        using var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return;
        }
        var swallow = new StrongBox();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var up = Pump(client.GetStream(), server.GetStream(), upstream: true, swallow, done);
        var down = Pump(server.GetStream(), client.GetStream(), upstream: false, swallow, done);
        await Task.WhenAny(up, down);
        await done.CancelAsync();
    }

    private sealed class StrongBox
    {
        public volatile bool CarriesKey;
        public volatile bool Swallow;
        /// <summary>Completed when the server said it is idle after the swallowed commit (its answer dropped): it has committed.</summary>
        public readonly TaskCompletionSource AnswerSwallowed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private async Task Pump(NetworkStream from, NetworkStream to, bool upstream, StrongBox state, CancellationTokenSource done)
    {
        var buffer = new byte[64 * 1024];
        // The last bytes of the previous read, so that a marker split across two reads is still seen.
        var tail = Array.Empty<byte>();
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, done.Token);
                if (read == 0) return;
                if (upstream)
                {
                    var seen = tail.Concat(buffer.Take(read)).ToArray().AsSpan();
                    tail = seen[Math.Max(0, seen.Length - 64)..].ToArray();
                    if (seen.IndexOf(KeyInsert) >= 0) state.CarriesKey = true;
                    var sent = buffer.AsSpan(0, read);
                    var ends = sent.EndsWith(Commit) || sent.EndsWith(Rollback);
                    var commits = state.CarriesKey && sent.EndsWith(Commit);
                    if (ends) tail = [];
                    if (commits && Interlocked.Exchange(ref _armed, 0) == 1)
                    {
                        state.Swallow = true;
                        await to.WriteAsync(buffer.AsMemory(0, read), done.Token);
                        // Wait until the server says it is idle after the commit (so it has committed, however loaded the machine),
                        // drop its answer, and cut the line before anything of it reaches the client.
                        await state.AnswerSwallowed.Task.WaitAsync(TimeSpan.FromSeconds(30), done.Token);
                        Interlocked.Increment(ref _dropped);
                        return;
                    }
                    if (ends) state.CarriesKey = false;
                }
                else if (state.Swallow)
                {
                    var answer = tail.Concat(buffer.Take(read)).ToArray();
                    tail = answer[Math.Max(0, answer.Length - ReadyAndIdle.Length)..];
                    if (answer.AsSpan().IndexOf(ReadyAndIdle) >= 0) state.AnswerSwallowed.TrySetResult();
                    continue;
                }
                await to.WriteAsync(buffer.AsMemory(0, read), done.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A closed side ends the relay.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }
}
