using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Contract;

/// <summary>
/// The crash-only server: the executor under its supervisor, as in the image, killed with
/// SIGKILL from outside. The bounds on the restart are generous on purpose (the shared test
/// machine); bench/restart-bench.sh measures how fast it really is.
/// </summary>
public sealed class CrashRestartProcessTests
{
    private const int SIGKILL = 9;
    private const int SIGTERM = 15;
    private static readonly TimeSpan Restart = TimeSpan.FromSeconds(30);
    // No C# compiler competing with the restarts for the cores: these tests are about Python executions.
    private static readonly Dictionary<string, string> NoCSharpPrewarm = new() { ["EXECUTOR_CSHARP_PREWARM"] = "false" };

    [Fact]
    public async Task Killed_while_idle_it_comes_back_on_its_port_with_its_random_session_id_and_count()
    {
        // No SESSION_ID: the id the first server chose at random must survive the crash.
        using var server = new ServerProcess(new Dictionary<string, string>(NoCSharpPrewarm) { ["SESSION_ID"] = "" }, supervised: true);
        await server.WaitUntilListeningAsync();
        Assert.Equal("completed", (await ExecuteAsync(server, "print('before')")).GetProperty("status").GetString());
        var before = await HealthAsync(server);

        var crashed = server.SupervisedServerPid()!.Value;
        ServerProcess.Signal(crashed, SIGKILL);
        await server.WaitForRestartAsync(crashed, Restart);
        await server.WaitUntilListeningAsync(Restart);

        var after = await HealthAsync(server);
        var sessionId = before.GetProperty("session_id").GetString();
        Assert.Equal(sessionId, after.GetProperty("session_id").GetString());
        Assert.Equal(1, after.GetProperty("executions_completed").GetInt32());
        var next = await ExecuteAsync(server, "print('after')");
        Assert.Equal(2, next.GetProperty("execution_num").GetInt32());
        Assert.Equal(sessionId, next.GetProperty("session_id").GetString());
        Assert.Contains("Server crashed (killed by signal SIGKILL)", server.Messages);
        Assert.Contains("Restart 1 after a crash", server.Messages);
    }

    [Fact]
    public async Task A_restarted_server_keeps_counting_the_lifetime_cap_from_the_sessions_start()
    {
        using var server = new ServerProcess(new Dictionary<string, string>(NoCSharpPrewarm) { ["EXECUTOR_MAX_LIFETIME_SECONDS"] = "600" }, supervised: true);
        await server.WaitUntilListeningAsync();
        var listening = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3));

        var crashed = server.SupervisedServerPid()!.Value;
        var killed = DateTime.UtcNow;
        ServerProcess.Signal(crashed, SIGKILL);
        await server.WaitForRestartAsync(crashed, Restart);
        await server.WaitUntilListeningAsync(Restart);

        // The session began before the first server listened, so at least this much of the cap is gone.
        var spent = (killed - listening).TotalSeconds;
        var announced = System.Text.RegularExpressions.Regex.Matches(server.Messages, @"Lifetime cap in ([\d.]+) s of 600 s")
            .Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(announced.Count == 2, server.Output);
        Assert.True(announced[1] <= 600 - spent, $"the restarted server's cap is {announced[1]} s away after {spent} s of the session");
    }

    [Fact]
    public async Task Killed_during_an_execution_it_records_it_as_ServerRestarted_kills_its_processes_and_uploads_everything_at_completion()
    {
        using var server = new ServerProcess(NoCSharpPrewarm, supervised: true);
        await server.WaitUntilListeningAsync();
        Assert.Equal("completed", (await ExecuteAsync(server, "open('artifacts/before.txt', 'w').write('1')")).GetProperty("status").GetString());

        // The execution, a child of it and a daemon that left its session: none may outlive the crash.
        var marker = $"{Random.Shared.Next(100000, 999999)}.25";
        var pidFile = Path.Combine(server.WorkRoot, "artifacts", "running.pid");
        var running = ExecuteAsync(server, $"""
            import subprocess, time
            subprocess.Popen(['sleep', '{marker}'])
            subprocess.Popen(['setsid', 'sleep', '{marker}'])
            open('artifacts/running.pid', 'w').write(str(os.getpid()))
            time.sleep(300)
            """);
        var executionPid = await WaitForPidFileAsync(pidFile, running);
        // Names the dead server's helper directory: no later process can have the same.
        var executionCommandLine = ProcessTable.CommandLineOf(executionPid);
        Assert.Equal(2, ProcessTable.WithCommandLineContaining(marker).Count);

        var crashed = server.SupervisedServerPid()!.Value;
        ServerProcess.Signal(crashed, SIGKILL);
        await Assert.ThrowsAnyAsync<Exception>(() => running);
        await server.WaitForRestartAsync(crashed, Restart);
        await server.WaitUntilListeningAsync(Restart);

        await ProcessTable.AssertNoneRemainAsync(marker);
        Assert.NotEqual(executionCommandLine, ProcessTable.CommandLineOf(executionPid));
        var health = await HealthAsync(server);
        Assert.Equal(server.SessionId, health.GetProperty("session_id").GetString());
        Assert.Equal(2, health.GetProperty("executions_completed").GetInt32());
        var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(server.WorkRoot, "workspace", server.SessionId, "execution_2.json"))).RootElement;
        Assert.Equal("failed", record.GetProperty("status").GetString());
        Assert.Equal("ServerRestarted", record.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("restarted", record.GetProperty("error").GetProperty("message").GetString());
        Assert.StartsWith("import subprocess, time", record.GetProperty("code").GetString());

        var next = await ExecuteAsync(server, "print('after the crash')");
        Assert.Equal(3, next.GetProperty("execution_num").GetInt32());
        Assert.Equal(3, next.GetProperty("total_executions").GetInt32());

        var completion = await server.Client.PostAsJsonAsync("/session/complete", new { session_id = server.SessionId });
        Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
        var debug = Path.Combine(server.StoreSessionPath, "debug");
        foreach (var executionNum in new[] { 1, 2, 3 })
            Assert.True(File.Exists(Path.Combine(debug, $"execution_{executionNum}.json")), $"execution_{executionNum}.json not uploaded:\n{server.Output}");
        Assert.Equal("1", File.ReadAllText(Path.Combine(server.StoreSessionPath, "artifacts", "before.txt")));
        var status = JsonDocument.Parse(File.ReadAllText(Path.Combine(debug, "session_status.json"))).RootElement;
        Assert.Equal(3, status.GetProperty("total_executions").GetInt32());
        Assert.Equal(["completed", "failed", "completed"],
            status.GetProperty("executions").EnumerateArray().Select(e => e.GetProperty("status").GetString()!).ToArray());
    }

    [Fact]
    public async Task Sigterm_to_the_supervisor_reaches_the_server_which_uploads_and_nothing_restarts()
    {
        using var server = new ServerProcess(NoCSharpPrewarm, supervised: true);
        await server.WaitUntilListeningAsync();
        Assert.Equal("completed", (await ExecuteAsync(server, "open('artifacts/salvage.txt', 'w').write('kept')")).GetProperty("status").GetString());

        server.Signal(SIGTERM);

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), server.Output);
        Assert.Equal(0, server.Process.ExitCode);
        Assert.Equal("kept", File.ReadAllText(Path.Combine(server.StoreSessionPath, "artifacts", "salvage.txt")));
        Assert.True(File.Exists(Path.Combine(server.StoreSessionPath, "debug", "session_status.json")), server.Output);
        Assert.Contains("Stop final upload succeeded", server.Messages);
        Assert.Contains("Server ended (exit status 0)", server.Messages);
        Assert.DoesNotContain("restart 1", server.Messages);
    }

    [Fact]
    public async Task The_exit_after_the_completion_grace_is_not_a_crash()
    {
        using var server = new ServerProcess(new Dictionary<string, string>(NoCSharpPrewarm) { ["EXECUTOR_POST_COMPLETE_GRACE_SECONDS"] = "1" }, supervised: true);
        await server.WaitUntilListeningAsync();

        var completion = await server.Client.PostAsJsonAsync("/session/complete", new { session_id = server.SessionId });

        Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), server.Output);
        Assert.Equal(0, server.Process.ExitCode);
        Assert.DoesNotContain("restart 1", server.Messages);
    }

    [Fact]
    public async Task After_repeated_crashes_the_supervisor_gives_up_with_a_non_zero_status()
    {
        using var server = new ServerProcess(new Dictionary<string, string>(NoCSharpPrewarm) { ["EXECUTOR_SUPERVISOR_MAX_CRASHES"] = "3" }, supervised: true);
        await server.WaitUntilListeningAsync();

        for (var crash = 1; crash <= 3; crash++)
        {
            var pid = server.SupervisedServerPid() ?? await server.WaitForRestartAsync(0, Restart);
            ServerProcess.Signal(pid, SIGKILL);
            if (crash < 3) await server.WaitForRestartAsync(pid, Restart);
        }

        Assert.True(await server.WaitForExitAsync(Restart), server.Output);
        Assert.Equal(1, server.Process.ExitCode);
        Assert.Contains("Server crashed 3 times within 60 s", server.Messages);
        Assert.Contains("giving up", server.Messages);
    }

    private static async Task<JsonElement> ExecuteAsync(ServerProcess server, string code)
    {
        var response = await server.Client.PostAsJsonAsync("/execute", new { code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> HealthAsync(ServerProcess server)
    {
        var response = await server.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The pid the running execution wrote, once it is there (the execution must not have ended).</summary>
    private static async Task<int> WaitForPidFileAsync(string path, Task<JsonElement> execution)
    {
        for (var attempt = 0; attempt < 600 && !execution.IsCompleted; attempt++)
        {
            if (File.Exists(path) && int.TryParse(File.ReadAllText(path), out var pid)) return pid;
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"The execution did not start: {(execution.IsCompleted ? await execution : "still running")}");
    }
}
