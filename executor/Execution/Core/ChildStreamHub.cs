using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// A Unix socket in the private runtime directory where each child connects its control,
/// stdout and stderr streams, each introduced by "TOKEN STREAM\n". Real sockets let the child
/// capture output at the descriptor level (dup2 onto 1 and 2), and no process in between has to
/// relay bytes. Tokens are 128-bit random, so a child cannot attach to another execution.
/// </summary>
public sealed class ChildStreamHub : IDisposable
{
    private const int TokenBytes = 16;
    /// <summary>"TOKEN STREAM\n": a hex token and one of ctl, out, err. A fixed length lets the header be
    /// read in one receive without reading into the output that follows it.</summary>
    private const int HeaderBytes = TokenBytes * 2 + 1 + 3 + 1;
    private static readonly TimeSpan HeaderTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly ConcurrentDictionary<string, ChildChannels> _pending = new();
    private readonly ILogger<ChildStreamHub> _logger;
    private readonly CancellationTokenSource _stopping = new();

    public string SocketPath { get; }

    public ChildStreamHub(SandboxRuntimeDirectory runtime, ILogger<ChildStreamHub> logger)
    {
        _logger = logger;
        SocketPath = runtime.PathOf("hub.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(256);
        _ = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Registers a fresh token; its channels complete as the child connects.</summary>
    public ChildChannels Expect()
    {
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(TokenBytes));
        var channels = new ChildChannels(token, () => _pending.TryRemove(token, out _));
        _pending[token] = channels;
        return channels;
    }

    /// <summary>
    /// Gives the connections of a child that connected ahead under its own token (a spare of the
    /// fork server) to the execution expecting <paramref name="token"/>, and forgets the first token.
    /// All three connections must be in.
    /// </summary>
    public bool HandOver(ChildChannels connected, string token)
    {
        if (!_pending.TryGetValue(token, out var target)) return false;
        connected.Unregister();
        return target.Attach("ctl", connected.Control.Result)
            & target.Attach("out", connected.Stdout.Result)
            & target.Attach("err", connected.Stderr.Result);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try { connection = await _listener.AcceptAsync(_stopping.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException ex)
            {
                _logger.LogWarning(ex, "Hub accept failed");
                continue;
            }
            _ = Task.Run(() => RouteAsync(connection));
        }
    }

    private async Task RouteAsync(Socket connection)
    {
        try
        {
            var header = await ReadHeaderAsync(connection);
            var parts = header?.Split(' ');
            if (parts is { Length: 2 } && _pending.TryGetValue(parts[0], out var channels) && channels.Attach(parts[1], connection))
                return;
            _logger.LogWarning("Hub refused a connection with an unknown token or stream");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            _logger.LogDebug(ex, "Hub connection dropped before its header");
        }
        connection.Dispose();
    }

    private static async Task<string?> ReadHeaderAsync(Socket connection)
    {
        using var timeout = new CancellationTokenSource(HeaderTimeout);
        var header = new byte[HeaderBytes];
        var filled = 0;
        while (filled < HeaderBytes)
        {
            var read = await connection.ReceiveAsync(header.AsMemory(filled), SocketFlags.None, timeout.Token);
            if (read == 0) return null;
            filled += read;
        }
        return header[^1] == (byte)'\n' ? Encoding.ASCII.GetString(header, 0, HeaderBytes - 1) : null;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Dispose();
        try { File.Delete(SocketPath); } catch (IOException) { }
    }
}
