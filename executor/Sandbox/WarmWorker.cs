using System.Diagnostics;
using DeepInsight.Executor.Scripting;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Sandbox;

/// <summary>
/// One C# worker process: started idle, <see cref="Ready"/> once it has loaded Roslyn and
/// said so, then assigned to one execution by writing the hub and token to its stdin.
/// </summary>
public sealed class WarmWorker : IChildProcess
{
    private readonly Process _process;

    public int Pid { get; }
    public Task<ChildExit> Exited { get; }

    /// <summary>Completes when the worker is warm; faults if it ends or stalls first.</summary>
    public Task Ready { get; }

    private WarmWorker(Process process, TimeSpan warmUpLimit, ILogger logger)
    {
        _process = process;
        Pid = process.Id;
        Exited = WatchAsync(process, logger);
        Ready = WaitUntilReadyAsync(warmUpLimit);
    }

    public static WarmWorker Start(ProcessStartInfo info, TimeSpan warmUpLimit, ILogger logger)
    {
        info.UseShellExecute = false;
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}");
        return new WarmWorker(process, warmUpLimit, logger);
    }

    /// <summary>Hands the worker its execution; false when it is no longer there to take it.</summary>
    public bool TryAssign(string hubPath, string token)
    {
        if (Exited.IsCompleted) return false;
        try
        {
            _process.StandardInput.Write($"{hubPath} {token}\n");
            _process.StandardInput.Close();
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // It died between the check and the write.
            return false;
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
        if (line != CSharpWorker.ReadyLine)
            throw new InvalidOperationException("The C# worker ended before it was ready");
    }

    private static async Task<ChildExit> WatchAsync(Process process, ILogger logger)
    {
        using (process)
        {
            // Only failures before the worker redirects its descriptors to the hub arrive here.
            var earlyError = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var text = await earlyError.WaitAsync(TimeSpan.FromSeconds(1))
                .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "", TaskScheduler.Default);
            if (text.Length > 0)
                logger.LogWarning("C# worker {Pid} failed before running a script: {Output}", process.Id, text[..Math.Min(text.Length, 2000)]);
            return ChildExit.FromDotNetExitCode(process.ExitCode);
        }
    }
}
