using System.Diagnostics;
using System.Threading.Channels;
using DeepInsight.Executor.Execution.CSharp;
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
    /// Compiles a script: the compiler's answer, checked (status "compiled" with the script, or
    /// "failed" with a CompilationError), or a failed one of its own: a TimeoutError when it took longer than
    /// <see cref="CSharpOptions.CompileTimeout"/>. A compiler that dies while compiling is replaced and asked once
    /// more (it may have been killed from outside); dying again is reported as the script's error.
    /// </summary>
    public async Task<CompilerAnswer> CompileAsync(string code, CancellationToken cancellationToken)
    {
        var limit = _options.CompileTimeout;
        var request = new CompileRequest(code);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var compiler = Current();
                if (compiler is null) return Failed("ExecutorError", "The C# compiler is shut down");
                CompilerAnswer? answer;
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
                catch (InvalidDataException ex)
                {
                    // Not an answer of ours: the compiler is broken, not the script.
                    _logger.LogWarning("C# compiler {Pid} gave an unreadable answer: {Problem}", compiler.Pid, ex.Message);
                    Replace(compiler);
                    return Failed("ExecutorError", "The C# compiler gave an unreadable answer");
                }
                catch (OperationCanceledException)
                {
                    // Requests and answers pair up by order only: a compiler left with this
                    // script's answer (or half a request) would hand it to the next script.
                    Replace(compiler);
                    throw;
                }
                if (answer is not null) return answer;
                Replace(compiler);
                if (attempt == 2)
                    return CompilerAnswer.Failure(ScriptErrors.CompilationError(
                        "The C# compiler process ended while compiling this script (too large or too deeply nested to compile?)"));
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

    private static CompilerAnswer Failed(string type, string message) => CompilerAnswer.Failure(new ExecutionError(type, message));

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
