using System.Diagnostics;

namespace DeepInsight.Executor.Tests.Infrastructure;

/// <summary>The python3 the tests use: EXECUTOR_PYTHON, else Debian's, which has pandas and matplotlib.</summary>
public static class TestPython
{
    public static string Path { get; } = Environment.GetEnvironmentVariable("EXECUTOR_PYTHON") is { Length: > 0 } configured
        ? configured
        : "/usr/bin/python3";

    /// <summary>Runs python with a script and returns its stdout (for checks outside the executor).</summary>
    public static string Run(string script)
    {
        var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
