using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DeepInsight.Executor.Telemetry;

/// <summary>
/// OpenTelemetry for the executor: metrics always (served as Prometheus text at /metrics), and
/// traces and metrics over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the ADOT collector
/// sidecar on ECS; OTEL_EXPORTER_OTLP_PROTOCOL and the other OTEL_* variables apply). OTLP exports
/// run on the SDK's own threads (a batch processor for spans, a periodic reader for metrics),
/// so a collector that is down or slow costs dropped telemetry, never a slower execution or a
/// failed request.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";
    private const string ServiceName = "deepinsight-executor";

    /// <param name="configuration">Read now, once: whether an OTLP endpoint is set decides which providers exist.</param>
    public static IServiceCollection AddExecutorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ExecutorTelemetry>();
        services.AddHostedService<TelemetryShutdown>();
        var openTelemetry = services.AddOpenTelemetry()
            // Named in code, the service would override OTEL_SERVICE_NAME: the operator's name wins.
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : ServiceName))
            .WithMetrics(metrics => metrics.AddMeter(ExecutorTelemetry.Name).AddAspNetCoreInstrumentation().AddPrometheusExporter());
        // What a tracer provider listens to, once one exists: with OTLP below, or added by a test.
        // Without one, no span is built at all.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(ExecutorTelemetry.Name)
            .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbe(context.Request.Path)));
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            openTelemetry.WithTracing().UseOtlpExporter();
        return services;
    }

    /// <summary>Prometheus text at /metrics, with every instrument created before the first scrape.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        // The gauges exist once ExecutorTelemetry does: built now, a scrape before the first execution shows them.
        app.Services.GetRequiredService<ExecutorTelemetry>();
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    /// <summary>The ALB's health checks (every few seconds) and metric scrapes: spans of them would bury the rest.</summary>
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
