using System.Text.Json;

namespace DeepInsight.Executor.Tests.Scripting;

/// <summary>Compile and runtime errors of C# scripts, with lines counted in the submitted script.</summary>
public sealed class CSharpErrorTests : IClassFixture<CSharpExecutorFactory>
{
    private readonly CSharpExecutorFactory _factory;

    public CSharpErrorTests(CSharpExecutorFactory factory) => _factory = factory;

    [Fact]
    public async Task Compile_error_reports_line_column_and_every_diagnostic()
    {
        var body = await _factory.ExecuteCSharpAsync("""
            var total = 0;
            Console.WriteLine("ok");
            total += undefinedName;
            int broken = "text";
            """);

        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal("", body.GetProperty("stdout").GetString());
        var error = body.GetProperty("error");
        Assert.Equal("CompilationError", error.GetProperty("type").GetString());
        Assert.StartsWith("CS0103:", error.GetProperty("message").GetString());
        Assert.Contains("undefinedName", error.GetProperty("message").GetString());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        var keyInfo = error.GetProperty("key_info");
        Assert.Equal(10, keyInfo.GetProperty("column").GetInt32());
        var diagnostics = keyInfo.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(["CS0103", "CS0029"], diagnostics.Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(4, diagnostics[1].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Runtime_exception_reports_its_type_message_script_line_and_traceback()
    {
        var body = await _factory.ExecuteCSharpAsync("""
            var numbers = new[] { 1, 2, 3 };
            Console.WriteLine("before");
            int Pick(int i) => numbers[i];
            var value = Pick(7);
            Console.WriteLine("after");
            """);

        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal("before\n", body.GetProperty("stdout").GetString());
        var error = body.GetProperty("error");
        Assert.Equal("IndexOutOfRangeException", error.GetProperty("type").GetString());
        Assert.Contains("outside the bounds", error.GetProperty("message").GetString());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Contains("script.csx:line 3", error.GetProperty("traceback").GetString());
        Assert.Equal(JsonValueKind.Object, error.GetProperty("key_info").ValueKind);
    }

    [Fact]
    public async Task Exception_thrown_after_an_await_still_carries_its_line()
    {
        var body = await _factory.ExecuteCSharpAsync("""
            await Task.Delay(10);

            throw new InvalidOperationException("no data for 2025");
            """);

        var error = body.GetProperty("error");
        Assert.Equal("InvalidOperationException", error.GetProperty("type").GetString());
        Assert.Equal("no data for 2025", error.GetProperty("message").GetString());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
    }
}
