using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeepInsight.Executor.Rendering;
using DeepInsight.Executor.Rendering.Canvas;
using DeepInsight.Executor.Rendering.Charts;
using DeepInsight.Executor.Rendering.Reports;
using Microsoft.AspNetCore.Http.Features;

namespace DeepInsight.Executor.Api;

/// <summary>POST /render/chart and POST /render/report: ScottPlot charts and Markdown PDF reports written under artifacts/.</summary>
public static class RenderEndpoints
{
    // A 2 MB Markdown document in JSON, or 100,000 chart points, with room for escaping.
    private const long MaxBodyBytes = 8 * 1024 * 1024;

    /// <summary>For reading requests; answers are written by <see cref="ApiJson"/> like every other endpoint's.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Lets "NaN" and "Infinity" through parsing so validation can name them as non-finite.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public sealed record ChartRequest : ChartSpec
    {
        public string? Format { get; init; }
        public string? Output { get; init; }
    }

    public sealed record ChartResponse(string Path, string Format, long Bytes, int Width, int Height, long ElapsedMs);

    public sealed record ReportRequest(string? Title, string? Markdown, string? Output);

    public sealed record ReportResponse(string Path, long Bytes, int Pages, long ElapsedMs);

    public static IEndpointRouteBuilder MapRenderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/render");
        group.MapPost("/chart", (HttpContext http, RenderPaths paths, RenderScheduler scheduler) =>
            Handle<ChartRequest>(http, scheduler, request => RenderChart(request, new RenderPathResolver(paths.WorkRoot))));
        group.MapPost("/report", (HttpContext http, RenderPaths paths, RenderScheduler scheduler) =>
            Handle<ReportRequest>(http, scheduler, request => RenderReport(request, new RenderPathResolver(paths.WorkRoot))));
        return app;
    }

    private static ChartResponse RenderChart(ChartRequest request, RenderPathResolver resolver)
    {
        var started = Stopwatch.GetTimestamp();
        var chart = ChartSpecValidator.Validate(request);
        var format = FormatOf(request);
        var (full, relative) = resolver.ResolveOutput(request.Output);
        var bytes = ChartRenderer.Render(chart, format, full);
        return new ChartResponse(relative, format.Name(), bytes, chart.Width, chart.Height, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The requested format, else the output's extension, else PNG; the two must agree when both are given.</summary>
    private static ChartFormat FormatOf(ChartRequest request)
    {
        var fromPath = ChartFormatNames.TryFromPath(request.Output ?? "", out var implied);
        if (request.Format is null) return fromPath ? implied : ChartFormat.Png;
        if (!ChartFormatNames.TryParse(request.Format, out var format))
            throw new RenderValidationException($"unknown format '{request.Format}'; expected png, svg or pdf");
        if (fromPath && implied != format)
            throw new RenderValidationException($"format '{request.Format}' does not match the output extension '{Path.GetExtension(request.Output)}'");
        return format;
    }

    private static ReportResponse RenderReport(ReportRequest request, RenderPathResolver resolver)
    {
        var started = Stopwatch.GetTimestamp();
        if (request.Markdown is null) throw new RenderValidationException("markdown is required");
        if (!string.Equals(Path.GetExtension(request.Output), ".pdf", StringComparison.OrdinalIgnoreCase))
            throw new RenderValidationException("output must be a .pdf file under artifacts/");
        var (full, relative) = resolver.ResolveOutput(request.Output);
        var result = ReportRenderer.Render(request.Title, request.Markdown, full, image => resolver.ResolveInput("image", image));
        return new ReportResponse(relative, result.Bytes, result.Pages, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Reads a bounded JSON body, renders under the scheduler, and maps every failure to a JSON error.</summary>
    private static async Task<IResult> Handle<TRequest>(HttpContext http, RenderScheduler scheduler, Func<TRequest, object> render)
    {
        if (http.Request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            return Error(StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json, not '{type}'");
        if (http.Request.ContentLength > MaxBodyBytes) return TooLarge();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        try
        {
            var request = await JsonSerializer.DeserializeAsync<TRequest>(http.Request.Body, Json, http.RequestAborted);
            if (request is null) return Error(StatusCodes.Status400BadRequest, "request body must be a JSON object");
            return ApiJson.Ok(await scheduler.RunAsync(() => render(request), http.RequestAborted));
        }
        catch (JsonException e)
        {
            return Error(StatusCodes.Status400BadRequest, $"invalid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (RenderValidationException e)
        {
            return Error(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (CanvasException e)
        {
            return Error(StatusCodes.Status500InternalServerError, $"rendering failed: {e.Message}");
        }
    }

    private static IResult TooLarge() => Error(StatusCodes.Status413PayloadTooLarge, $"request body is larger than {MaxBodyBytes / (1024 * 1024)} MB");

    private static IResult Error(int status, string message) => ApiJson.Error(status, message);
}
