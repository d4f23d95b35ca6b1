using System.Diagnostics;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Workload;

/// <summary>
/// The project's stand-ins for the PyPI-only packages (python/fallbacks/) checked on their own
/// results by their unittest modules (python/tests/), with the executions' python3. The modules
/// import the stand-ins from the repository even where the real packages are installed.
/// </summary>
public sealed class FallbackModuleTests
{
    public static TheoryData<string> TestModules()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "python", "tests"), "test_*.py").Order())
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(TestModules))]
    public void Unittest_module_passes(string module)
    {
        var info = new ProcessStartInfo(TestPython.Path)
        {
            WorkingDirectory = Path.Combine(RepoPaths.Root, "python", "tests"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-m", "unittest", "-v", module }) info.ArgumentList.Add(argument);
        info.Environment["MPLBACKEND"] = "Agg";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{module} did not finish in 5 minutes");

        // unittest reports on stderr; "Ran 0 tests" would be a module that checks nothing.
        var report = errors.Result + output.Result;
        Assert.True(process.ExitCode == 0, report);
        Assert.Matches(@"Ran [1-9]\d* tests?", report);
    }
}
