using System.Diagnostics;
using DeepInsight.Executor.Api.Contracts;
using DeepInsight.Executor.Rendering;
using DeepInsight.Executor.Rendering.Canvas;
using DeepInsight.Executor.Rendering.Charts;
using DeepInsight.Executor.Rendering.Reports;

namespace DeepInsight.Executor.Api;

/// <summary>POST /render/chart and POST /render/report: ScottPlot charts and Markdown PDF reports written under artifacts/.</summary>
public static class RenderEndpoints
{
    // A 2 MB Markdown document in JSON, or 100,000 chart points, with room for escaping.
    private const long MaxBodyBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapRenderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/render");
        group.MapPost("/chart", (HttpContext http, RenderPaths paths, RenderScheduler scheduler) =>
                Handle<ChartRequest, ChartResponse>(http, scheduler, request => RenderChart(request, new RenderPathResolver(paths.WorkRoot))))
            .Answers<ChartResponse>()
            .Takes<ChartRequest>()
            .Fails(StatusCodes.Status500InternalServerError);
        group.MapPost("/report", (HttpContext http, RenderPaths paths, RenderScheduler scheduler) =>
                Handle<ReportRequest, ReportResponse>(http, scheduler, request => RenderReport(request, new RenderPathResolver(paths.WorkRoot))))
            .Answers<ReportResponse>()
            .Takes<ReportRequest>()
            .Fails(StatusCodes.Status500InternalServerError);
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
    private static async Task<JsonAnswer> Handle<TRequest, TResponse>(HttpContext http, RenderScheduler scheduler, Func<TRequest, TResponse> render)
        where TRequest : new()
    {
        var (body, bodyError) = await JsonBody.ReadAsync<TRequest>(http.Request, MaxBodyBytes);
        if (body is null) return bodyError!;
        try
        {
            return ApiJson.Ok(await scheduler.RunAsync(() => render(body.Value), http.RequestAborted));
        }
        catch (RenderValidationException e)
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (CanvasException e)
        {
            return ApiJson.Error(StatusCodes.Status500InternalServerError, $"rendering failed: {e.Message}");
        }
    }
}
