using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DeepInsight.Executor.Tests.Infrastructure;
using Json.Schema;

namespace DeepInsight.Executor.Tests.Contract;

/// <summary>
/// GET /openapi/v1.json describes every answer of every endpoint: each status with its schema,
/// the error shape on every error status, member names as the wire has them; and real answers
/// of the app are valid against the schemas the document gives for them.
/// </summary>
public sealed partial class OpenApiDocumentTests : IClassFixture<ExecutorFactory>
{
    private const string ErrorSchema = "ErrorResponse";

    private readonly ExecutorFactory _factory;

    public OpenApiDocumentTests(ExecutorFactory factory) => _factory = factory;

    /// <summary>
    /// Every operation and the answers the document must give it: "status:Schema", a bare status
    /// for the error shape, "status:-" for an answer without a body.
    /// </summary>
    public static TheoryData<string, string> Operations => new()
    {
        { "GET /health", "200:HealthResponse 503:HealthResponse" },
        { "GET /container-info", "200:ContainerInfoResponse" },
        { "POST /execute", "200:ExecuteResponse 400 403 409 413 415 422 503" },
        { "POST /session/complete", "200:SessionCompletionResponse 500:SessionCompletionResponse 400 403 413 415" },
        { "GET /session/status", "200:SessionStatusResponse" },
        { "POST /file-sync", "200:FileSyncResponse 400 413 415 500" },
        { "GET /artifacts", "200:ArtifactListResponse" },
        { "GET /artifacts.zip", "200:Stream" },
        { "GET /artifacts/{path}", "200:Stream 206:Stream 304:- 412:- 416:- 400 404" },
        { "POST /render/chart", "200:ChartResponse 400 413 415 500" },
        { "POST /render/report", "200:ReportResponse 400 413 415 500" },
    };

    [Fact]
    public async Task The_document_has_exactly_the_operations_listed_here()
    {
        var document = await FetchDocumentAsync(_factory);

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(method => $"{method.Key.ToUpperInvariant()} {path.Key}"))
            .Order();
        Assert.Equal(Operations.Select(row => (string)row[0]).Order(), operations);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Every_answer_of_an_operation_has_its_schema(string operation, string answers)
    {
        var document = await FetchDocumentAsync(_factory);
        var responses = Operation(document, operation)["responses"]!.AsObject();

        var expected = answers.Split(' ').Select(answer => answer.Split(':')).ToDictionary(parts => parts[0], parts => parts.Length == 1 ? ErrorSchema : parts[1]);
        // "default": whatever is answered around the endpoint (oversized bodies, unexpected failures) is the error shape.
        expected["default"] = ErrorSchema;
        Assert.Equal(expected.Keys.Order(), responses.Select(response => response.Key).Order());
        foreach (var (status, schema) in expected)
        {
            var content = responses[status]!["content"];
            if (schema == "-")
            {
                Assert.True(content is null, $"{operation} {status} should have no body");
                continue;
            }
            var reference = content!.AsObject().Single().Value!["schema"]!["$ref"]?.GetValue<string>();
            Assert.True(reference == $"#/components/schemas/{schema}", $"{operation} {status}: {reference}, expected {schema}");
        }
    }

    [Fact]
    public async Task The_error_shape_requires_an_error_string()
    {
        var document = await FetchDocumentAsync(_factory);
        var schema = document["components"]!["schemas"]![ErrorSchema]!;

        Assert.Contains("error", schema["required"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Equal("string", schema["properties"]!["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Members_are_named_in_snake_case_as_on_the_wire()
    {
        var document = await FetchDocumentAsync(_factory);

        var names = document["components"]!["schemas"]!.AsObject()
            .SelectMany(schema => schema.Value!["properties"]?.AsObject().Select(property => $"{schema.Key}.{property.Key}") ?? [])
            .ToList();
        Assert.Contains("ExecuteResponse.s3_backup", names);
        Assert.All(names, name => Assert.Matches(SnakeCaseMember(), name));
    }

    /// <summary>The app's own answers, success and error alike, through a session's whole life.</summary>
    [Fact]
    public async Task Real_answers_are_valid_against_the_document()
    {
        using var factory = new ExecutorFactory();
        var document = await FetchDocumentAsync(factory);
        var client = factory.CreateClient();

        async Task CheckAsync(string operation, HttpStatusCode status, HttpMethod method, string path, string? body = null,
            string contentType = "application/json", string? idempotencyKey = null)
        {
            var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            var response = await client.SendAsync(request);
            var answer = await ExecutorFactory.ReadJsonAsync(response);
            Assert.True(status == response.StatusCode, $"{method} {path}: {response.StatusCode} {answer}");
            var results = SchemaOf(document, operation, (int)status).Evaluate(answer, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(results.IsValid, $"{method} {path} {(int)status} does not match the document: {answer}\n{JsonSerializer.Serialize(results)}");
        }

        await CheckAsync("GET /health", HttpStatusCode.OK, HttpMethod.Get, "/health");
        await CheckAsync("GET /container-info", HttpStatusCode.OK, HttpMethod.Get, "/container-info");
        await CheckAsync("GET /session/status", HttpStatusCode.OK, HttpMethod.Get, "/session/status");
        await CheckAsync("POST /execute", HttpStatusCode.OK, HttpMethod.Post, "/execute", """{"code": "print('안녕')"}""", idempotencyKey: "once");
        await CheckAsync("POST /execute", HttpStatusCode.OK, HttpMethod.Post, "/execute", """{"code": "1/0"}""");
        await CheckAsync("POST /execute", HttpStatusCode.OK, HttpMethod.Post, "/execute", """{"code": "BASH: exit 3"}""");
        await CheckAsync("POST /execute", HttpStatusCode.BadRequest, HttpMethod.Post, "/execute", """{"code": 42}""");
        await CheckAsync("POST /execute", HttpStatusCode.Forbidden, HttpMethod.Post, "/execute", """{"code": "1", "session_id": "elsewhere"}""");
        await CheckAsync("POST /execute", HttpStatusCode.UnsupportedMediaType, HttpMethod.Post, "/execute", "code=1", "text/plain");
        await CheckAsync("POST /execute", HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "/execute", """{"code": "print(2)"}""", idempotencyKey: "once");
        await CheckAsync("POST /file-sync", HttpStatusCode.BadRequest, HttpMethod.Post, "/file-sync", "{}");
        await CheckAsync("POST /render/chart", HttpStatusCode.OK, HttpMethod.Post, "/render/chart",
            """{"type": "bar", "title": "매출", "series": [{"values": [1, 2]}], "output": "artifacts/chart.png"}""");
        await CheckAsync("POST /render/chart", HttpStatusCode.BadRequest, HttpMethod.Post, "/render/chart", """{"type": "bubble"}""");
        await CheckAsync("POST /render/report", HttpStatusCode.OK, HttpMethod.Post, "/render/report",
            """{"title": "보고서", "markdown": "# 제목\n\n본문", "output": "artifacts/report.pdf"}""");
        await CheckAsync("GET /artifacts", HttpStatusCode.OK, HttpMethod.Get, "/artifacts");
        await CheckAsync("GET /artifacts/{path}", HttpStatusCode.NotFound, HttpMethod.Get, "/artifacts/missing.txt");
        await CheckAsync("POST /session/complete", HttpStatusCode.OK, HttpMethod.Post, "/session/complete");
        await CheckAsync("GET /health", HttpStatusCode.ServiceUnavailable, HttpMethod.Get, "/health");
        await CheckAsync("POST /execute", HttpStatusCode.BadRequest, HttpMethod.Post, "/execute", """{"code": "print(3)"}""");
    }

    private static async Task<JsonNode> FetchDocumentAsync(ExecutorFactory factory)
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonNode Operation(JsonNode document, string operation)
    {
        var (method, path) = (operation.Split(' ')[0].ToLowerInvariant(), operation.Split(' ')[1]);
        return document["paths"]![path]![method]!;
    }

    /// <summary>
    /// The schema of one answer, with the document's components beside it, strict: a member the
    /// document does not name is an error too.
    /// </summary>
    private static JsonSchema SchemaOf(JsonNode document, string operation, int status)
    {
        var schema = Operation(document, operation)["responses"]![status.ToString()]!["content"]!["application/json"]!["schema"]!.DeepClone().AsObject();
        var components = document["components"]!["schemas"]!.DeepClone().AsObject();
        foreach (var (_, component) in components)
            if (component!["properties"] is not null) component["additionalProperties"] = false;
        schema["$defs"] = components;
        return JsonSchema.FromText(schema.ToJsonString().Replace("#/components/schemas/", "#/$defs/"));
    }

    [GeneratedRegex("^[A-Za-z]+\\.[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCaseMember();
}
