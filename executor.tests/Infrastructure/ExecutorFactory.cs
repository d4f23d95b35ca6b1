using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DeepInsight.Executor.Tests.Infrastructure;

/// <summary>
/// The real app started in-process, with its own temporary work root and local store, real
/// python3 children and settings given as the environment variables production uses.
/// </summary>
public class ExecutorFactory : WebApplicationFactory<Program>
{
    public string Root { get; } = Directory.CreateTempSubdirectory("executor-test-").FullName;
    public string WorkRoot => Path.Combine(Root, "app");
    public string StoreRoot => Path.Combine(Root, "store");
    public string SessionId { get; }
    private readonly Dictionary<string, string> _settings;

    /// <summary>xunit builds class fixtures through a parameterless constructor.</summary>
    public ExecutorFactory() : this(null)
    {
    }

    /// <summary>A factory with settings of its own (xunit fixtures allow one public constructor).</summary>
    public static ExecutorFactory WithSettings(IDictionary<string, string> settings) => new(settings);

    protected ExecutorFactory(IDictionary<string, string>? settings)
    {
        SessionId = settings is not null && settings.TryGetValue("SESSION_ID", out var id) ? id : "test" + Guid.NewGuid().ToString("N")[..4];
        _settings = new Dictionary<string, string>
        {
            ["SESSION_ID"] = SessionId,
            ["EXECUTOR_WORK_ROOT"] = WorkRoot,
            ["EXECUTOR_LOCAL_STORE"] = StoreRoot,
            ["EXECUTOR_PYTHON"] = TestPython.Path,
            ["EXECUTOR_PRIVATE_IP"] = "10.0.1.23",
            ["EXECUTOR_MEMORY_LIMIT_MB"] = "2048",
            // A warm C# worker costs a runtime and Roslyn per app: only the C# tests ask for one.
            ["EXECUTOR_CSHARP_PREWARM"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) _settings[key] = value;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public string StoreSessionPath => Path.Combine(StoreRoot, "deep-insight", "fargate_sessions", SessionId);

    public async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(string path, object body)
    {
        var response = await CreateClient().PostAsJsonAsync(path, body);
        return (response, await ReadJsonAsync(response));
    }

    public async Task<JsonElement> ExecuteAsync(string code)
    {
        var (response, body) = await PostAsync("/execute", new { code });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return body;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendRawAsync(HttpMethod method, string path, string? content, string? contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (content is not null)
        {
            request.Content = new StringContent(content, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }
        var response = await CreateClient().SendAsync(request);
        return (response, await ReadJsonAsync(response));
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json",
            $"Expected JSON from {response.RequestMessage?.RequestUri}, got {response.Content.Headers.ContentType}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
