using System.Text.Json;
using DeepInsight.Executor.Execution.CSharp.Host;
using DeepInsight.Executor.Execution.Core;
using Microsoft.Extensions.DependencyInjection;

namespace DeepInsight.Executor.Tests.Scripting;

/// <summary>
/// The compiler process that compiles every script: replaced when it dies, killed when a
/// script keeps it busy too long, and never a way for a script to load or read other files.
/// </summary>
public sealed class CSharpCompilerTests : IClassFixture<CSharpExecutorFactory>
{
    private readonly CSharpExecutorFactory _factory;

    public CSharpCompilerTests(CSharpExecutorFactory factory) => _factory = factory;

    [Fact]
    public async Task A_killed_compiler_is_replaced_and_the_next_script_runs()
    {
        Assert.Equal("completed", (await _factory.ExecuteCSharpAsync("1 + 1")).GetProperty("status").GetString());
        var compiler = _factory.Services.GetRequiredService<CSharpCompiler>();
        var killed = compiler.Pid!.Value;

        PosixSignals.KillGroup(killed);
        // A prewarmed server starts the next compiler as soon as it sees the old one end.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (compiler.Pid is not { } pid || pid == killed)
        {
            Assert.True(DateTime.UtcNow < deadline, "no new compiler after the old one was killed");
            await Task.Delay(50);
        }

        await CSharpFailureModeTests.AssertServerCarriesOnAsync(_factory);
    }

    [Fact]
    public async Task A_compiler_killed_just_before_a_script_is_asked_again()
    {
        var compiler = _factory.Services.GetRequiredService<CSharpCompiler>();
        Assert.Equal("completed", (await _factory.ExecuteCSharpAsync("2 + 2")).GetProperty("status").GetString());

        PosixSignals.KillGroup(compiler.Pid!.Value);
        var body = await _factory.ExecuteCSharpAsync("Enumerable.Range(1, 3).Sum()");

        Assert.True(body.GetProperty("status").GetString() == "completed", body.ToString());
        Assert.Equal("6\n", body.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Metadata_and_source_directives_are_refused_at_compile_time()
    {
        var body = await _factory.ExecuteCSharpAsync("#r \"/etc/passwd\"\n#load \"/etc/hostname\"\nConsole.WriteLine(1);");

        Assert.Equal("failed", body.GetProperty("status").GetString());
        var error = body.GetProperty("error");
        Assert.Equal("CompilationError", error.GetProperty("type").GetString());
        var ids = error.GetProperty("key_info").GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("id").GetString());
        Assert.Equal(["CS7099", "CS8099"], ids.Order());
        Assert.DoesNotContain("root:", body.ToString());
    }
}

/// <summary>Source whose overload resolution grows exponentially with its nesting, under a 20-second compile limit.</summary>
public sealed class CSharpHostileSourceTests : IClassFixture<ShortCompileTimeoutCSharpFactory>
{
    private readonly ShortCompileTimeoutCSharpFactory _factory;

    public CSharpHostileSourceTests(ShortCompileTimeoutCSharpFactory factory) => _factory = factory;

    [Fact]
    public async Task Source_that_keeps_the_compiler_busy_ends_as_a_timeout_and_the_next_script_runs()
    {
        // Warm first, so the limit measures this script and not the compiler's first compilation.
        Assert.Equal("completed", (await _factory.ExecuteCSharpAsync("1")).GetProperty("status").GetString());
        var compiler = _factory.Services.GetRequiredService<CSharpCompiler>();
        var busy = compiler.Pid;

        // Every lambda is bound once per overload of its enclosing call: 3^12 bindings.
        var nested = "F(x0 => { })";
        for (var depth = 1; depth < 12; depth++) nested = $"F(x{depth} => {{ {nested}; }})";
        var body = await _factory.ExecuteCSharpAsync(
            "void F(Action<int> a) { }\nvoid F(Action<string> a) { }\nvoid F(Action<long> a) { }\n" + nested + ";");

        Assert.Equal("failed", body.GetProperty("status").GetString());
        var error = body.GetProperty("error");
        Assert.Equal("TimeoutError", error.GetProperty("type").GetString());
        Assert.Equal($"C# script compilation timed out after {ShortCompileTimeoutCSharpFactory.CompileTimeoutSeconds} seconds",
            error.GetProperty("message").GetString());
        Assert.NotEqual(busy, compiler.Pid);
        await CSharpFailureModeTests.AssertServerCarriesOnAsync(_factory);
    }
}
