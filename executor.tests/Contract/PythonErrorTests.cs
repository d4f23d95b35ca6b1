using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Contract;

public sealed class PythonErrorTests : IClassFixture<ExecutorFactory>
{
    private readonly ExecutorFactory _factory;

    public PythonErrorTests(ExecutorFactory factory) => _factory = factory;

    private async Task<JsonElement> FailAsync(string code)
    {
        var body = await _factory.ExecuteAsync(code);
        Assert.Equal("failed", body.GetProperty("status").GetString());
        return body.GetProperty("error");
    }

    [Fact]
    public async Task Runtime_error_reports_type_message_line_in_submitted_code_and_traceback()
    {
        var error = await FailAsync("x = 1\n\ndef f(d):\n    return x / d\n\nprint('before')\nf(0)\n");

        Assert.Equal("ZeroDivisionError", error.GetProperty("type").GetString());
        Assert.Equal("division by zero", error.GetProperty("message").GetString());
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Object, error.GetProperty("key_info").ValueKind);
        Assert.Empty(error.GetProperty("key_info").EnumerateObject());
        var traceback = error.GetProperty("traceback").GetString()!;
        Assert.Contains("return x / d", traceback);
        Assert.DoesNotContain("sandbox_child", traceback);
    }

    [Fact]
    public async Task Output_before_the_error_is_kept()
    {
        var body = await _factory.ExecuteAsync("print('partial result')\nraise RuntimeError('boom')");
        Assert.Equal("partial result\n", body.GetProperty("stdout").GetString());
        Assert.Equal("RuntimeError", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(2, body.GetProperty("error").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task NameError_names_the_undefined_variable()
    {
        var error = await FailAsync("total = 3\nprint(totl)");
        Assert.Equal("NameError", error.GetProperty("type").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal("totl", error.GetProperty("key_info").GetProperty("undefined_variable").GetString());
    }

    [Theory]
    [InlineData("import no_such_module_xyz", "ModuleNotFoundError", "no_such_module_xyz")]
    [InlineData("from os import no_such_name_xyz", "ImportError", "os")]
    public async Task Import_errors_name_the_missing_module(string code, string type, string module)
    {
        var error = await FailAsync(code);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(module, error.GetProperty("key_info").GetProperty("missing_module").GetString());
    }

    [Theory]
    [InlineData("style = 'a'\nwidth = 10px", "decimal literal", 2)]
    [InlineData("values = [1, 2,\nprint(values)", "not closed", 1)]
    [InlineData("v = 3.5\nprint(f'{v:,d}')", "format code", 2)]
    [InlineData("print(format('abc', ',s'))", "Conflicting format spec", 1)]
    public async Task Syntax_and_format_errors_carry_an_issue_hint_and_the_line(string code, string hintFragment, int line)
    {
        var error = await FailAsync(code);
        var issue = error.GetProperty("key_info").GetProperty("issue").GetString()!;
        Assert.Contains(hintFragment, issue, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(line, error.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Long_messages_and_tracebacks_are_cut_at_8192_characters()
    {
        var error = await FailAsync("raise ValueError('가' * 20000)");
        var message = error.GetProperty("message").GetString()!;
        Assert.Equal(8192 + 3, message.Length);
        Assert.EndsWith("...", message);
        Assert.Equal(8192 + 3, error.GetProperty("traceback").GetString()!.Length);
    }

    [Fact]
    public async Task Sys_exit_with_zero_completes_and_with_a_code_fails()
    {
        var clean = await _factory.ExecuteAsync("import sys\nprint('done')\nsys.exit(0)");
        var error = await FailAsync("import sys\nsys.exit(3)");

        Assert.Equal("completed", clean.GetProperty("status").GetString());
        Assert.Equal("done\n", clean.GetProperty("stdout").GetString());
        Assert.Equal("SystemExit", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_crash_by_signal_is_a_structured_error_and_the_server_carries_on()
    {
        var error = await FailAsync("import ctypes\nprint('about to crash', flush=True)\nctypes.string_at(0)");
        Assert.Equal("SIGSEGV", error.GetProperty("type").GetString());
        Assert.Equal(11, error.GetProperty("signal").GetInt32());

        var next = await _factory.ExecuteAsync("print('still here')");
        Assert.Equal("still here\n", next.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Os_exit_is_a_structured_error_and_the_server_carries_on()
    {
        var error = await FailAsync("import os\nprint('bye', flush=True)\nos._exit(5)");
        Assert.Equal("ProcessExit", error.GetProperty("type").GetString());
        Assert.Equal(5, error.GetProperty("exit_code").GetInt32());

        var health = await _factory.CreateClient().GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }
}
