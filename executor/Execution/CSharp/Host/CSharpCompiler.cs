using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using DeepInsight.Executor.Execution.CSharp.Compiler;
using DeepInsight.Executor.Execution.Core;
using DeepInsight.Executor.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
    private static CompilerProcess? _early;

    /// <summary>
    /// Starts the compiler at the top of Main, before the host is even built, so its first
    /// compilation (about a second of CPU) overlaps the server's own startup on the other core.
    /// Its settings come from the process environment, as the host's will; the service adopts it
    /// when it starts, or kills it if C# prewarming is off. Not under a test host, whose apps
    /// configure themselves.
    /// </summary>
    public static void StartEarly()
    {
        if (System.Reflection.Assembly.GetEntryAssembly() != typeof(CSharpCompiler).Assembly) return;
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var options = ExecutorOptions.FromConfiguration(configuration);
            if (!options.CSharpPrewarm || options.Restarts > 0) return; // see RestartWarmUp
            var environment = CSharpWorkerPool.WorkerEnvironment(
                ChildEnvironment.Build(Environment.GetEnvironmentVariables(), options.ChildrenInheritAwsCredentials), options);
            _early = CompilerProcess.Start(environment, NullLogger.Instance);
        }
        catch (Exception)
        {
            // The service starts its compiler as usual and logs what goes wrong then.
        }
    }

    private readonly ExecutorOptions _options;
    private readonly Dictionary<string, string> _environment;
    private readonly ILogger<CSharpCompiler> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly object _lock = new();
    private CompilerProcess? _current;
    private bool _stopped;

    public CSharpCompiler(ExecutorOptions options, IReadOnlyDictionary<string, string> childEnvironment, IHostApplicationLifetime lifetime,
        ILogger<CSharpCompiler> logger)
    {
        _options = options;
        _lifetime = lifetime;
        _environment = CSharpWorkerPool.WorkerEnvironment(childEnvironment, options);
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
        if (Interlocked.Exchange(ref _early, null) is { } early)
        {
            early.Logger = _logger;
            if (_options.CSharpPrewarm) Watch(early);
            else early.Stop();
        }
        if (_options.CSharpPrewarm) RestartWarmUp.WhenDue(_options, _lifetime, () => Current());
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
    /// <see cref="ExecutorOptions.CSharpCompileTimeout"/>. A compiler that dies while compiling is replaced and asked once
    /// more (it may have been killed from outside); dying again is reported as the script's error.
    /// </summary>
    public async Task<JsonObject> CompileAsync(string code, CancellationToken cancellationToken)
    {
        var limit = _options.CSharpCompileTimeout;
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
            if (_options.CSharpPrewarm) Current();
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
        if (_options.CSharpPrewarm) Current();
    }

    /// <summary>One compiler process: a JSON line in, a JSON line out, and once a line saying it is warm.</summary>
    private sealed class CompilerProcess
    {
        private const int MaxLoggedErrorChars = 4000;
        private readonly Process _process;
        private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
        // One request at a time, so one answer at a time: an answer nobody asked for holds the
        // reader (and then the compiler) instead of piling up.
        private readonly Channel<string> _answers = Channel.CreateBounded<string>(1);
        private readonly TaskCompletionSource<long> _warm = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Pid { get; }
        public Task Exited { get; }
        /// <summary>Completes with the milliseconds from its start to its warm notice; never, if it dies first.</summary>
        public Task<long> WarmAfterMs => _warm.Task;
        public ILogger Logger { get; set; }

        private CompilerProcess(Process process, ILogger logger)
        {
            _process = process;
            Pid = process.Id;
            Logger = logger;
            var answersRead = ReadAnswersAsync();
            Exited = WatchAsync(answersRead);
        }

        public static CompilerProcess Start(IReadOnlyDictionary<string, string> environment, ILogger logger)
        {
            var info = WorkerCommand.Create(CompilerServer.Flag);
            ChildEnvironment.ReplaceIn(info, environment);
            info.UseShellExecute = false;
            info.RedirectStandardInput = true;
            info.RedirectStandardOutput = true;
            info.RedirectStandardError = true;
            info.StandardInputEncoding = new UTF8Encoding(false);
            info.StandardOutputEncoding = Encoding.UTF8;
            var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}");
            return new CompilerProcess(process, logger);
        }

        /// <summary>The answer line; null when the compiler ended first; TimeoutException past the limit.</summary>
        public async Task<string?> AskAsync(string request, TimeSpan limit, CancellationToken cancellationToken)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync(request.AsMemory(), cancellationToken);
                await _process.StandardInput.FlushAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                return null;
            }
            try
            {
                return await _answers.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(limit, cancellationToken);
            }
            catch (ChannelClosedException)
            {
                return null;
            }
        }

        /// <summary>
        /// Every line of stdout: the warm notice completes <see cref="WarmAfterMs"/> (when C#
        /// became fast after a boot or a restart is worth a log line), the rest are answers. The
        /// channel closes when stdout does.
        /// </summary>
        private async Task ReadAnswersAsync()
        {
            try
            {
                while (await _process.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (line == CompilerServer.WarmNotice)
                        _warm.TrySetResult(_sinceStart.ElapsedMilliseconds);
                    else
                        await _answers.Writer.WriteAsync(line);
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // The process is gone: the channel closing says so to whoever waits for an answer.
            }
            _answers.Writer.TryComplete();
        }

        /// <summary>Ends it with everything it started (it leads its own process group).</summary>
        /// <remarks>Not once it has been reaped: its pid (and group id) may belong to another process by then.</remarks>
        public void Stop()
        {
            if (!Exited.IsCompleted) PosixSignals.KillGroup(Pid);
        }

        private async Task WatchAsync(Task answersRead)
        {
            // Only the runtime writes here (a crash's last words); keep the start of it for the log.
            var errors = new StringBuilder();
            var buffer = new char[4096];
            int read;
            while ((read = await _process.StandardError.ReadAsync(buffer)) > 0)
            {
                if (errors.Length < MaxLoggedErrorChars) errors.Append(buffer, 0, Math.Min(read, MaxLoggedErrorChars - errors.Length));
            }
            await _process.WaitForExitAsync();
            if (errors.Length > 0) Logger.LogWarning("C# compiler {Pid} wrote: {Output}", Pid, errors.ToString());
            await answersRead;
            _process.DisposeWithStreams();
        }
    }
}
