using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Api;

/// <summary>The HTTP surface: the port, the body limit, and what is kept for retries.</summary>
public sealed record ApiOptions
{
    public int Port { get; init; } = 8080;
    public long MaxRequestBodyBytes { get; init; } = 10 << 20;
    /// <summary>How many answers of keyed /execute requests are kept for retries, newest first (see ExecutionReplay).</summary>
    public int IdempotentAnswers { get; init; } = 256;
    /// <summary>The bytes those kept answers may take together; a compacted answer is a few KB, at most ~8 MB.</summary>
    public long IdempotentAnswerBytes { get; init; } = 32 << 20;

    public static ApiOptions FromConfiguration(IConfiguration configuration)
    {
        var settings = new Settings(configuration);
        var defaults = new ApiOptions();
        return new ApiOptions
        {
            Port = settings.Int("PORT", defaults.Port),
            MaxRequestBodyBytes = settings.Megabytes("EXECUTOR_MAX_BODY_MB", defaults.MaxRequestBodyBytes),
            IdempotentAnswers = settings.Int("EXECUTOR_IDEMPOTENCY_ANSWERS", defaults.IdempotentAnswers),
            IdempotentAnswerBytes = settings.Megabytes("EXECUTOR_IDEMPOTENCY_MB", defaults.IdempotentAnswerBytes),
        };
    }
}
