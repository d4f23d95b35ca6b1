using System.Diagnostics;
using DeepInsight.Executor.Execution.CSharp;
using DeepInsight.Executor.Execution.Core;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Execution.CSharp.Host;

/// <summary>
/// One C# runner worker process: started with the hub and its token on stdin, <see cref="Ready"/>
/// once it has warmed up, joined the hub and said so; assigned to one execution when the
/// supervisor sends the spec on its control stream.
/// </summary>
public sealed class WarmWorker : IChildProcess
{
    private readonly Process _process;

    public int Pid { get; }
    public Task<ChildExit> Exited { get; }

    /// <summary>Completes when the worker is warm; faults if it ends or stalls first.</summary>
    public Task Ready { get; }

    /// <summary>
    /// Completes when the worker has also finished its background warm-up (the script
    /// library), or will not (it was assigned a script or ended first).
    /// </summary>
    public Task Warm { get; }

    private WarmWorker(Process process, TimeSpan warmUpLimit, ILogger logger)
    {
        _process = process;
        Pid = process.Id;
        Logger = logger;
        Exited = WatchAsync(process);
        Ready = WaitUntilReadyAsync(warmUpLimit);
        Warm = WaitUntilWarmAsync();
        // Once it has ended and nothing reads its output any more.
        _ = Task.WhenAll(Exited, Warm).ContinueWith(_ => process.DisposeWithStreams(), TaskScheduler.Default);
    }

    /// <summary>Starts a worker; it warms up, then waits for <see cref="Join"/> to tell it its hub and token.</summary>
    public static WarmWorker Start(ProcessStartInfo info, TimeSpan warmUpLimit, ILogger logger)
    {
        info.UseShellExecute = false;
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}");
        return new WarmWorker(process, warmUpLimit, logger);
    }

    /// <summary>The logger of its early failures (a worker started before the host has a plain console one).</summary>
    public ILogger Logger { get; set; }

    /// <summary>
    /// Writes the worker the hub and its token (<see cref="WorkerAssignment"/>), which it joins once warm. A
    /// worker that already died is left for <see cref="Ready"/> to report.
    /// </summary>
    public void Join(string hubPath, string token)
    {
        try
        {
            _process.StandardInput.Write(new WorkerAssignment(hubPath, token).Line);
            _process.StandardInput.Close();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    /// <summary>Ends the worker and everything it started (it leads its own process group).</summary>
    public void Kill() => PosixSignals.KillGroup(Pid);

    private async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new InvalidOperationException($"The C# worker was not ready within {limit.TotalSeconds:0} s");
        }
        if (line != RunnerProtocol.ReadyLine)
            throw new InvalidOperationException("The C# worker ended before it was ready");
    }

    private async Task WaitUntilWarmAsync()
    {
        try
        {
            await Ready;
            // RunnerProtocol.WarmLine, or the end of the pipe once the worker took a script or ended.
            await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception)
        {
            // Not ready: nothing more to wait for.
        }
    }

    private async Task<ChildExit> WatchAsync(Process process)
    {
        // Only failures before the worker redirects its descriptors to the hub arrive here.
        var earlyError = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await earlyError.WaitAsync(TimeSpan.FromSeconds(1))
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "", TaskScheduler.Default);
        if (text.Length > 0)
            Logger.LogWarning("C# worker {Pid} failed before running a script: {Output}", process.Id, text[..Math.Min(text.Length, 2000)]);
        return ChildExit.FromDotNetExitCode(process.ExitCode);
    }
}
