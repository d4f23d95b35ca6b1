using DeepInsight.Executor.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sandbox;

/// <summary>
/// Keeps one warm C# worker in reserve, so a script costs a compilation rather than a runtime
/// start and a Roslyn load. Each worker runs one script and is killed with its group by the
/// supervisor; its replacement starts when it has ended, while the agent reads the result.
/// Concurrent scripts beyond the spare get workers of their own, started on demand.
/// </summary>
public sealed class CSharpWorkerPool : IChildLauncher, IHostedLifecycleService, IDisposable
{
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(60);

    private readonly ExecutorOptions _options;
    private readonly Dictionary<string, string> _environment;
    private readonly ILogger<CSharpWorkerPool> _logger;
    private readonly object _lock = new();
    private readonly ForkServerLauncher? _warmFirst;
    private WarmWorker? _spare;
    private bool _stopped;

    /// <param name="warmFirst">Started first: the spare worker waits for its first start, rather than share the cores with it.</param>
    public CSharpWorkerPool(ExecutorOptions options, IReadOnlyDictionary<string, string> childEnvironment, ILogger<CSharpWorkerPool> logger,
        ForkServerLauncher? warmFirst = null)
    {
        _options = options;
        _warmFirst = warmFirst;
        _environment = WorkerEnvironment(childEnvironment, options);
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The spare starts once the host has started (Kestrel listening): a second .NET runtime
    /// loading Roslyn would otherwise compete for the cores with the server's own startup.
    /// </summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!_options.CSharpPrewarm) return Task.CompletedTask;
        if (_warmFirst is null) EnsureSpare();
        else _ = _warmFirst.FirstStartSettled.ContinueWith(_ => EnsureSpare(), TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public async Task<IChildProcess> LaunchAsync(string hubPath, string token, CancellationToken cancellationToken)
    {
        if (TakeSpare() is { } spare)
        {
            try
            {
                return await HandOverAsync(spare, hubPath, token, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                // It died or stalled while idle: one fresh worker gets the script instead.
                _logger.LogWarning(ex, "Spare C# worker {Pid} was unusable; starting another", spare.Pid);
            }
        }
        return await HandOverAsync(StartWorker(), hubPath, token, cancellationToken);
    }

    public void Dispose()
    {
        WarmWorker? spare;
        lock (_lock)
        {
            _stopped = true;
            spare = _spare;
            _spare = null;
        }
        spare?.Kill();
    }

    private async Task<WarmWorker> HandOverAsync(WarmWorker worker, string hubPath, string token, CancellationToken cancellationToken)
    {
        try
        {
            await worker.Ready.WaitAsync(cancellationToken);
            if (!worker.TryAssign(hubPath, token))
                throw new InvalidOperationException("The C# worker ended before it could take the script");
        }
        catch
        {
            worker.Kill();
            throw;
        }
        _ = ReplaceAfterExitAsync(worker);
        return worker;
    }

    private async Task ReplaceAfterExitAsync(WarmWorker used)
    {
        await used.Exited;
        EnsureSpare();
    }

    private void EnsureSpare()
    {
        lock (_lock)
        {
            if (_stopped || _spare is not null) return;
            try
            {
                _spare = StartWorker();
            }
            catch (Exception ex)
            {
                // Scripts still run: each launch then tries a worker of its own and reports why it failed.
                _logger.LogError(ex, "Could not start a spare C# worker");
            }
        }
    }

    private WarmWorker? TakeSpare()
    {
        lock (_lock)
        {
            var spare = _spare;
            _spare = null;
            return spare;
        }
    }

    private WarmWorker StartWorker()
    {
        var info = WorkerCommand.Create();
        info.Environment.Clear();
        foreach (var (name, value) in _environment) info.Environment[name] = value;
        return WarmWorker.Start(info, WarmUpLimit, _logger);
    }

    /// <summary>
    /// The children's environment plus the runtime settings of a worker: its GC heap is capped
    /// at the memory limit (an address-space rlimit would break .NET, which reserves far more
    /// than it uses), workstation GC (one script needs no heap per core), no crash dumps,
    /// and no profile-guided rejit, which a process that lives for one script never pays back.
    /// The dotnet host's own location is passed on so an apphost finds the runtime.
    /// </summary>
    private static Dictionary<string, string> WorkerEnvironment(IReadOnlyDictionary<string, string> childEnvironment, ExecutorOptions options)
    {
        var environment = new Dictionary<string, string>(childEnvironment, StringComparer.Ordinal)
        {
            ["DOTNET_GCHeapHardLimit"] = options.MemoryLimitBytes.ToString("X"),
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
