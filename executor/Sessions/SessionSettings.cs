using DeepInsight.Executor.Configuration;
using DeepInsight.Executor.Storage;

namespace DeepInsight.Executor.Sessions;

/// <summary>The session's identity, budget and lifecycle settings.</summary>
public sealed record SessionSettings
{
    public string SessionId { get; init; } = "";
    /// <summary>The session's folder under the work root: its execution records and pip user site.</summary>
    public string Workspace { get; init; } = "";
    /// <summary>
    /// How many times the supervisor has restarted the server after a crash. Above 0 the server
    /// continues the session it finds in the work root (SessionRecovery); at 0 it starts a new one.
    /// </summary>
    public int Restarts { get; init; }
    public int MaxExecutions { get; init; } = 500;
    public TimeSpan PostCompleteGrace { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromSeconds(3600);
    /// <summary>
    /// How long running executions may go on after SIGTERM before they are stopped. Under ECS's
    /// default stopTimeout (30 s), leaving time to stop them and make the final upload.
    /// </summary>
    public TimeSpan StopDrain { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>From SIGTERM to exit, whatever is running: set it just under the task's stopTimeout (ECS SIGKILLs at that).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(28);
    /// <summary>Whether the session is uploaded incrementally during the session (else only at completion).</summary>
    public bool BackgroundUpload { get; init; } = true;

    public static SessionSettings FromConfiguration(IConfiguration configuration, WorkRoot workRoot)
    {
        var settings = new Settings(configuration);
        var defaults = new SessionSettings();
        var restarts = settings.Restarts;
        // A restarted server keeps the random id its predecessor chose: the session goes on.
        var sessionId = settings.Text("SESSION_ID") ?? (restarts > 0 ? SessionJournal.PersistedSessionId(workRoot.Path) : null) ?? NewSessionId();
        return new SessionSettings
        {
            SessionId = sessionId,
            Workspace = workRoot.WorkspaceOf(sessionId),
            Restarts = restarts,
            MaxExecutions = settings.Int("MAX_EXECUTIONS", defaults.MaxExecutions),
            PostCompleteGrace = settings.Seconds("EXECUTOR_POST_COMPLETE_GRACE_SECONDS", defaults.PostCompleteGrace),
            MaxLifetime = settings.Seconds("EXECUTOR_MAX_LIFETIME_SECONDS", defaults.MaxLifetime),
            StopDrain = settings.Seconds("EXECUTOR_STOP_DRAIN_SECONDS", defaults.StopDrain),
            StopTimeout = settings.Seconds("EXECUTOR_STOP_TIMEOUT_SECONDS", defaults.StopTimeout),
            BackgroundUpload = settings.Flag("EXECUTOR_BACKGROUND_UPLOAD", defaults.BackgroundUpload),
        };
    }

    private static string NewSessionId()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
