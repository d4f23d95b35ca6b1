using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Sandbox;

/// <summary>Many executions at once: each answer carries its own output, and numbering has no gaps or repeats.</summary>
public sealed class ConcurrencyTests : IClassFixture<ConcurrencyTests.RoomyQueueFactory>
{
    private const int Clients = 8;
    private const int ExecutionsPerClient = 50;

    /// <summary>A queue long enough for every request: this test is about mixing, not refusal.</summary>
    public sealed class RoomyQueueFactory() : ExecutorFactory(new Dictionary<string, string>
    {
        ["EXECUTOR_MAX_QUEUED"] = (Clients * ExecutionsPerClient).ToString(),
    });

    private readonly RoomyQueueFactory _factory;

    public ConcurrencyTests(RoomyQueueFactory factory) => _factory = factory;

    [Fact]
    public async Task Concurrent_executions_keep_their_own_output_and_gap_free_numbers()
    {
        var requests = Enumerable.Range(0, Clients).SelectMany(client =>
        {
            var http = _factory.CreateClient();
            // 400 executions through two running at a time: on a loaded machine the last in the
            // queue waits longer than HttpClient's default 100 s, and this test is not about speed.
            http.Timeout = TimeSpan.FromMinutes(10);
            return Enumerable.Range(0, ExecutionsPerClient).Select(i => ExecuteAsync(http, $"token-{client}-{i}-{Guid.NewGuid():N}"));
        }).ToList();
        var results = await Task.WhenAll(requests);

        foreach (var (token, body) in results)
        {
            Assert.True(body.GetProperty("status").GetString() == "completed", body.ToString());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("error").ValueKind);
            Assert.Equal($"{token}\n", body.GetProperty("stdout").GetString());
            Assert.Equal($"{token}\n", body.GetProperty("stderr").GetString());
        }
        var numbers = results.Select(r => r.Body.GetProperty("execution_num").GetInt32()).Order();
        Assert.Equal(Enumerable.Range(1, Clients * ExecutionsPerClient), numbers);
    }

    private static async Task<(string Token, JsonElement Body)> ExecuteAsync(HttpClient http, string token)
    {
        // Out through print on stdout and through the raw descriptor on stderr: both streams must stay unmixed.
        var code = $"print('{token}')\nos.write(2, b'{token}\\n')";
        var response = await http.PostAsJsonAsync("/execute", new { code });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (token, await ExecutorFactory.ReadJsonAsync(response));
    }
}
