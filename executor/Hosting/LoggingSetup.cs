using DeepInsight.Executor.Sessions;
using Serilog;
using Serilog.Context;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace DeepInsight.Executor.Hosting;

/// <summary>
/// Structured logs on stdout, one compact JSON object (CLEF: @t, @mt, @l, @x, @tr, @sp, then the
/// properties) per line, which CloudWatch reads line by line; every event is tagged with the
/// session, and with the span it was logged in when traces are on.
/// </summary>
public static class LoggingSetup
{
    private const string AmznTraceIdHeader = "X-Amzn-Trace-Id";

    public static void AddJsonConsoleLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        // Configured when first asked for: the session id comes from configuration, which tests set late.
        // The logger is this app's own, not Serilog's static one: tests run several apps in one process.
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("session_id", services.GetRequiredService<SessionSettings>().SessionId)
            .WriteTo.Console(new CompactJsonFormatter()), preserveStaticLogger: true);
    }

    /// <summary>
    /// One event per request (Serilog's request logging: method, path, status, elapsed ms; health
    /// checks at debug level, so not written), outermost so it logs the status the client got.
    /// The ALB's X-Amzn-Trace-Id, when sent, tags every event of the request, the execution's included.
    /// </summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            using var traceId = context.Request.Headers[AmznTraceIdHeader] is [{ } id] ? LogContext.PushProperty("AmznTraceId", id) : null;
            await next(context);
        });
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = (context, _, exception) =>
                context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Debug
                : exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : LogEventLevel.Information;
        });
        return app;
    }
}
