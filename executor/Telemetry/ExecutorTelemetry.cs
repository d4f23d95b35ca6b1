using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DeepInsight.Executor.Telemetry;

/// <summary>
/// The executor's own spans (one ActivitySource) and metrics (one Meter), with every name, unit
/// and tag in this one file; docs/observability.md lists them. Recording costs no allocation:
/// tags go in a <see cref="TagList"/> (a struct) with constant strings, and a span is only built
/// when a tracer listens (an OTLP endpoint is set, or a test exports in memory).
/// </summary>
public sealed class ExecutorTelemetry : IDisposable
{
    /// <summary>The name of both the ActivitySource and the Meter, as exporters are told to listen to it.</summary>
    public const string Name = "DeepInsight.Executor";

    /// <summary>Spread for an execution that can last from a few ms (print(1), warm) to the 300 s time limit.</summary>
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly ActivitySource _source = new(Name);
    private readonly Counter<long> _executions;
    private readonly Histogram<double> _executionDuration;
    private readonly Counter<long> _uploadSize;
    private readonly Counter<long> _uploadFailures;

    public ExecutorTelemetry(IMeterFactory meters, TelemetryReadings readings)
    {
        var meter = meters.Create(Name);
        _executions = meter.CreateCounter<long>("executor.executions", "{execution}",
            "Executions that ran to a record, by language and status");
        _executionDuration = meter.CreateHistogram("executor.execution.duration", "s",
            "Wall time of an execution from its turn to its outcome (a C# script's compilation included)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableGauge("executor.queue.depth", readings.QueueDepth, "{execution}",
            "Admitted executions waiting for a slot (EXECUTOR_MAX_CONCURRENT run at once)");
        meter.CreateObservableCounter("executor.queue.rejections", readings.QueueRejections, "{request}",
            "Executions refused with 503 because the queue (EXECUTOR_MAX_QUEUED) was full");
        meter.CreateObservableGauge("executor.spares.ready", () => new[]
        {
            new Measurement<int>(readings.PythonSparesReady(), new KeyValuePair<string, object?>(Tags.Language, "python")),
            new Measurement<int>(readings.CSharpSparesReady(), new KeyValuePair<string, object?>(Tags.Language, "csharp")),
        }, "{process}", "Child processes started ahead and ready to take an execution: fork server spares (python, bash) and warm C# runners");
        _uploadSize = meter.CreateCounter<long>("executor.upload.size", "By",
            "Bytes of files put in the session store (S3 or the local directory)");
        _uploadFailures = meter.CreateCounter<long>("executor.upload.failures", "{file}",
            "Files whose upload failed after its retries (the next pass or completion tries again)");
        meter.CreateObservableGauge("executor.process_tree.memory", ProcessTreeMemory.Measure, "By",
            "Memory of the server and every process under it: PSS where /proc lets the server read it, else RSS");
    }

    /// <summary>Tag names, shared by spans and metrics.</summary>
    public static class Tags
    {
        public const string SessionId = "session.id";
        public const string ExecutionNum = "execution.num";
        public const string Language = "execution.language";
        public const string Status = "execution.status";
        public const string ErrorType = "execution.error.type";
        public const string SyncPass = "sync.pass";
        public const string Uploaded = "sync.uploaded";
        public const string Failed = "sync.failed";
    }

    /// <summary>The span of one execution, from its admission to its record; null when no tracer listens.</summary>
    public Activity? StartExecution(string sessionId, int executionNum, string language)
    {
        if (!_source.HasListeners()) return null; // Before the name is built: no tracer, no allocation.
        var activity = _source.StartActivity($"execute {language}");
        activity?.SetTag(Tags.SessionId, sessionId).SetTag(Tags.ExecutionNum, executionNum).SetTag(Tags.Language, language);
        return activity;
    }

    /// <summary>Counts an execution that ran to a record, and closes its span's tags.</summary>
    public void ExecutionFinished(Activity? activity, string language, string status, string? errorType, TimeSpan duration)
    {
        var tags = new TagList { { Tags.Language, language }, { Tags.Status, status } };
        _executions.Add(1, tags);
        _executionDuration.Record(duration.TotalSeconds, tags);
        if (activity is null) return;
        activity.SetTag(Tags.Status, status);
        if (errorType is not null) activity.SetTag(Tags.ErrorType, errorType);
    }

    /// <summary>The span of one upload pass (background, salvage or completion) or of a whole completion.</summary>
    public Activity? StartUpload(string name, string sessionId, string? pass = null) =>
        _source.StartActivity(name)?.SetTag(Tags.SessionId, sessionId).SetTag(Tags.SyncPass, pass);

    public void Uploaded(long bytes) => _uploadSize.Add(bytes);

    public void UploadFailed() => _uploadFailures.Add(1);

    public void Dispose() => _source.Dispose();
}
