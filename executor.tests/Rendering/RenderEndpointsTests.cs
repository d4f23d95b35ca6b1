using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DeepInsight.Executor.Rendering;
using DeepInsight.Executor.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DeepInsight.Executor.Tests.Rendering;

public sealed class RenderEndpointsTests : IClassFixture<ExecutorFactory>, IDisposable
{
    private readonly RenderTestDirectory _workRoot = new();
    private readonly HttpClient _client;

    public RenderEndpointsTests(ExecutorFactory factory)
    {
        _client = factory.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton(new RenderPaths(_workRoot.Root)))).CreateClient();
    }

    public void Dispose() => _workRoot.Dispose();

    private static object Chart(string output, string type = "bar", object? format = null) => new Dictionary<string, object?>
    {
        ["type"] = type,
        ["title"] = "카테고리별 매출",
        ["x_label"] = "카테고리",
        ["y_label"] = "매출액",
        ["categories"] = new[] { "채소", "과일", "수산" },
        ["series"] = new[] { new { name = "매출", values = new[] { 120000.0, 95000, 40000 } } },
        ["width"] = 640,
        ["height"] = 480,
        ["format"] = format,
        ["output"] = output,
    };

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string route, object body)
    {
        var response = await _client.PostAsJsonAsync(route, body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostRaw(string route, string json, string contentType = "application/json")
    {
        var response = await _client.PostAsync(route, new StringContent(json, Encoding.UTF8, contentType));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Theory]
    [InlineData("artifacts/charts/sales.png", null, "png")]
    [InlineData("artifacts/sales.svg", null, "svg")]
    [InlineData("artifacts/sales.pdf", "pdf", "pdf")]
    public async Task Chart_is_written_under_artifacts(string output, string? format, string expectedFormat)
    {
        var (status, body) = await Post("/render/chart", Chart(output, format: format));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(output, body.GetProperty("path").GetString());
        Assert.Equal(expectedFormat, body.GetProperty("format").GetString());
        Assert.Equal(640, body.GetProperty("width").GetInt32());
        Assert.Equal(480, body.GetProperty("height").GetInt32());
        Assert.True(body.GetProperty("elapsed_ms").GetInt64() >= 0);
        var file = new FileInfo(Path.Combine(_workRoot.Root, output));
        Assert.Equal(file.Length, body.GetProperty("bytes").GetInt64());
        if (expectedFormat == "png") Assert.Equal((640, 480), (PngPixels.Load(file.FullName).Width, PngPixels.Load(file.FullName).Height));
    }

    [Fact]
    public async Task Report_is_written_with_its_page_count_and_images()
    {
        var (chartStatus, _) = await Post("/render/chart", Chart("artifacts/chart.png"));
        Assert.Equal(HttpStatusCode.OK, chartStatus);

        var (status, body) = await Post("/render/report", new
        {
            title = "주간 보고서",
            markdown = "## 개요\n\n본문입니다.\n\n![차트](artifacts/chart.png)\n\n| 항목 | 값 |\n|---|---:|\n| 채소 | 120,000 |\n",
            output = "artifacts/reports/weekly.pdf",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("artifacts/reports/weekly.pdf", body.GetProperty("path").GetString());
        var pdf = Path.Combine(_workRoot.Root, "artifacts/reports/weekly.pdf");
        Assert.Equal(Poppler.PageCount(pdf), body.GetProperty("pages").GetInt32());
        Assert.Equal(new FileInfo(pdf).Length, body.GetProperty("bytes").GetInt64());
        Assert.Contains("주간보고서", Poppler.CompactText(pdf));
        Assert.Equal(1, Poppler.ImageCount(pdf));
    }

    /// <summary>A file that exists but is not a PNG fails inside cairo: the caller's problem, named in a JSON 400.</summary>
    [Fact]
    public async Task A_report_image_that_is_not_a_png_is_a_json_error()
    {
        Directory.CreateDirectory(_workRoot.PathOf("artifacts"));
        await File.WriteAllTextAsync(_workRoot.PathOf("artifacts/broken.png"), "not a PNG at all");

        var (status, body) = await Post("/render/report", new
        {
            title = "보고서",
            markdown = "![차트](artifacts/broken.png)\n",
            output = "artifacts/broken-report.pdf",
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("image 'artifacts/broken.png': cannot read PNG 'broken.png'", body.GetProperty("error").GetString());
        Assert.False(File.Exists(_workRoot.PathOf("artifacts/broken-report.pdf")));
    }

    [Theory]
    [InlineData("../escape.png", "must not contain '..'")]
    [InlineData("artifacts/../../escape.png", "must not contain '..'")]
    [InlineData("/etc/escape.png", "must be a relative path")]
    [InlineData("data/elsewhere.png", "must be a file under artifacts/")]
    [InlineData("", "output is required")]
    public async Task Chart_output_must_stay_under_artifacts(string output, string expected)
    {
        var (status, body) = await Post("/render/chart", Chart(output));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Symbolic_links_out_of_artifacts_are_refused()
    {
        var outside = Directory.CreateTempSubdirectory("render-outside-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(_workRoot.Root, "artifacts"));
            Directory.CreateSymbolicLink(Path.Combine(_workRoot.Root, "artifacts", "link"), outside);
            var (status, body) = await Post("/render/chart", Chart("artifacts/link/x.png"));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("leads outside artifacts/", body.GetProperty("error").GetString());
            Assert.Empty(Directory.GetFileSystemEntries(outside));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task A_chart_without_a_size_gets_the_default_size()
    {
        var (status, body) = await PostRaw("/render/chart", """{"type":"bar","series":[{"values":[1,2]}],"output":"artifacts/default.png"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1200, body.GetProperty("width").GetInt32());
        Assert.Equal(800, body.GetProperty("height").GetInt32());
    }

    [Theory]
    [InlineData("""{"type":"bubble","series":[{"values":[1]}],"output":"artifacts/a.png"}""", "unknown chart type 'bubble'")]
    [InlineData("""{"type":"bar","categories":["a","b"],"series":[{"values":[1]}],"output":"artifacts/a.png"}""", "has 1 values but there are 2 categories")]
    [InlineData("""{"type":"bar","series":[],"output":"artifacts/a.png"}""", "series is empty")]
    [InlineData("""{"type":"line","series":[{"values":[1,"NaN"]}],"output":"artifacts/a.png"}""", "not a finite number")]
    [InlineData("""{"type":"bar","series":[{"values":[1]}],"width":20,"output":"artifacts/a.png"}""", "width 20 is out of range")]
    [InlineData("""{"type":"bar","series":[{"values":[1]}],"format":"gif","output":"artifacts/a.png"}""", "unknown format 'gif'")]
    [InlineData("""{"type":"bar","series":[{"values":[1]}],"format":"svg","output":"artifacts/a.png"}""", "does not match the output extension")]
    [InlineData("""{"type":"bar",""", "Malformed JSON")]
    [InlineData("""{"type":"bar","series":[{"values":[1,"x"]}],"output":"artifacts/a.png"}""", "'series[0].values[1]' must be a number")]
    [InlineData("""{"type":"bar","series":[{"values":[1]}],"width":"wide","output":"artifacts/a.png"}""", "'width' must be an integer")]
    public async Task Invalid_chart_specs_are_400_with_the_problem_named(string json, string expected)
    {
        var (status, body) = await PostRaw("/render/chart", json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, body.GetProperty("error").GetString());
        Assert.False(Directory.Exists(Path.Combine(_workRoot.Root, "artifacts")) && Directory.EnumerateFiles(Path.Combine(_workRoot.Root, "artifacts")).Any());
    }

    [Theory]
    [InlineData("""{"title":"t","markdown":"![x](artifacts/missing.png)","output":"artifacts/r.pdf"}""", "image 'artifacts/missing.png' not found")]
    [InlineData("""{"title":"t","markdown":"![x](../../etc/passwd)","output":"artifacts/r.pdf"}""", "must not contain '..'")]
    [InlineData("""{"title":"t","markdown":"text","output":"artifacts/r.png"}""", "output must be a .pdf file")]
    [InlineData("""{"title":"t","output":"artifacts/r.pdf"}""", "markdown is required")]
    public async Task Invalid_reports_are_400_with_the_problem_named(string json, string expected)
    {
        var (status, body) = await PostRaw("/render/report", json);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, body.GetProperty("error").GetString());
        Assert.False(File.Exists(Path.Combine(_workRoot.Root, "artifacts/r.pdf")));
    }

    [Fact]
    public async Task Wrong_content_type_is_a_json_error()
    {
        var (status, body) = await PostRaw("/render/chart", "type=bar", "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("Content-Type", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Oversized_markdown_is_refused()
    {
        var (status, body) = await Post("/render/report", new { title = "t", markdown = new string('가', 800_000), output = "artifacts/big.pdf" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("larger than 2 MB", body.GetProperty("error").GetString());
    }
}
