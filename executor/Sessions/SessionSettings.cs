using DeepInsight.Executor.Configuration;
using DeepInsight.Executor.Storage;

namespace DeepInsight.Executor.Sessions;

/// <summary>The session's identity, budget and lifecycle settings.</summary>
public sealed class SessionSettings
{
    public SessionSettings(Settings settings, WorkRoot workRoot)
    {
        Restarts = settings.Restarts;
        // A restarted server keeps the random id its predecessor chose: the session goes on.
        SessionId = settings.Text("SESSION_ID") ?? (Restarts > 0 ? SessionJournal.PersistedSessionId(workRoot.Path) : null) ?? NewSessionId();
        Workspace = workRoot.WorkspaceOf(SessionId);
        MaxExecutions = settings.Int("MAX_EXECUTIONS", 500);
        PostCompleteGrace = settings.Seconds("EXECUTOR_POST_COMPLETE_GRACE_SECONDS", TimeSpan.FromSeconds(60));
        MaxLifetime = settings.Seconds("EXECUTOR_MAX_LIFETIME_SECONDS", TimeSpan.FromSeconds(3600));
        StopDrain = settings.Seconds("EXECUTOR_STOP_DRAIN_SECONDS", TimeSpan.FromSeconds(20));
        StopTimeout = settings.Seconds("EXECUTOR_STOP_TIMEOUT_SECONDS", TimeSpan.FromSeconds(28));
        BackgroundUpload = settings.Flag("EXECUTOR_BACKGROUND_UPLOAD", true);
    }

    public string SessionId { get; }

    /// <summary>The session's folder under the work root: its execution records and pip user site.</summary>
    public string Workspace { get; }

    /// <summary>
    /// How many times the supervisor has restarted the server after a crash. Above 0 the server
    /// continues the session it finds in the work root (SessionRecovery); at 0 it starts a new one.
    /// </summary>
    public int Restarts { get; }

    /// <summary>Executions before the session completes by itself.</summary>
    public int MaxExecutions { get; }

    /// <summary>From the session's end to the server's exit.</summary>
    public TimeSpan PostCompleteGrace { get; }

    /// <summary>From the session's start to its forced completion and exit.</summary>
    public TimeSpan MaxLifetime { get; }

    /// <summary>
    /// How long running executions may go on after SIGTERM before they are stopped. Under ECS's
    /// default stopTimeout (30 s), leaving time to stop them and make the final upload.
    /// </summary>
    public TimeSpan StopDrain { get; }

    /// <summary>From SIGTERM to exit, whatever is running: set it just under the task's stopTimeout (ECS SIGKILLs at that).</summary>
    public TimeSpan StopTimeout { get; }

    /// <summary>Whether the session is uploaded incrementally during the session (else only at completion).</summary>
    public bool BackgroundUpload { get; }

    private static string NewSessionId()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
