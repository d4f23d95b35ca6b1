using System.Net;
using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Contract;

public sealed class HealthAndInfoTests : IClassFixture<ExecutorFactory>
{
    private readonly ExecutorFactory _factory;

    public HealthAndInfoTests(ExecutorFactory factory) => _factory = factory;

    [Fact]
    public async Task Health_reports_an_open_session_with_the_contract_fields()
    {
        var response = await _factory.CreateClient().GetAsync("/health");
        var body = await ExecutorFactory.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(_factory.SessionId, body.GetProperty("session_id").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("executions_completed").ValueKind);
        Assert.Equal(500, body.GetProperty("max_executions").GetInt32());
        Assert.False(body.GetProperty("is_complete").GetBoolean());
    }

    [Fact]
    public async Task Container_info_gives_the_configured_private_ip_and_the_known_session()
    {
        var response = await _factory.CreateClient().GetAsync($"/container-info?session_id={_factory.SessionId}");
        var body = await ExecutorFactory.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("10.0.1.23", body.GetProperty("private_ip").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("hostname").GetString()));
        Assert.Equal(_factory.SessionId, body.GetProperty("session_id").GetString());
        Assert.Equal([_factory.SessionId], body.GetProperty("known_sessions").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(JsonValueKind.Number, body.GetProperty("executions_completed").ValueKind);
    }

    [Fact]
    public async Task Session_status_has_the_fields_the_runtime_reads()
    {
        var response = await _factory.CreateClient().GetAsync("/session/status");
        var body = await ExecutorFactory.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_factory.SessionId, body.GetProperty("session_id").GetString());
        Assert.Equal("active", body.GetProperty("status").GetString());
        Assert.Equal(500, body.GetProperty("max_executions").GetInt32());
        Assert.False(body.GetProperty("is_complete").GetBoolean());
        Assert.True(body.GetProperty("start_time").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("executions_completed").ValueKind);
    }
}
