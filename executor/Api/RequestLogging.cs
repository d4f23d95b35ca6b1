using System.Diagnostics;

namespace DeepInsight.Executor.Api;

/// <summary>
/// One log event per request with its outcome and duration; the ALB's X-Amzn-Trace-Id (when
/// present) is put in scope so that execution events of the request carry it too.
/// </summary>
public static class RequestLogging
{
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DeepInsight.Executor.Requests");
        app.Use(async (context, next) =>
        {
            var clock = Stopwatch.StartNew();
            var traceId = context.Request.Headers["X-Amzn-Trace-Id"].FirstOrDefault();
            using var scope = traceId is null ? null : logger.BeginScope(new Dictionary<string, object> { ["AmznTraceId"] = traceId });
            try
            {
                await next(context);
            }
            finally
            {
                // Health checks arrive every few seconds: keep them out of the info stream.
                var level = context.Request.Path.StartsWithSegments("/health") ? LogLevel.Debug : LogLevel.Information;
                logger.Log(level, "HTTP {Method} {Path} answered {StatusCode} in {ElapsedMs} ms",
                    context.Request.Method, context.Request.Path.Value, context.Response.StatusCode, clock.ElapsedMilliseconds);
            }
        });
        return app;
    }
}
