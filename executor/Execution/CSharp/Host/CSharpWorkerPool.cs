using DeepInsight.Executor.Execution.Core;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Execution.CSharp.Host;

/// <summary>
/// Keeps warm C# runner workers in reserve, already joined to the hub, so a script (compiled
/// by <see cref="CSharpCompiler"/>) costs loading and running it rather than a runtime start
/// and a hub handshake. Each worker runs one script and is killed with its group by the
/// supervisor; nothing is reused. Up to <see cref="CSharpOptions.Spares"/> spares are
/// kept (one by default; a runner holds no Roslyn, about 35 MB PSS idle). They warm up one at a
/// time, background warm-ups included, so a warm-up never competes with another for the CPU,
/// and a used worker's replacement starts when it has ended, while the agent reads the result.
/// When no spare is left, a script takes the one still warming, or a worker of its own.
/// </summary>
public sealed class CSharpWorkerPool : IChildLauncher, IPreconnectedLauncher, IHostedService, IDisposable
{
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(60);

    private readonly CSharpOptions _options;
    private readonly ChildStreamHub _hub;
    private readonly Dictionary<string, string> _environment;
    private readonly ILogger<CSharpWorkerPool> _logger;
    private readonly object _lock = new();
    /// <summary>Oldest first: the first one is the most likely to be warm.</summary>
    private readonly List<Spare> _spares = [];
    private readonly IHostApplicationLifetime _lifetime;
    private bool _stopped;

    private sealed record Spare(WarmWorker Worker, ChildChannels Channels);

    public CSharpWorkerPool(CSharpOptions options, ExecutionOptions execution, ChildStreamHub hub, IReadOnlyDictionary<string, string> childEnvironment,
        IHostApplicationLifetime lifetime, ILogger<CSharpWorkerPool> logger)
    {
        _options = options;
        _lifetime = lifetime;
        _hub = hub;
        _environment = WorkerEnvironment(childEnvironment, execution.MemoryLimitBytes);
        _logger = logger;
    }

    /// <summary>Spares started, joined to the hub and past their core warm-up.</summary>
    public int ReadySpares
    {
        get { lock (_lock) return _spares.Count(s => s.Worker.Ready.IsCompletedSuccessfully); }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Prewarm) RestartWarmUp.WhenDue(_options, _lifetime, EnsureSpares);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public async Task<(IChildProcess Child, ChildChannels Channels)> LaunchConnectedAsync(CancellationToken cancellationToken)
    {
        if (TakeSpare() is { } spare)
        {
            try
            {
                return (await HandOverAsync(spare, cancellationToken), spare.Channels);
            }
            catch (InvalidOperationException ex)
            {
                // It died or stalled while idle: one fresh worker gets the script instead.
                _logger.LogWarning(ex, "Spare C# worker {Pid} was unusable; starting another", spare.Worker.Pid);
            }
        }
        var fresh = StartSpare();
        return (await HandOverAsync(fresh, cancellationToken), fresh.Channels);
    }

    /// <summary>A worker of its own for a token the caller registered with the hub.</summary>
    public async Task<IChildProcess> LaunchAsync(string hubPath, string token, CancellationToken cancellationToken)
    {
        var worker = StartWorker(_environment, _logger);
        worker.Join(hubPath, token);
        await HandOverAsync(new Spare(worker, null!), cancellationToken);
        return worker;
    }

    public void Dispose()
    {
        List<Spare> spares;
        lock (_lock)
        {
            _stopped = true;
            spares = [.. _spares];
            _spares.Clear();
        }
        foreach (var spare in spares) Discard(spare);
    }

    private async Task<WarmWorker> HandOverAsync(Spare spare, CancellationToken cancellationToken)
    {
        var worker = spare.Worker;
        try
        {
            await worker.Ready.WaitAsync(cancellationToken);
            if (worker.Exited.IsCompleted)
                throw new InvalidOperationException("The C# worker ended before it could take the script");
        }
        catch
        {
            Discard(spare);
            throw;
        }
        _ = ReplaceAfterExitAsync(worker);
        return worker;
    }

    private async Task ReplaceAfterExitAsync(WarmWorker used)
    {
        await used.Exited;
        EnsureSpares();
    }

    /// <summary>Starts one more spare when there are fewer than wanted and none is warming up.</summary>
    private void EnsureSpares()
    {
        WarmWorker started;
        lock (_lock)
        {
            if (_stopped || _spares.Count >= _options.Spares || _spares.Any(s => !s.Worker.Warm.IsCompleted)) return;
            try
            {
                started = StartWorker(_environment, _logger);
            }
            catch (Exception ex)
            {
                // Scripts still run: each launch then tries a worker of its own and reports why it failed.
                _logger.LogError(ex, "Could not start a spare C# worker");
                return;
            }
        }
        Adopt(started);
    }

    /// <summary>Gives a started worker its own token on the hub and keeps it in reserve.</summary>
    private void Adopt(WarmWorker worker)
    {
        var spare = new Spare(worker, _hub.Expect());
        worker.Join(_hub.SocketPath, spare.Channels.Token);
        lock (_lock)
        {
            if (_stopped)
            {
                Discard(spare);
                return;
            }
            _spares.Add(spare);
        }
        _ = worker.Ready.ContinueWith(ready =>
        {
            if (!ready.IsCompletedSuccessfully && Remove(spare)) EnsureSpares();
        }, TaskScheduler.Default);
        // The next spare starts once this one is fully warm; if a script took it first, its
        // replacement starts when it has ended instead, not while the script runs.
        _ = worker.Warm.ContinueWith(_ =>
        {
            bool inReserve;
            lock (_lock) inReserve = _spares.Contains(spare);
            if (inReserve) EnsureSpares();
        }, TaskScheduler.Default);
        // A spare that dies while idle (killed from outside, say) is dropped, not handed out.
        _ = worker.Exited.ContinueWith(_ =>
        {
            if (Remove(spare)) EnsureSpares();
        }, TaskScheduler.Default);
    }

    /// <summary>Drops a spare that is still in reserve; false when a script already took it.</summary>
    private bool Remove(Spare spare)
    {
        bool removed;
        lock (_lock) removed = _spares.Remove(spare);
        if (removed) Discard(spare);
        return removed;
    }

    /// <summary>The warm spare that waited longest, else the one still warming up.</summary>
    private Spare? TakeSpare()
    {
        lock (_lock)
        {
            var spare = _spares.FirstOrDefault(s => s.Worker.Ready.IsCompletedSuccessfully) ?? _spares.FirstOrDefault();
            if (spare is not null) _spares.Remove(spare);
            return spare;
        }
    }

    private static void Discard(Spare spare)
    {
        spare.Worker.Kill();
        spare.Channels?.Dispose();
    }

    private Spare StartSpare()
    {
        var worker = StartWorker(_environment, _logger);
        var spare = new Spare(worker, _hub.Expect());
        worker.Join(_hub.SocketPath, spare.Channels.Token);
        return spare;
    }

    private static WarmWorker StartWorker(IReadOnlyDictionary<string, string> environment, ILogger logger)
    {
        var info = WorkerCommand.Create();
        ChildEnvironment.ReplaceIn(info, environment);
        return WarmWorker.Start(info, WarmUpLimit, logger);
    }

    /// <summary>
    /// The children's environment plus the runtime settings of a worker: its GC heap is capped
    /// at the memory limit (an address-space rlimit would break .NET, which reserves far more
    /// than it uses), workstation GC (one script needs no heap per core), no crash dumps,
    /// and no profile-guided rejit, which a process that lives for one script never pays back.
    /// The dotnet host's own location is passed on so an apphost finds the runtime.
    /// </summary>
    internal static Dictionary<string, string> WorkerEnvironment(IReadOnlyDictionary<string, string> childEnvironment, long memoryLimitBytes)
    {
        var environment = new Dictionary<string, string>(childEnvironment, StringComparer.Ordinal)
        {
            ["DOTNET_GCHeapHardLimit"] = memoryLimitBytes.ToString("X"),
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_DbgEnableMiniDump"] = "0",
            ["DOTNET_TieredPGO"] = "0",
        };
        foreach (var name in new[] { "DOTNET_ROOT", "DOTNET_ROOT_X64", "DOTNET_ROOT_ARM64" })
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value) environment[name] = value;
        }
        return environment;
    }
}
