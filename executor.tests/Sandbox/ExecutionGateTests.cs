using System.Net;
using System.Net.Http.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Sandbox;

/// <summary>Beyond the running executions and the queue, requests are refused at once with a JSON 503.</summary>
public sealed class ExecutionGateTests : IClassFixture<ExecutionGateTests.OneRunningOneQueuedFactory>
{
    public sealed class OneRunningOneQueuedFactory() : ExecutorFactory(new Dictionary<string, string>
    {
        ["EXECUTOR_MAX_CONCURRENT"] = "1",
        ["EXECUTOR_MAX_QUEUED"] = "1",
        // Bounds the test if the gate let too many in: the waiting executions end by their time limit.
        ["EXECUTOR_PYTHON_TIMEOUT_SECONDS"] = "60",
    });

    private readonly OneRunningOneQueuedFactory _factory;

    public ExecutionGateTests(OneRunningOneQueuedFactory factory) => _factory = factory;

    [Fact]
    public async Task Requests_beyond_the_queue_get_503_and_the_admitted_ones_complete()
    {
        var release = Path.Combine(_factory.WorkRoot, $"release-{Guid.NewGuid():N}");
        // Admitted executions wait for the file, so the gate stays full until every refusal is in.
        var code = $"import time\nwhile not os.path.exists('{release}'):\n    time.sleep(0.01)\nprint('released')";
        var http = _factory.CreateClient();
        // Bodies of their own: identical ones sent while the first runs would join it, not queue.
        var requests = Enumerable.Range(0, 6).Select(i => http.PostAsJsonAsync("/execute", new { code = $"{code}\n# request {i}" })).ToList();

        var refused = new List<HttpResponseMessage>();
        var pending = new List<Task<HttpResponseMessage>>(requests);
        while (refused.Count < 4)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            refused.Add(await done);
        }
        File.WriteAllText(release, "");
        var admitted = await Task.WhenAll(pending);

        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var body = await ExecutorFactory.ReadJsonAsync(response);
            Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetString()));
        }
        var numbers = new List<int>();
        foreach (var response in admitted)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await ExecutorFactory.ReadJsonAsync(response);
            Assert.Equal("released\n", body.GetProperty("stdout").GetString());
            numbers.Add(body.GetProperty("execution_num").GetInt32());
        }
        // Refusals take no number: the admitted two are 1 and 2.
        Assert.Equal([1, 2], numbers.Order());
    }
}
