using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeepInsight.Executor.Tests.Infrastructure;

/// <summary>
/// The executor started as a real process on a free loopback port (for what only a process
/// shows: exiting by itself, SIGTERM, Kestrel's own limits), alone or under the crash-only
/// supervisor as in the image (<see cref="Process"/> is then the supervisor). Its output is kept for asserts.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public string Root { get; } = Directory.CreateTempSubdirectory("executor-process-").FullName;
    public string WorkRoot => Path.Combine(Root, "app");
    public string StoreRoot => Path.Combine(Root, "store");
    public string SessionId { get; } = "proc" + Guid.NewGuid().ToString("N")[..4];
    public int Port { get; } = FreePort();
    public HttpClient Client { get; }
    public Process Process => _process;

    public ServerProcess(IDictionary<string, string>? settings = null, bool supervised = false)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "DeepInsight.Executor.dll");
        var info = new ProcessStartInfo(supervised ? TestPython.Path : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (supervised)
        {
            foreach (var argument in new[] { "-I", "-S", Path.Combine(AppContext.BaseDirectory, "supervisor.py"), "dotnet" })
                info.ArgumentList.Add(argument);
        }
        info.ArgumentList.Add(dll);
        info.Environment["PORT"] = Port.ToString();
        info.Environment["SESSION_ID"] = SessionId;
        info.Environment["EXECUTOR_WORK_ROOT"] = WorkRoot;
        info.Environment["EXECUTOR_LOCAL_STORE"] = StoreRoot;
        info.Environment["EXECUTOR_PYTHON"] = TestPython.Path;
        info.Environment["ASPNETCORE_URLS"] = "";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(120) };
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The log so far, as events.</summary>
    public List<ServerLogEvent> Log => ServerLogEvent.Parse(Output);

    /// <summary>The log so far as the messages it says, one per line.</summary>
    public string Messages => ServerLogEvent.Messages(Output);

    public string StoreSessionPath => Path.Combine(StoreRoot, "deep-insight", "fargate_sessions", SessionId);

    /// <summary>Waits until /health answers (any status), or fails with the server's output.</summary>
    public async Task WaitUntilListeningAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Server exited early:\n{Output}");
            try
            {
                await Client.GetAsync("/health");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"Server did not listen in time:\n{Output}");
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cancel.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    public void Signal(int signal) => Kill(_process.Id, signal);

    public static void Signal(int pid, int signal) => Kill(pid, signal);

    /// <summary>Under the supervisor: the pid of the server it runs now, or null between a crash and the restart.</summary>
    public int? SupervisedServerPid()
    {
        var self = _process.Id;
        try
        {
            return File.ReadAllText($"/proc/{self}/task/{self}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(int.Parse)
                .Where(pid => ProcessTable.CommandLineOf(pid).Contains("DeepInsight.Executor.dll", StringComparison.Ordinal))
                .Cast<int?>()
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Waits until the supervisor runs a server other than <paramref name="crashed"/>, and returns its pid.</summary>
    public async Task<int> WaitForRestartAsync(int crashed, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (SupervisedServerPid() is { } pid && pid != crashed) return pid;
            await Task.Delay(20);
        }
        throw new TimeoutException($"The supervisor started no new server:\n{Output}");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
