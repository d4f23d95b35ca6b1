using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// Runs one job in a child and watches it to the end: hands it its spec, drains its output
/// into bounded buffers, enforces the wall clock by killing its whole process group, and
/// turns every ending (result, exit, signal, timeout, failure to start) into a <see cref="SandboxRun"/>.
/// </summary>
public sealed class SandboxSupervisor
{
    private const int MaxResultBytes = 1 << 20;
    private static readonly TimeSpan DrainAfterExit = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReapAfterKill = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LaunchLimit = TimeSpan.FromSeconds(90);

    private readonly ChildStreamHub _hub;
    private readonly IChildLauncher _launcher;
    private readonly ILogger<SandboxSupervisor> _logger;

    public SandboxSupervisor(ChildStreamHub hub, IChildLauncher launcher, ILogger<SandboxSupervisor> logger)
    {
        _hub = hub;
        _launcher = launcher;
        _logger = logger;
    }

    public async Task<SandboxRun> RunAsync(SandboxJob job, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        ChildChannels? channels = null;
        IChildProcess child;
        try
        {
            // Starting the child (a worker warming up on a busy machine, say) has a bound of its
            // own: the code's time limit starts when the code has a process to run in.
            using var launchLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            launchLimit.CancelAfter(LaunchLimit);
            if (_launcher is IPreconnectedLauncher preconnected)
            {
                (child, channels) = await preconnected.LaunchConnectedAsync(launchLimit.Token);
            }
            else
            {
                channels = _hub.Expect();
                child = await _launcher.LaunchAsync(_hub.SocketPath, channels.Token, launchLimit.Token);
            }
        }
        catch (Exception ex)
        {
            channels?.Dispose();
            _logger.LogError(ex, "Could not start the child for a {Language} execution", job.Language);
            return new SandboxRun(null, "", "", ChildExit.Unknown, false, cancellationToken.IsCancellationRequested, clock.Elapsed, ex.Message);
        }
        using var ownedChannels = channels;
        var cpuMsAtLaunch = ProcessGroupUsage.CpuMsOf(child.Pid);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(job.Limits.WallClock);
        using var drain = new CancellationTokenSource();
        var stdout = new BoundedCapture(job.Limits.OutputBytesPerStream);
        var stderr = new BoundedCapture(job.Limits.OutputBytesPerStream);
        var result = ExchangeControlAsync(channels.Control, job, drain.Token);
        var drains = Task.WhenAll(
            DrainAsync(channels.Stdout, stdout, drain.Token),
            DrainAsync(channels.Stderr, stderr, drain.Token));

        // A child that sent its result and ended its output has answered: its process teardown
        // (milliseconds for a fork of a large parent) need not delay the response.
        var answered = AnsweredAsync(result, drains);
        var timedOut = false;
        var stopped = false;
        try
        {
            var first = await Task.WhenAny(child.Exited, answered).WaitAsync(deadline.Token);
            // No result yet the control socket ended (the code closed it): only the exit tells the end.
            if (first == answered && !answered.Result) await child.Exited.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // The caller's token is the task stopping; only the deadline's own expiry is a timeout.
            stopped = cancellationToken.IsCancellationRequested;
            timedOut = !stopped;
        }
        var answeredInTime = answered.IsCompletedSuccessfully && answered.Result;
        var (resultMessage, unreadable) = answeredInTime ? Read(await result) : (null, null);
        // A child without a result of its own making is measured from outside, while its group still lives.
        var observed = resultMessage?.Usage is null ? ProcessGroupUsage.Read(child.Pid, cpuMsAtLaunch) : null;
        // Whether it ended or not, its group goes: nothing it started outlives the execution.
        PosixSignals.KillGroup(child.Pid);
        var exit = answeredInTime ? ChildExit.Unknown : await WaitForExitAsync(child);

        drain.CancelAfter(DrainAfterExit);
        await drains;
        if (!answeredInTime) (resultMessage, unreadable) = Read(await result);
        var usage = resultMessage?.Usage ?? observed ?? ChildUsage.Unmeasured;
        return new SandboxRun(resultMessage, stdout.Text(), stderr.Text(), exit, timedOut, stopped, clock.Elapsed, null, unreadable, usage);
    }

    /// <summary>True once the result line is in and both streams have ended; false when there was none.</summary>
    private static async Task<bool> AnsweredAsync(Task<string?> result, Task drains)
    {
        var line = await result;
        if (line is null) return false;
        await drains;
        return true;
    }

    /// <summary>The child's result, or why the line it sent is not one (the code can write on the control stream too).</summary>
    private (ChildResult? Result, string? Unreadable) Read(string? line)
    {
        if (line is null) return (null, null);
        try
        {
            return (ChildProtocol.ReadResult(line), null);
        }
        catch (InvalidDataException ex)
        {
            _logger.LogWarning("The child sent an unreadable result: {Problem}", ex.Message);
            return (null, ex.Message);
        }
    }

    private async Task<ChildExit> WaitForExitAsync(IChildProcess child)
    {
        try
        {
            return await child.Exited.WaitAsync(ReapAfterKill);
        }
        catch (TimeoutException)
        {
            _logger.LogError("Child {Pid} did not end within {Seconds}s of SIGKILL", child.Pid, ReapAfterKill.TotalSeconds);
            return ChildExit.Unknown;
        }
    }

    private static async Task DrainAsync(Task<Socket> connection, BoundedCapture capture, CancellationToken cancellationToken)
    {
        Socket socket;
        try { socket = await connection.WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { return; }
        await capture.DrainAsync(socket, cancellationToken);
    }

    /// <summary>Sends the spec once the child connects, then reads its single-line result (null when none came).</summary>
    private async Task<string?> ExchangeControlAsync(Task<Socket> connection, SandboxJob job, CancellationToken cancellationToken)
    {
        try
        {
            var socket = await connection.WaitAsync(cancellationToken);
            await socket.SendAsync(ChildProtocol.Line(job.Spec()), SocketFlags.None, cancellationToken);
            var received = new MemoryStream();
            var buffer = new byte[16 * 1024];
            while (received.Length < MaxResultBytes)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0) break;
                received.Write(buffer, 0, read);
            }
            var text = Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            _logger.LogDebug(ex, "No usable result message from the child");
            return null;
        }
    }
}
