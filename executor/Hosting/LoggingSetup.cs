using DeepInsight.Executor.Sessions;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Json;

namespace DeepInsight.Executor.Hosting;

/// <summary>Structured JSON logs on stdout (CloudWatch reads them line by line), tagged with the session.</summary>
public static class LoggingSetup
{
    public static void AddJsonConsoleLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        // Built lazily: the session id comes from configuration, which tests set late.
        builder.Services.AddSingleton<ILoggerProvider>(services =>
        {
            var options = services.GetRequiredService<SessionSettings>();
            var logger = new LoggerConfiguration()
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("session_id", options.SessionId)
                .WriteTo.Console(new JsonFormatter(renderMessage: true))
                .CreateLogger();
            return new SerilogLoggerProvider(logger, dispose: true);
        });
    }
}
