using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Api;

/// <summary>The HTTP surface: the port, the body limit, and what is kept for retries.</summary>
public sealed class ApiOptions(Settings settings)
{
    public int Port { get; } = settings.Int("PORT", 8080);

    public long MaxRequestBodyBytes { get; } = settings.Megabytes("EXECUTOR_MAX_BODY_MB", 10 << 20);

    /// <summary>How many answers of keyed /execute requests are kept for retries, newest first (see ExecutionReplay).</summary>
    public int IdempotentAnswers { get; } = settings.Int("EXECUTOR_IDEMPOTENCY_ANSWERS", 256);

    /// <summary>The bytes those kept answers may take together; a compacted answer is a few KB, at most ~8 MB.</summary>
    public long IdempotentAnswerBytes { get; } = settings.Megabytes("EXECUTOR_IDEMPOTENCY_MB", 32 << 20);
}
