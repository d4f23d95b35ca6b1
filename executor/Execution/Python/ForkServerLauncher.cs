using System.Diagnostics;
using DeepInsight.Executor.Execution.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Execution.Python;

/// <summary>
/// Launches children by forking a warm fork_server.py, started with the host so the first
/// execution is already warm, and restarted whenever it dies (a child may kill it). Whenever it
/// is not ready (starting, dead, stopped or not answering) executions start cold instead:
/// a broken fork server slows executions down but never fails or hangs one. With the fork server
/// turned off (EXECUTOR_FORK_SERVER=0) every execution starts cold.
/// </summary>
public sealed class ForkServerLauncher : IChildLauncher, IHostedLifecycleService, IDisposable
{
    /// <summary>A working fork server answers within milliseconds (a child is forked ahead); one that does not is broken.</summary>
    private static readonly TimeSpan ForkReplyTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);
    /// <summary>A fork server that lived this long is healthy again: its restart is immediate.</summary>
    private static readonly TimeSpan StableLifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);

    private readonly bool _enabled;
    private readonly string _python;
    private readonly string _script;
    /// <summary>The modules fork_server.py imports besides its own, comma-separated as it reads them.</summary>
    private readonly string _preload;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly IChildLauncher _cold;
    private readonly ChildStreamHub _hub;
    private readonly ILogger<ForkServerLauncher> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ForkServerProcess? _current;
    private Task _supervision = Task.CompletedTask;

    public ForkServerLauncher(PythonOptions options, string python, SandboxRuntimeDirectory runtime, ChildStreamHub hub,
        IReadOnlyDictionary<string, string> environment, IChildLauncher cold, ILogger<ForkServerLauncher> logger)
    {
        _hub = hub;
        _enabled = options.UseForkServer;
        _python = python;
        _script = runtime.PathOf("fork_server.py");
        _preload = string.Join(',', options.PreloadModules);
        _environment = environment;
        _cold = cold;
        _logger = logger;
    }

    /// <summary>Connected spares of the running fork server; none while it starts or restarts.</summary>
    public int ReadySpares => Volatile.Read(ref _current) is { IsAlive: true } server ? server.ReadySpares : 0;

    public async Task<IChildProcess> LaunchAsync(string hubPath, string token, CancellationToken cancellationToken)
    {
        var server = Volatile.Read(ref _current);
        if (server is { Ready.IsCompletedSuccessfully: true, Ready.Result: true, IsAlive: true })
        {
            if (PosixSignals.IsStopped(server.Pid))
            {
                _logger.LogWarning("Fork server {Pid} is stopped: killing it", server.Pid);
                server.Kill();
            }
            else
            {
                try
                {
                    return await server.ForkAsync(token, ForkReplyTimeout, cancellationToken);
                }
                catch (TimeoutException)
                {
                    _logger.LogWarning("Fork server {Pid} did not answer within {Seconds}s: killing it", server.Pid, ForkReplyTimeout.TotalSeconds);
                    server.Kill();
                }
                catch (IOException ex)
                {
                    _logger.LogWarning(ex, "Fork server {Pid} is gone", server.Pid);
                }
            }
        }
        return await _cold.LaunchAsync(hubPath, token, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Starts once the host has started (Kestrel listening): the imports of pandas and matplotlib
    /// take a core for a second or more, which the server's own startup would otherwise share.
    /// Executions that come before it is ready start cold.
    /// </summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!_enabled) return Task.CompletedTask;
        _supervision = Task.Run(() => SuperviseAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Keeps one fork server running: start, wait for its end, restart with a backoff if it keeps dying.</summary>
    private async Task SuperviseAsync(CancellationToken stopping)
    {
        var quickDeaths = 0;
        while (!stopping.IsCancellationRequested)
        {
            var lifetime = Stopwatch.StartNew();
            try
            {
                using var server = ForkServerProcess.Start(_python, _script, _preload, _hub, _environment, _logger);
                Volatile.Write(ref _current, server);
                if (!await RunUntilExitAsync(server, lifetime, stopping)) return;
                _logger.LogWarning("Fork server {Pid} exited with {ExitCode} after {Seconds:F1}s: restarting",
                    server.Pid, server.ExitCode, lifetime.Elapsed.TotalSeconds);
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                _logger.LogError(ex, "Could not start the fork server with {Python}", _python);
            }
            finally
            {
                Volatile.Write(ref _current, null);
            }
            quickDeaths = lifetime.Elapsed < StableLifetime ? quickDeaths + 1 : 0;
            try { await Task.Delay(RestartDelay(quickDeaths), stopping); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Waits for the fork server's end; false when the host stops first (the fork server is then stopped too).</summary>
    private async Task<bool> RunUntilExitAsync(ForkServerProcess server, Stopwatch lifetime, CancellationToken stopping)
    {
        try
        {
            var ready = await server.Ready.WaitAsync(stopping);
            if (ready) _logger.LogInformation("Fork server {Pid} ready in {Ms} ms", server.Pid, lifetime.ElapsedMilliseconds);
            await server.Exited.WaitAsync(stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            await server.StopAsync(StopGrace);
            return false;
        }
    }

    /// <summary>Immediate after a fork server that lived a while; doubling (up to a cap) while it keeps dying young.</summary>
    private static TimeSpan RestartDelay(int quickDeaths) => quickDeaths <= 1
        ? TimeSpan.Zero
        : TimeSpan.FromMilliseconds(Math.Min(MaxRestartDelay.TotalMilliseconds, 100 * Math.Pow(2, quickDeaths - 2)));

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        await _supervision.WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        Volatile.Read(ref _current)?.Kill();
    }
}
