namespace DeepInsight.Executor.Telemetry;

/// <summary>
/// What the observable metrics read when they are collected (a scrape of /metrics, an OTLP
/// export), given by the composition root, which alone knows the features that hold the numbers.
/// Each is a cheap read of a counter or a short list.
/// </summary>
public sealed record TelemetryReadings(
    Func<int> QueueDepth,
    Func<long> QueueRejections,
    Func<int> PythonSparesReady,
    Func<int> CSharpSparesReady);
