using System.Diagnostics;
using DeepInsight.Executor.Execution.CSharp.Compiler;
using DeepInsight.Executor.Execution.CSharp.Host;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Sandbox;

/// <summary>
/// The fork server and the C# compiler hide themselves from same-user processes only once they
/// run; one restarted while scripts run could be seized by a tracer before that. Started under
/// a real tracer (strace), each must end instead of serving.
/// </summary>
public sealed class TracedHelperTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_traced_fork_server_exits_instead_of_serving()
    {
        var script = Path.Combine(RepoPaths.Root, "executor", "Execution", "Python", "fork_server.py");
        var hub = Path.Combine(Path.GetTempPath(), $"traced-hub-{Guid.NewGuid():N}.sock");

        // No modules to preload besides its own: the check comes before any execution.
        var (exitCode, stdout, stderr) = await RunUnderStraceAsync(TestPython.Path, script, hub, "");

        Assert.Equal(1, exitCode);
        Assert.Contains("being traced", stderr);
        Assert.DoesNotContain("ready", stdout);
    }

    [Fact]
    public async Task A_traced_csharp_compiler_exits_instead_of_compiling()
    {
        var command = WorkerCommand.Create(CompilerServer.Flag);

        var (exitCode, stdout, _) = await RunUnderStraceAsync(command.FileName, [.. command.ArgumentList]);

        Assert.Equal(72, exitCode);
        Assert.Equal("", stdout);
    }

    /// <summary>strace -f follows the process from its start, so it is attached before the process hides.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunUnderStraceAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo("strace")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-f", "-q", "-o", "/dev/null", program }.Concat(arguments)) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Limit);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
