using System.Collections.ObjectModel;
using System.Diagnostics;
using DeepInsight.Executor.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace DeepInsight.Executor.Tests.Telemetry;

/// <summary>
/// The app in-process with a tracer provider that exports to memory, as an OTLP endpoint would
/// turn one on. Spans of other apps running in the same test process land here too (their
/// sources have the same names), so tests find theirs by session id and trace id.
/// </summary>
public sealed class TracedExecutorFactory : ExecutorFactory
{
    public SpanList Spans { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(Spans)));
    }

    /// <summary>The exporter adds from the threads that end spans while a test reads: both under one lock.</summary>
    public sealed class SpanList : Collection<Activity>
    {
        protected override void InsertItem(int index, Activity item)
        {
            lock (this) base.InsertItem(index, item);
        }

        public List<Activity> Snapshot()
        {
            lock (this) return [.. this];
        }
    }
}
