using System.Collections;
using CliWrap;
using CliWrap.Buffered;
using DeepInsight.Executor.Execution.Core;
using DeepInsight.Executor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DeepInsight.Executor.Tests.Sandbox;

/// <summary>Children never see the task's AWS credentials, nor the ECS endpoint that hands them out.</summary>
public sealed class ChildEnvironmentTests
{
    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("AWS_SESSION_TOKEN")]
    [InlineData("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")]
    [InlineData("AWS_CONTAINER_CREDENTIALS_FULL_URI")]
    [InlineData("AWS_CONTAINER_AUTHORIZATION_TOKEN")]
    [InlineData("AWS_CONTAINER_CREDENTIALS_SOME_FUTURE_NAME")]
    [InlineData("AWS_WEB_IDENTITY_TOKEN_FILE")]
    public void Credential_variables_are_withheld_unless_configured(string name)
    {
        var source = new Hashtable { [name] = "secret-value", ["AWS_REGION"] = "ap-northeast-2", ["PATH"] = "/usr/bin" };

        var withheld = ChildEnvironment.Build(source, inheritAwsCredentials: false);
        var inherited = ChildEnvironment.Build(source, inheritAwsCredentials: true);

        Assert.False(withheld.ContainsKey(name));
        Assert.Equal("ap-northeast-2", withheld["AWS_REGION"]);
        Assert.Equal("/usr/bin", withheld["PATH"]);
        Assert.Equal("secret-value", inherited[name]);
    }

    /// <summary>
    /// Through /execute, with the variable in the server's real environment. The environment is
    /// process-wide: the variable is set only if no one else set it, and only this test removes it.
    /// </summary>
    [Fact]
    public async Task An_execution_does_not_see_the_servers_session_token()
    {
        const string name = "AWS_SESSION_TOKEN";
        var ownsVariable = Environment.GetEnvironmentVariable(name) is null;
        if (ownsVariable) Environment.SetEnvironmentVariable(name, $"test-secret-{Guid.NewGuid():N}");
        var secret = Environment.GetEnvironmentVariable(name)!;
        try
        {
            using var factory = new ExecutorFactory();
            await ExecutorChecks.WaitForWarmForkServerAsync(factory);
            // Also the fork server's environment: a child can read its parent's /proc/PID/environ.
            var body = await factory.ExecuteAsync($$"""
                with open(f"/proc/{os.getppid()}/environ", "rb") as f:
                    parent = f.read().decode("utf-8", "replace")
                print(os.environ.get("{{name}}"), "{{secret}}" in str(dict(os.environ)), "{{secret}}" in parent)
                """);
            Assert.Equal("None False False\n", body.GetProperty("stdout").GetString());
        }
        finally
        {
            if (ownsVariable) Environment.SetEnvironmentVariable(name, null);
        }
    }

    /// <summary>
    /// A warm child starts from the fork server's environment, which holds a few variables of
    /// its own (one BLAS thread): the code still sees exactly the configured environment, and a
    /// variable one execution sets is gone in the next.
    /// </summary>
    [Fact]
    public async Task The_code_sees_exactly_the_child_environment_and_nothing_an_earlier_execution_set()
    {
        using var factory = new ExecutorFactory();
        await ExecutorChecks.WaitForWarmForkServerAsync(factory);
        var expected = factory.Services.GetRequiredService<IReadOnlyDictionary<string, string>>();
        const string dump = "print(json.dumps(dict(os.environ), sort_keys=True))";

        await factory.ExecuteAsync("os.environ['LEFT_BY_EARLIER_CODE'] = '1'\nos.environ['PATH'] = '/nowhere'");
        var body = await factory.ExecuteAsync(dump);

        var seen = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(body.GetProperty("stdout").GetString()!)!;
        Assert.Equal(expected.OrderBy(p => p.Key), seen.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task A_command_run_with_the_replacing_changes_sees_exactly_the_given_environment()
    {
        // The test process has PATH, HOME and more: none of it may come through.
        var result = await Cli.Wrap("/usr/bin/env")
            .WithEnvironmentVariables(ChildEnvironment.Replacing(new Dictionary<string, string> { ["ONLY"] = "this", ["LANG"] = "C.UTF-8" }))
            .ExecuteBufferedAsync();

        Assert.Equal(["LANG=C.UTF-8", "ONLY=this"], result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }
}
