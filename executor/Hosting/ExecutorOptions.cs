using DeepInsight.Executor.Execution.Core;
using DeepInsight.Executor.Sessions;

namespace DeepInsight.Executor.Hosting;

/// <summary>
/// Every setting of the executor, read once from the environment variables DESIGN.md names.
/// Invalid numbers fall back to the default rather than stopping a task that ECS already started.
/// </summary>
public sealed record ExecutorOptions
{
    public int Port { get; init; } = 8080;
    public string SessionId { get; init; } = "";
    public string WorkRoot { get; init; } = "/app";
    public string Python { get; init; } = "python3";
    public TimeSpan PythonTimeout { get; init; } = TimeSpan.FromSeconds(300);
    public TimeSpan BashTimeout { get; init; } = TimeSpan.FromSeconds(300);
    public TimeSpan CSharpTimeout { get; init; } = TimeSpan.FromSeconds(300);
    /// <summary>
    /// How long the compiler process may take on one script before it is killed and replaced.
    /// Apart from the script's time limit: a real script compiles in under a second once the
    /// compiler is warm, and a short script limit must not fail a compilation on a cold compiler.
    /// </summary>
    public TimeSpan CSharpCompileTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Whether the C# compiler process and a warm runner are started at boot, before any C# script asks for them.</summary>
    public bool CSharpPrewarm { get; init; } = true;
    /// <summary>How many warm C# runner workers are kept in reserve (see docs/csharp.md for their memory).</summary>
    public int CSharpSpares { get; init; } = 1;
    public long MemoryLimitBytes { get; init; }
    public long FileSizeLimitBytes { get; init; } = 2L << 30;
    public int ProcessLimit { get; init; } = 512;
    public int OpenFilesLimit { get; init; } = 1024;
    public int OutputLimitBytes { get; init; } = 4 << 20;
    public int MaxConcurrentExecutions { get; init; } = Environment.ProcessorCount;
    public int MaxQueuedExecutions { get; init; } = 64;
    public long MaxRequestBodyBytes { get; init; } = 10 << 20;
    public int MaxExecutions { get; init; } = 500;
    /// <summary>How many answers of keyed /execute requests are kept for retries, newest first (see ExecutionReplay).</summary>
    public int IdempotentAnswers { get; init; } = 256;
    /// <summary>The bytes those kept answers may take together; a compacted answer is a few KB, at most ~8 MB.</summary>
    public long IdempotentAnswerBytes { get; init; } = 32 << 20;
    public string? S3Bucket { get; init; }
    public string? AwsRegion { get; init; }
    public string? S3Endpoint { get; init; }
    public string LocalStore { get; init; } = "/var/lib/deepinsight/store";
    public string? PrivateIpOverride { get; init; }
    public TimeSpan PostCompleteGrace { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan MaxLifetime { get; init; } = TimeSpan.FromSeconds(3600);
    /// <summary>
    /// How long running executions may go on after SIGTERM before they are stopped. Under ECS's
    /// default stopTimeout (30 s), leaving time to stop them and make the final upload.
    /// </summary>
    public TimeSpan StopDrain { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>From SIGTERM to exit, whatever is running: set it just under the task's stopTimeout (ECS SIGKILLs at that).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(28);
    public bool ChildrenInheritAwsCredentials { get; init; }
    public bool UseForkServer { get; init; } = true;
    /// <summary>
    /// Modules the fork server imports besides numpy, pandas and matplotlib, so executions and
    /// warm script files find them loaded (docs/python-stack.md has the measurements behind the list).
    /// </summary>
    public IReadOnlyList<string> PreloadModules { get; init; } = DefaultPreloadModules;
    public static readonly IReadOnlyList<string> DefaultPreloadModules = ["seaborn", "docx", "lxml.etree", "lovelyplots", "adjustText"];
    /// <summary>Whether the session is uploaded incrementally during the session (else only at completion).</summary>
    public bool BackgroundUpload { get; init; } = true;
    /// <summary>
    /// How many times the supervisor has restarted the server after a crash (EXECUTOR_RESTARTS,
    /// which only the supervisor sets). Above 0 the server continues the session it finds in the
    /// work root (Sessions/SessionRecovery.cs); at 0 it starts a new one.
    /// </summary>
    public int Restarts { get; init; }

    public string DataDirectory => Path.Combine(WorkRoot, "data");
    public string ArtifactsDirectory => Path.Combine(WorkRoot, "artifacts");
    public string Workspace => Path.Combine(WorkRoot, "workspace", SessionId);

    /// <summary>Reads the settings from configuration, where environment variables appear under their own names.</summary>
    public static ExecutorOptions FromConfiguration(IConfiguration configuration)
    {
        string? Text(string name) => configuration[name] is { Length: > 0 } value ? value : null;
        int Int(string name, int fallback) => int.TryParse(Text(name), out var v) && v > 0 ? v : fallback;
        double Seconds(string name, double fallback) => double.TryParse(Text(name), System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
        bool Flag(string name, bool fallback) => Text(name) is { } v ? v is "1" or "true" or "True" or "yes" : fallback;

        var defaults = new ExecutorOptions();
        var workRoot = Path.GetFullPath(Text("EXECUTOR_WORK_ROOT") ?? defaults.WorkRoot);
        var restarts = Int("EXECUTOR_RESTARTS", 0);
        return new ExecutorOptions
        {
            Port = Int("PORT", defaults.Port),
            // A restarted server keeps the random id its predecessor chose: the session goes on.
            SessionId = Text("SESSION_ID") ?? (restarts > 0 ? SessionJournal.PersistedSessionId(workRoot) : null) ?? NewSessionId(),
            WorkRoot = workRoot,
            Restarts = restarts,
            Python = Text("EXECUTOR_PYTHON") ?? defaults.Python,
            PythonTimeout = TimeSpan.FromSeconds(Seconds("EXECUTOR_PYTHON_TIMEOUT_SECONDS", 300)),
            BashTimeout = TimeSpan.FromSeconds(Seconds("EXECUTOR_BASH_TIMEOUT_SECONDS", 300)),
            CSharpTimeout = TimeSpan.FromSeconds(Seconds("EXECUTOR_CSHARP_TIMEOUT_SECONDS", 300)),
            CSharpCompileTimeout = TimeSpan.FromSeconds(Seconds("EXECUTOR_CSHARP_COMPILE_TIMEOUT_SECONDS", 60)),
            MemoryLimitBytes = (long)Int("EXECUTOR_MEMORY_LIMIT_MB", (int)(SystemMemory.DefaultChildLimitBytes() >> 20)) << 20,
            FileSizeLimitBytes = (long)Int("EXECUTOR_FILE_SIZE_LIMIT_MB", (int)(defaults.FileSizeLimitBytes >> 20)) << 20,
            ProcessLimit = Int("EXECUTOR_PROCESS_LIMIT", defaults.ProcessLimit),
            OutputLimitBytes = Int("EXECUTOR_OUTPUT_LIMIT_BYTES", defaults.OutputLimitBytes),
            MaxConcurrentExecutions = Int("EXECUTOR_MAX_CONCURRENT", Math.Max(2, Environment.ProcessorCount)),
            MaxQueuedExecutions = Int("EXECUTOR_MAX_QUEUED", defaults.MaxQueuedExecutions),
            MaxRequestBodyBytes = (long)Int("EXECUTOR_MAX_BODY_MB", 10) << 20,
            MaxExecutions = Int("MAX_EXECUTIONS", defaults.MaxExecutions),
            IdempotentAnswers = Int("EXECUTOR_IDEMPOTENCY_ANSWERS", defaults.IdempotentAnswers),
            IdempotentAnswerBytes = (long)Int("EXECUTOR_IDEMPOTENCY_MB", (int)(defaults.IdempotentAnswerBytes >> 20)) << 20,
            S3Bucket = Text("S3_BUCKET_NAME"),
            AwsRegion = Text("AWS_REGION") ?? Text("AWS_DEFAULT_REGION"),
            S3Endpoint = Text("AWS_ENDPOINT_URL_S3") ?? Text("AWS_ENDPOINT_URL"),
            LocalStore = Text("EXECUTOR_LOCAL_STORE") ?? defaults.LocalStore,
            PrivateIpOverride = Text("EXECUTOR_PRIVATE_IP"),
            PostCompleteGrace = TimeSpan.FromSeconds(Seconds("EXECUTOR_POST_COMPLETE_GRACE_SECONDS", 60)),
            MaxLifetime = TimeSpan.FromSeconds(Seconds("EXECUTOR_MAX_LIFETIME_SECONDS", 3600)),
            StopDrain = TimeSpan.FromSeconds(Seconds("EXECUTOR_STOP_DRAIN_SECONDS", defaults.StopDrain.TotalSeconds)),
            StopTimeout = TimeSpan.FromSeconds(Seconds("EXECUTOR_STOP_TIMEOUT_SECONDS", defaults.StopTimeout.TotalSeconds)),
            ChildrenInheritAwsCredentials = Flag("EXECUTOR_CHILD_AWS_CREDENTIALS", false),
            UseForkServer = Flag("EXECUTOR_FORK_SERVER", true),
            PreloadModules = Text("EXECUTOR_PRELOAD_MODULES") is { } modules
                ? modules.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : DefaultPreloadModules,
            CSharpPrewarm = Flag("EXECUTOR_CSHARP_PREWARM", defaults.CSharpPrewarm),
            BackgroundUpload = Flag("EXECUTOR_BACKGROUND_UPLOAD", defaults.BackgroundUpload),
            CSharpSpares = Math.Max(1, Int("EXECUTOR_CSHARP_SPARES", defaults.CSharpSpares)),
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

    /// <summary>Maps a path as the runtime sends it (under /app) onto the work root.</summary>
    public string MapRequestPath(string path)
    {
        const string containerRoot = "/app";
        if (path == containerRoot || path.StartsWith(containerRoot + "/", StringComparison.Ordinal))
            path = WorkRoot + path[containerRoot.Length..];
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(WorkRoot, path));
    }
}
