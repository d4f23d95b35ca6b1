using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using CliWrap.Exceptions;
using DeepInsight.Executor.Execution.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Execution.Python;

/// <summary>One package of the reference stack as executions see it; Version is null when it is missing.</summary>
public sealed record PythonPackage(string Name, string? Version, bool Fallback);

/// <summary>
/// The reference stack's Python packages for /container-info, read once when the server has
/// started by python_packages.py run with the children's environment, so it reports what
/// executions import. Once is enough: the image fixes the stack, and an agent's own
/// `pip install` goes into the session's user site, not into it.
/// </summary>
public sealed class PythonPackageInventory : IHostedService
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions ProbeJson = new() { PropertyNameCaseInsensitive = true };

    private readonly TaskCompletionSource<IReadOnlyList<PythonPackage>> _packages = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _python;
    private readonly string _script;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<PythonPackageInventory> _logger;

    public PythonPackageInventory(string python, SandboxRuntimeDirectory runtime, IReadOnlyDictionary<string, string> environment,
        IHostApplicationLifetime lifetime, ILogger<PythonPackageInventory> logger)
    {
        _python = python;
        _script = runtime.PathOf("python_packages.py");
        _environment = environment;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>After start-up, so the probe does not compete with the fork server's imports for the first /health.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _lifetime.ApplicationStarted.Register(() => _ = Task.Run(ProbeAsync));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The packages, or null when the probe failed or has not answered within <paramref name="wait"/>.</summary>
    public async Task<IReadOnlyList<PythonPackage>?> GetAsync(TimeSpan wait)
    {
        try
        {
            return await _packages.Task.WaitAsync(wait);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task ProbeAsync()
    {
        try
        {
            _packages.SetResult(await RunProbeAsync());
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or CliWrapException or System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            _logger.LogError(e, "Listing the Python packages with {Python} failed", _python);
            _packages.SetException(new InvalidOperationException("the Python package probe failed", e));
        }
    }

    /// <summary>
    /// A plain command, so CliWrap runs it: output buffered, a non-zero exit an exception naming
    /// its stderr, the time limit a kill. The long-lived helpers (fork server, cold children, C#
    /// compiler and runners) keep their own launch code: they speak line protocols on stdin and
    /// stdout for their whole life, and the sandbox's own setup (setsid, rlimits, the hub's sockets)
    /// happens in them before any code runs.
    /// </summary>
    private async Task<IReadOnlyList<PythonPackage>> RunProbeAsync()
    {
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        var result = await Cli.Wrap(_python)
            .WithArguments([_script])
            .WithEnvironmentVariables(ChildEnvironment.Replacing(_environment))
            .ExecuteBufferedAsync(timeout.Token);
        return JsonSerializer.Deserialize<List<PythonPackage>>(result.StandardOutput, ProbeJson)
            ?? throw new InvalidOperationException("python_packages.py printed null");
    }
}
