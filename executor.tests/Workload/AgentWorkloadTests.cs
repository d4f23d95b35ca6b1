using System.Diagnostics;
using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Workload;

/// <summary>
/// The agent workload suite (workload/): the Coder, Validator, Reporter and analysis scripts,
/// sent to a server started as a process exactly as the agent runtime sends them (a Python
/// execution writes each script, then `BASH: timeout 300 python FILE` runs it), with their
/// artifacts downloaded and checked by workload/agent_workload.py: charts decoded at their
/// size with no overlapping labels, the DOCX opened with python-docx, the PDF read with poppler.
/// </summary>
public sealed class AgentWorkloadTests
{
    [Fact]
    public async Task Every_step_runs_and_every_artifact_check_passes()
    {
        using var server = new ServerProcess(new Dictionary<string, string> { ["EXECUTOR_CSHARP_PREWARM"] = "false" });
        await server.WaitUntilListeningAsync();
        var reportPath = Path.Combine(server.Root, "workload-report.json");

        var info = new ProcessStartInfo(TestPython.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(RepoPaths.Root, "workload", "agent_workload.py"),
                     "--url", $"http://127.0.0.1:{server.Port}", "--session-id", server.SessionId, "--report", reportPath })
            info.ArgumentList.Add(argument);
        using var driver = Process.Start(info)!;
        var output = driver.StandardOutput.ReadToEndAsync();
        var errors = driver.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await driver.WaitForExitAsync(patience.Token);
        var transcript = $"{await output}\n{await errors}\nserver:\n{server.Output[^Math.Min(server.Output.Length, 4000)..]}";

        Assert.True(driver.ExitCode == 0, transcript);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath));
        var steps = report.RootElement.GetProperty("steps").EnumerateArray().ToList();
        var checks = report.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.True(steps.Count >= 9, transcript);
        Assert.True(checks.Count >= 10, transcript);
        Assert.All(checks, check => Assert.True(check.GetProperty("passed").GetBoolean(), check.ToString()));
    }
}
