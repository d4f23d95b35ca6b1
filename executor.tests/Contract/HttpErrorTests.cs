using System.Net;
using System.Text;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Contract;

public sealed class HttpErrorTests : IClassFixture<ExecutorFactory>
{
    private readonly ExecutorFactory _factory;

    public HttpErrorTests(ExecutorFactory factory) => _factory = factory;

    [Theory]
    [InlineData("{\"code\": \"print(1)\"", "application/json", HttpStatusCode.BadRequest, "Malformed JSON")]
    [InlineData("[{\"code\": \"print(1)\"}]", "application/json", HttpStatusCode.BadRequest, "must be a JSON object")]
    [InlineData("\"print(1)\"", "application/json", HttpStatusCode.BadRequest, "must be a JSON object")]
    [InlineData("{\"code\": 42}", "application/json", HttpStatusCode.BadRequest, "'code' must be a string")]
    [InlineData("{\"code\": [\"print(1)\"]}", "application/json", HttpStatusCode.BadRequest, "'code' must be a string")]
    [InlineData("{\"code\": \"\"}", "application/json", HttpStatusCode.BadRequest, "No code provided")]
    [InlineData("{}", "application/json", HttpStatusCode.BadRequest, "No code provided")]
    [InlineData("{\"code\": \"print(1)\", \"session_id\": \"someone-else\"}", "application/json", HttpStatusCode.Forbidden, "Session ID mismatch - request routed to wrong container")]
    [InlineData("code=print(1)", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "Content-Type must be application/json")]
    [InlineData("", "application/json", HttpStatusCode.BadRequest, "empty")]
    public async Task Bad_execute_requests_get_a_json_error(string content, string contentType, HttpStatusCode status, string fragment)
    {
        var (response, body) = await _factory.SendRawAsync(HttpMethod.Post, "/execute", content, contentType);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(fragment, body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Deeply_nested_json_is_refused_without_harm()
    {
        var nested = new string('[', 10000) + new string(']', 10000);
        var (response, body) = await _factory.SendRawAsync(HttpMethod.Post, "/execute", $"{{\"code\": {nested}}}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Malformed JSON", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var huge = "{\"code\": \"" + new string('a', 11 << 20) + "\"}";
        var (response, body) = await _factory.SendRawAsync(HttpMethod.Post, "/execute", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_once_the_limit_is_read()
    {
        var content = new UnknownLengthContent(Encoding.UTF8.GetBytes("{\"code\": \"" + new string('a', 11 << 20) + "\"}"));
        content.Headers.ContentType = new("application/json");
        var response = await _factory.CreateClient().PostAsync("/execute", content);
        var body = await ExecutorFactory.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Unknown_routes_and_wrong_methods_answer_json()
    {
        var (notFound, notFoundBody) = await _factory.SendRawAsync(HttpMethod.Get, "/no/such/route", null);
        var (wrongMethod, wrongMethodBody) = await _factory.SendRawAsync(HttpMethod.Get, "/execute", null);
        var (deleteHealth, _) = await _factory.SendRawAsync(HttpMethod.Delete, "/health", null);

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("/no/such/route", notFoundBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Contains("GET", wrongMethodBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, deleteHealth.StatusCode);
    }

    [Fact]
    public async Task The_old_runtimes_exact_request_is_accepted()
    {
        var (response, body) = await _factory.SendRawAsync(HttpMethod.Post, "/execute",
            $"{{\"code\": \"print('안녕하세요')\", \"session_id\": \"{_factory.SessionId}\"}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("안녕하세요\n", body.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Completion_with_the_wrong_session_is_403()
    {
        var (response, body) = await _factory.PostAsync("/session/complete", new { session_id = "someone-else" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Session ID mismatch - completion request routed to wrong container", body.GetProperty("error").GetString());
    }

    /// <summary>A body sent without a Content-Length, so the server only learns its size by counting what arrives.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
