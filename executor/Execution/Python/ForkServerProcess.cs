using System.Collections.Concurrent;
using System.Diagnostics;
using DeepInsight.Executor.Execution.Core;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Execution.Python;

/// <summary>
/// One running fork_server.py: writes fork requests (<see cref="SpareRequest"/>) to its stdin and
/// matches the replies it answers on stdout (<see cref="ForkServerReply"/>) to the executions waiting for them.
/// One child is always forked ahead (a spare): it connects to the hub under a token of its
/// own and waits for its spec, and an execution takes it over by having the hub hand its
/// connections to the execution's token, so nothing but the spec is left on the path.
/// Restarting is the launcher's business; an instance lives once.
/// </summary>
public sealed class ForkServerProcess : IDisposable
{
    private readonly Process _process;
    /// <summary>A spare that was forked but has not connected by then is given up on.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger;
    private readonly ChildStreamHub _hub;
    private readonly SemaphoreSlim _writing = new(1, 1);
    /// <summary>
    /// Two, because a client sending executions back to back is faster than a fork of the warm
    /// parent on a busy machine: with one, every other execution waited for its child's fork.
    /// </summary>
    private const int SpareCount = 2;
    /// <summary>
    /// How long a taken spare's replacement waits for the execution to end. Forking the warm
    /// parent and warming the new spare take a core for several milliseconds, which a short
    /// execution on two cores would otherwise share; a long one gets its replacement after this.
    /// </summary>
    private static readonly TimeSpan ReplenishDelay = TimeSpan.FromMilliseconds(50);
    private readonly object _spareLock = new();
    private readonly List<Spare> _spares = [];
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>Executions asked for and not yet forked, by token.</summary>
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ForkedChild>> _forking = new();
    /// <summary>Forked executions whose end has not been reported, by token.</summary>
    private readonly ConcurrentDictionary<string, ForkedChild> _running = new();

    /// <summary>Kept apart from the Process object, which the launcher may dispose while an execution still asks.</summary>
    public int Pid { get; }
    /// <summary>True once the imports are done, false if the process ended before.</summary>
    public Task<bool> Ready => _ready.Task;
    /// <summary>Completes when the process has ended and its output is read.</summary>
    public Task Exited { get; }
    public bool IsAlive => !_repliesEnded && !Exited.IsCompleted;
    private volatile bool _repliesEnded;
    public int ExitCode => _process.HasExited ? _process.ExitCode : -1;

    /// <summary>A child forked ahead: its connections under its own token, and its pid once the fork server answers.</summary>
    private sealed record Spare(ChildChannels Channels, Task<ForkedChild> Forked);

    private ForkServerProcess(Process process, ChildStreamHub hub, ILogger logger)
    {
        _process = process;
        _hub = hub;
        Pid = process.Id;
        _logger = logger;
        var errors = LogErrorsAsync();
        Exited = Task.WhenAll(ReadRepliesAsync(), errors, process.WaitForExitAsync());
    }

    public static ForkServerProcess Start(string python, string script, string preloadModules, ChildStreamHub hub,
        IReadOnlyDictionary<string, string> environment, ILogger logger)
    {
        var info = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(hub.SocketPath);
        info.ArgumentList.Add(preloadModules);
        ChildEnvironment.ReplaceIn(info, environment);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {python}");
        var server = new ForkServerProcess(process, hub, logger);
        server.Replenish(); // forked as soon as the imports are done
        return server;
    }

    /// <summary>
    /// Hands the execution expecting <paramref name="token"/> at the hub a connected child and
    /// forks the next spare. Throws <see cref="TimeoutException"/> if no pid comes back in time,
    /// <see cref="IOException"/> if the fork server or the child ended or the child did not connect.
    /// </summary>
    public async Task<ForkedChild> ForkAsync(string token, TimeSpan replyTimeout, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var spare = TakeSpare() ?? RequestSpare();
            var lost = false;
            try
            {
                var child = await spare.Forked.WaitAsync(replyTimeout, cancellationToken);
                var connected = Task.WhenAll(spare.Channels.Control, spare.Channels.Stdout, spare.Channels.Stderr);
                if (await Task.WhenAny(connected, child.Exited).WaitAsync(ConnectTimeout, cancellationToken) != connected
                    || !PosixSignals.IsRunning(child.Pid))
                {
                    // Killed while idle (by an execution of the same user, say): one fresh child is tried.
                    lost = true;
                    throw new IOException($"Spare child {child.Pid} ended before it was used");
                }
                if (!_hub.HandOver(spare.Channels, token)) throw new IOException("The hub does not expect this execution");
                ReplenishWhenSettled(child);
                return child;
            }
            catch (Exception ex)
            {
                Discard(spare);
                Replenish();
                if (lost && attempt == 0 && IsAlive)
                {
                    _logger.LogWarning(ex, "Spare child lost: forking another");
                    continue;
                }
                if (ex is TimeoutException && spare.Forked.IsCompletedSuccessfully)
                    throw new IOException("The spare child did not connect to the hub", ex);
                throw;
            }
        }
    }

    /// <summary>Spares forked and connected to the hub: what the next executions take without waiting.</summary>
    public int ReadySpares
    {
        get { lock (_spareLock) return _spares.Count(IsConnected); }
    }

    private static bool IsConnected(Spare spare) =>
        spare.Channels.Control.IsCompleted && spare.Channels.Stdout.IsCompleted && spare.Channels.Stderr.IsCompleted;

    /// <summary>The first spare that is connected already, else the oldest.</summary>
    private Spare? TakeSpare()
    {
        lock (_spareLock)
        {
            if (_spares.Count == 0) return null;
            var index = _spares.FindIndex(IsConnected);
            var spare = _spares[Math.Max(0, index)];
            _spares.Remove(spare);
            return spare;
        }
    }

    private void ReplenishWhenSettled(ForkedChild child) =>
        _ = Task.WhenAny(child.Exited, Task.Delay(ReplenishDelay)).ContinueWith(_ => Replenish(), TaskScheduler.Default);

    /// <summary>Asks for spares until <see cref="SpareCount"/> are forked or on their way.</summary>
    private void Replenish()
    {
        lock (_spareLock)
        {
            while (_spares.Count < SpareCount && IsAlive) _spares.Add(RequestSpare());
        }
    }

    private void DiscardSpares()
    {
        Spare[] spares;
        lock (_spareLock)
        {
            spares = [.. _spares];
            _spares.Clear();
        }
        foreach (var spare in spares) Discard(spare);
    }

    private Spare RequestSpare()
    {
        var channels = _hub.Expect();
        var forked = new TaskCompletionSource<ForkedChild>(TaskCreationOptions.RunContinuationsAsynchronously);
        _forking[channels.Token] = forked;
        _ = WriteRequestAsync(channels.Token, forked);
        if (!IsAlive) forked.TrySetException(new IOException("The fork server has ended"));
        return new Spare(channels, forked.Task);
    }

    private async Task WriteRequestAsync(string token, TaskCompletionSource<ForkedChild> forked)
    {
        await _writing.WaitAsync();
        try
        {
            if (!IsAlive) throw new IOException("The fork server has ended");
            await _process.StandardInput.WriteAsync(new SpareRequest(token).Line.AsMemory());
            await _process.StandardInput.FlushAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            _forking.TryRemove(token, out _);
            forked.TrySetException(new IOException("The fork server has ended", ex));
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Closes a spare's connections (it then exits, seeing no spec come) and kills it if it was forked.</summary>
    private void Discard(Spare spare)
    {
        spare.Channels.Dispose();
        if (spare.Forked.IsCompletedSuccessfully) PosixSignals.KillGroup(spare.Forked.Result.Pid);
    }

    private async Task ReadRepliesAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
                Handle(line);
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Reading the fork server's replies failed");
        }
        finally
        {
            _repliesEnded = true;
            _ready.TrySetResult(false);
            foreach (var waiting in _forking.Values)
                waiting.TrySetException(new IOException("The fork server ended before forking"));
            DiscardSpares();
        }
    }

    private void Handle(string line)
    {
        switch (ForkServerReply.Parse(line))
        {
            case ForkServerReady:
                _ready.TrySetResult(true);
                break;
            case ChildForked(var token, var pid):
                // Registered before it is handed out, so the "exit" line that may follow at once finds it.
                var child = new ForkedChild(pid, () => IsAlive);
                _running[token] = child;
                if (_forking.TryRemove(token, out var waiting)) waiting.TrySetResult(child);
                break;
            case ChildReaped(var token, var exit):
                if (_running.TryRemove(token, out var ended)) ended.Report(exit);
                break;
            default:
                _logger.LogWarning("Unexpected fork server reply: {Reply}", line);
                break;
        }
    }

    /// <summary>The fork server's stderr: its own failures and those of children before they connect.</summary>
    private async Task LogErrorsAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
                _logger.LogWarning("Fork server {Pid}: {Line}", Pid, line);
        }
        catch (IOException) { }
    }

    /// <summary>Closing stdin asks it to kill its executions and exit; a kill follows if it does not.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try { _process.StandardInput.Close(); }
        catch (IOException) { }
        try { await Exited.WaitAsync(grace); }
        catch (TimeoutException) { Kill(); }
    }

    public void Kill()
    {
        try { _process.Kill(); }
        catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        Kill();
        DiscardSpares();
        _process.Dispose();
    }
}
