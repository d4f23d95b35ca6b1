using System.Net;
using System.Net.Http.Json;
using System.Text;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Contract;

/// <summary>
/// Kestrel's own body limit only shows on a real socket: the executor runs as a process and the
/// client is HttpClient, which, like the runtime's Python client, sends the whole body before
/// it reads the answer.
/// </summary>
public sealed class OversizedBodyProcessTests
{
    [Fact]
    public async Task A_40_mb_body_with_its_length_gets_the_413_json_and_the_server_carries_on()
    {
        using var server = new ServerProcess(new Dictionary<string, string> { ["EXECUTOR_CSHARP_PREWARM"] = "false" });
        await server.WaitUntilListeningAsync();
        var body = Encoding.UTF8.GetBytes("{\"code\": \"" + new string('a', 40 << 20) + "\"}");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await server.Client.PostAsync("/execute", content);
        var error = await ExecutorFactory.ReadJsonAsync(response);
        var next = await server.Client.PostAsJsonAsync("/execute", new { code = "print('after')" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Request body exceeds the limit of 10485760 bytes", error.GetProperty("error").GetString());
        Assert.Equal("after\n", (await ExecutorFactory.ReadJsonAsync(next)).GetProperty("stdout").GetString());
    }
}
