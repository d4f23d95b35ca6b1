using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using DeepInsight.Executor.Execution.Core;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Execution.CSharp.Host;

/// <summary>
/// Supervises the C# compiler process (<see cref="CompilerServer"/>): one long-lived, hot Roslyn
/// that compiles every script and runs none; a fresh runner worker per script loads what it
/// emits. Compiling runs no user code, but hostile source can still make a compiler work for
/// ever or fill its heap, so each compilation has a time limit (the process is killed when it
/// passes it), the heap is capped like a worker's, and a compiler that dies is replaced: at once
/// when C# is prewarmed, else by the next script. Compilations go one at a time.
/// </summary>
public sealed class CSharpCompiler : IHostedService, IDisposable
{
    private readonly CSharpOptions _options;
    private readonly CompilerHeadStart _headStart;
    private readonly Dictionary<string, string> _environment;
    private readonly ILogger<CSharpCompiler> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly object _lock = new();
    private CompilerProcess? _current;
    private bool _stopped;

    public CSharpCompiler(CSharpOptions options, ExecutionOptions execution, CompilerHeadStart headStart,
        IReadOnlyDictionary<string, string> childEnvironment, IHostApplicationLifetime lifetime, ILogger<CSharpCompiler> logger)
    {
        _options = options;
        _headStart = headStart;
        _lifetime = lifetime;
        _environment = CSharpWorkerPool.WorkerEnvironment(childEnvironment, execution.MemoryLimitBytes);
        _logger = logger;
    }

    /// <summary>The compiler process's pid, or null while none runs.</summary>
    public int? Pid
    {
        get
        {
            lock (_lock) return _current?.Pid;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_headStart.Take() is { } early)
        {
            early.Logger = _logger;
            if (_options.Prewarm) Watch(early);
            else early.Stop();
        }
        if (_options.Prewarm) RestartWarmUp.WhenDue(_options, _lifetime, () => Current());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        CompilerProcess? current;
        lock (_lock)
        {
            _stopped = true;
            current = _current;
            _current = null;
        }
        current?.Stop();
    }

    /// <summary>
    /// Compiles a script: the compiler's answer (status "compiled" with the assembly, or
    /// "failed" with a CompilationError), or a TimeoutError when it took longer than
    /// <see cref="CSharpOptions.CompileTimeout"/>. A compiler that dies while compiling is replaced and asked once
    /// more (it may have been killed from outside); dying again is reported as the script's error.
    /// </summary>
    public async Task<JsonObject> CompileAsync(string code, CancellationToken cancellationToken)
    {
        var limit = _options.CompileTimeout;
        // A JsonObject rather than an anonymous type: no reflection metadata to build on the first script.
        var request = new JsonObject { ["code"] = code }.ToJsonString();
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var compiler = Current();
                if (compiler is null) return Failed("ExecutorError", "The C# compiler is shut down");
                string? answer;
                try
                {
                    answer = await compiler.AskAsync(request, limit, cancellationToken);
                }
                catch (TimeoutException)
                {
                    _logger.LogWarning("C# compiler {Pid} took longer than {Seconds} s on a script; replacing it", compiler.Pid, limit.TotalSeconds);
                    Replace(compiler);
                    return Failed("TimeoutError", $"C# script compilation timed out after {(int)limit.TotalSeconds} seconds");
                }
                catch (OperationCanceledException)
                {
                    // Requests and answers pair up by order only: a compiler left with this
                    // script's answer (or half a request) would hand it to the next script.
                    Replace(compiler);
                    throw;
                }
                if (answer is not null)
                {
                    if (Parse(answer) is { } parsed) return parsed;
                    // Not an answer of ours: the compiler is broken, not the script.
                    Replace(compiler);
                    return Failed("ExecutorError", "The C# compiler gave an unreadable answer");
                }
                Replace(compiler);
                if (attempt == 2)
                    return Failed("CompilationError", "The C# compiler process ended while compiling this script (too large or too deeply nested to compile?)",
                        ("line", null), ("key_info", new JsonObject()));
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _logger.LogError(ex, "Could not use the C# compiler");
            return Failed("ExecutorError", $"Could not start the C# compiler: {ex.Message}");
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>The compiler's answer if it has the shape ScriptCompiler writes; null for anything else.</summary>
    private static JsonObject? Parse(string answer)
    {
        try
        {
            if (JsonNode.Parse(answer) is not JsonObject parsed) return null;
            var wellFormed = parsed["status"]?.GetValueKind() == JsonValueKind.String && parsed["status"]!.GetValue<string>() switch
            {
                "compiled" => new[] { "assembly", "symbols", "type", "method" }.All(name => parsed[name]?.GetValueKind() == JsonValueKind.String),
                "failed" => parsed["error"] is JsonObject,
                _ => false,
            };
            return wellFormed ? parsed : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject Failed(string type, string message, params (string Name, JsonNode? Value)[] extra) =>
        new() { ["status"] = "failed", ["error"] = SandboxOutcomes.Error(type, message, extra) };

    /// <summary>The running compiler, started now when there is none.</summary>
    private CompilerProcess? Current()
    {
        lock (_lock)
        {
            if (_stopped) return null;
            if (_current is null || _current.Exited.IsCompleted) Watch(CompilerProcess.Start(_environment, _logger));
            return _current;
        }
    }

    /// <summary>Makes a started compiler the current one; if it dies while idle (killed from outside), the next starts.</summary>
    private void Watch(CompilerProcess compiler)
    {
        lock (_lock) _current = compiler;
        // Logged here rather than by the process: the compiler started at the top of Main may be
        // warm before this service adopts it, when it has no logger yet.
        _ = compiler.WarmAfterMs.ContinueWith(
            warm => _logger.LogInformation("C# compiler {Pid} warm {ElapsedMs} ms after it started", compiler.Pid, warm.Result),
            TaskContinuationOptions.OnlyOnRanToCompletion);
        _ = compiler.Exited.ContinueWith(_ =>
        {
            lock (_lock)
            {
                if (_current != compiler) return;
                _current = null;
            }
            _logger.LogWarning("C# compiler {Pid} ended", compiler.Pid);
            if (_options.Prewarm) Current();
        }, TaskScheduler.Default);
    }

    /// <summary>Kills a compiler that timed out or broke; a prewarmed server starts the next one at once.</summary>
    private void Replace(CompilerProcess compiler)
    {
        compiler.Stop();
        lock (_lock)
        {
            if (_current != compiler) return;
            _current = null;
        }
        if (_options.Prewarm) Current();
    }
}
