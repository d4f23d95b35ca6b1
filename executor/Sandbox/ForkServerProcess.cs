using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sandbox;

/// <summary>
/// One running fork_server.py: writes fork requests to its stdin and matches the "ready",
/// "pid" and "exit" lines it answers on stdout to the executions waiting for them.
/// Restarting is the launcher's business; an instance lives once.
/// </summary>
public sealed class ForkServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writing = new(1, 1);
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
    public bool IsAlive => !Exited.IsCompleted;
    public int ExitCode => _process.HasExited ? _process.ExitCode : -1;

    private ForkServerProcess(Process process, ILogger logger)
    {
        _process = process;
        Pid = process.Id;
        _logger = logger;
        var errors = LogErrorsAsync();
        Exited = Task.WhenAll(ReadRepliesAsync(), errors, process.WaitForExitAsync());
    }

    public static ForkServerProcess Start(string python, string script, IReadOnlyDictionary<string, string> environment, ILogger logger)
    {
        var info = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(script);
        info.Environment.Clear();
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {python}");
        return new ForkServerProcess(process, logger);
    }

    /// <summary>Asks for one child; throws <see cref="TimeoutException"/> if no pid comes back in time.</summary>
    public async Task<ForkedChild> ForkAsync(string hubPath, string token, TimeSpan replyTimeout, CancellationToken cancellationToken)
    {
        var forked = new TaskCompletionSource<ForkedChild>(TaskCreationOptions.RunContinuationsAsynchronously);
        _forking[token] = forked;
        try
        {
            await _writing.WaitAsync(cancellationToken);
            try
            {
                if (!IsAlive) throw new IOException("The fork server has ended");
                await _process.StandardInput.WriteAsync($"{token} {hubPath}\n".AsMemory(), cancellationToken);
                await _process.StandardInput.FlushAsync(cancellationToken);
            }
            catch (ObjectDisposedException ex)
            {
                throw new IOException("The fork server has ended", ex);
            }
            finally
            {
                _writing.Release();
            }
            return await forked.Task.WaitAsync(replyTimeout, cancellationToken);
        }
        finally
        {
            _forking.TryRemove(token, out _);
        }
    }

    private async Task ReadRepliesAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
                Handle(line.Split(' '));
        }
        catch (IOException ex)
        {
            _logger.LogWarning(ex, "Reading the fork server's replies failed");
        }
        finally
        {
            _ready.TrySetResult(false);
            foreach (var waiting in _forking.Values)
                waiting.TrySetException(new IOException("The fork server ended before forking"));
        }
    }

    private void Handle(string[] reply)
    {
        switch (reply)
        {
            case ["ready"]:
                _ready.TrySetResult(true);
                break;
            case ["pid", var token, var text] when int.TryParse(text, out var pid):
                // Registered before it is handed out, so the "exit" line that may follow at once finds it.
                var child = new ForkedChild(pid, () => IsAlive);
                _running[token] = child;
                if (_forking.TryGetValue(token, out var waiting)) waiting.TrySetResult(child);
                break;
            case ["exit", var token, var text] when int.TryParse(text, out var status):
                if (_running.TryRemove(token, out var ended)) ended.Report(status);
                break;
            default:
                _logger.LogWarning("Unexpected fork server reply: {Reply}", string.Join(' ', reply));
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
        _process.Dispose();
    }
}
