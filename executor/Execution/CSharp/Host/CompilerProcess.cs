using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using DeepInsight.Executor.Execution.CSharp;
using DeepInsight.Executor.Execution.CSharp.Compiler;
using DeepInsight.Executor.Execution.Core;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Execution.CSharp.Host;

/// <summary>One compiler process: a request line in, an answer line out, and once a line saying it is warm (<see cref="CompilerProtocol"/>).</summary>
internal sealed class CompilerProcess
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
        info.StandardOutputEncoding = Encoding.UTF8;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}");
        return new CompilerProcess(process, logger);
    }

    /// <summary>
    /// The answer; null when the compiler ended first; <see cref="TimeoutException"/> past the limit,
    /// <see cref="InvalidDataException"/> for a line that is not an answer.
    /// </summary>
    public async Task<CompilerAnswer?> AskAsync(CompileRequest request, TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            await _process.StandardInput.BaseStream.WriteAsync(CompilerProtocol.Line(request), cancellationToken);
            await _process.StandardInput.BaseStream.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            return null;
        }
        string line;
        try
        {
            line = await _answers.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(limit, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
        return CompilerProtocol.ReadAnswer(line);
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
                if (line == CompilerProtocol.WarmNoticeLine)
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
