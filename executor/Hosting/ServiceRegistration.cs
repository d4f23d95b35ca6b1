using Amazon.S3;
using DeepInsight.Executor.Api;
using DeepInsight.Executor.Configuration;
using DeepInsight.Executor.Execution.Bash;
using DeepInsight.Executor.Execution.CSharp.Host;
using DeepInsight.Executor.Execution.Core;
using DeepInsight.Executor.Execution.Python;
using DeepInsight.Executor.Sessions;
using DeepInsight.Executor.Storage;
using DeepInsight.Executor.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeepInsight.Executor.Hosting;

/// <summary>One registration method per concern, so ExecutorApp reads as a table of contents.</summary>
public static class ServiceRegistration
{
    /// <summary>
    /// Each feature's options, bound here once from configuration (environment variables under
    /// their own names). Lazily: tests configure the app after Program has built it.
    /// </summary>
    public static IServiceCollection AddOptionsOfEveryFeature(this IServiceCollection services)
    {
        services.AddSingleton(sp => new Settings(sp.GetRequiredService<IConfiguration>()));
        // The clock every session timer and timestamp reads; tests may register another first.
        services.TryAddSingleton(TimeProvider.System);
        return services.AddSingleton<WorkRoot>().AddSingleton<StorageOptions>().AddSingleton<SessionSettings>()
            .AddSingleton<ExecutionOptions>().AddSingleton<PythonOptions>().AddSingleton<BashOptions>()
            .AddSingleton<CSharpOptions>().AddSingleton<ApiOptions>();
    }

    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ContainerAddress(sp.GetRequiredService<Settings>().Text("EXECUTOR_PRIVATE_IP")));
        services.AddSingleton<SessionJournal>();
        services.AddSingleton(sp =>
        {
            var workRoot = sp.GetRequiredService<WorkRoot>();
            Directory.CreateDirectory(workRoot.DataDirectory);
            Directory.CreateDirectory(workRoot.ArtifactsDirectory);
            return SessionRecovery.Open(sp.GetRequiredService<SessionSettings>(), workRoot, sp.GetRequiredService<SessionJournal>(),
                sp.GetRequiredService<ExecutionRecordWriter>(), sp.GetRequiredService<ContainerAddress>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SessionRecovery>>());
        });
        services.AddSingleton(sp => new ExecutionRecordWriter(sp.GetRequiredService<SessionSettings>().Workspace));
        services.AddSingleton<SessionUploadLayout>();
        services.AddSingleton<SessionSync>();
        services.AddSingleton<BackgroundSessionSync>();
        services.AddSingleton<SessionCompletion>();
        services.AddSingleton<SessionExecutions>();
        services.AddSingleton<ExecutionDrain>();
        services.AddHostedService<SessionRecovery>();
        services.AddHostedService<SessionLifecycle>();
        services.AddHostedService<SessionStop>();
        return services;
    }

    public static IServiceCollection AddSandbox(this IServiceCollection services)
    {
        services.AddSingleton<SandboxRuntimeDirectory>();
        services.AddSingleton<ChildStreamHub>();
        services.AddSingleton<IReadOnlyDictionary<string, string>>(sp =>
        {
            var options = sp.GetRequiredService<ExecutionOptions>();
            var environment = ChildEnvironment.Build(Environment.GetEnvironmentVariables(), options.ChildrenInheritAwsCredentials);
            var shims = sp.GetRequiredService<SandboxRuntimeDirectory>().CreateInterpreterShims(options.Python);
            environment["PATH"] = environment.TryGetValue("PATH", out var path) ? $"{shims}:{path}" : shims;
            PipSettings.Apply(environment, sp.GetRequiredService<SessionSettings>().Workspace);
            return environment;
        });
        services.AddSingleton(sp => new ColdChildLauncher(
            sp.GetRequiredService<ExecutionOptions>().Python,
            sp.GetRequiredService<SandboxRuntimeDirectory>(),
            sp.GetRequiredService<IReadOnlyDictionary<string, string>>(),
            sp.GetRequiredService<ILogger<ColdChildLauncher>>()));
        services.AddSingleton(sp => new ForkServerLauncher(
            sp.GetRequiredService<PythonOptions>(),
            sp.GetRequiredService<ExecutionOptions>().Python,
            sp.GetRequiredService<SandboxRuntimeDirectory>(),
            sp.GetRequiredService<ChildStreamHub>(),
            sp.GetRequiredService<IReadOnlyDictionary<string, string>>(),
            sp.GetRequiredService<ColdChildLauncher>(),
            sp.GetRequiredService<ILogger<ForkServerLauncher>>()));
        // A hosted service too: the fork server starts with the host, so the first execution is warm.
        services.AddHostedService(sp => sp.GetRequiredService<ForkServerLauncher>());
        services.AddSingleton<IChildLauncher>(sp => sp.GetRequiredService<ForkServerLauncher>());
        services.AddSingleton<SandboxSupervisor>();
        services.AddSingleton(sp => new PythonPackageInventory(
            sp.GetRequiredService<ExecutionOptions>().Python,
            sp.GetRequiredService<SandboxRuntimeDirectory>(),
            sp.GetRequiredService<IReadOnlyDictionary<string, string>>(),
            sp.GetRequiredService<IHostApplicationLifetime>(),
            sp.GetRequiredService<ILogger<PythonPackageInventory>>()));
        services.AddHostedService(sp => sp.GetRequiredService<PythonPackageInventory>());
        services.AddSingleton<CSharpCompiler>();
        services.AddHostedService(sp => sp.GetRequiredService<CSharpCompiler>());
        services.AddSingleton<CSharpWorkerPool>();
        services.AddHostedService(sp => sp.GetRequiredService<CSharpWorkerPool>());
        return services;
    }

    public static IServiceCollection AddExecution(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<ExecutionOptions>();
            return new ExecutionGate(options.MaxConcurrentExecutions, options.MaxQueuedExecutions);
        });
        services.AddSingleton<SandboxJobFactory>();
        services.AddSingleton<ExecutionReplay>();
        services.AddSingleton<ICodeRunner, PythonRunner>();
        services.AddSingleton<ICodeRunner, BashRunner>();
        services.AddSingleton<ICodeRunner>(sp => new CSharpRunner(
            sp.GetRequiredService<CSharpCompiler>(),
            new SandboxSupervisor(sp.GetRequiredService<ChildStreamHub>(), sp.GetRequiredService<CSharpWorkerPool>(),
                sp.GetRequiredService<ILogger<SandboxSupervisor>>()),
            sp.GetRequiredService<SandboxJobFactory>(),
            sp.GetRequiredService<CSharpOptions>()));
        return services;
    }

    /// <summary>Spans and metrics, with the readings behind the observable metrics taken from the features that hold them.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var gate = sp.GetRequiredService<ExecutionGate>();
            var forkServer = sp.GetRequiredService<ForkServerLauncher>();
            var csharpWorkers = sp.GetRequiredService<CSharpWorkerPool>();
            return new TelemetryReadings(() => gate.Queued, () => gate.Rejected, () => forkServer.ReadySpares, () => csharpWorkers.ReadySpares);
        });
        return services.AddExecutorTelemetry(configuration);
    }

    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        // Always there: /file-sync names its bucket per request, even when the session store is local.
        services.AddSingleton(sp => S3ClientFactory.Create(sp.GetRequiredService<StorageOptions>(), sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IArtifactStore>(sp =>
        {
            var options = sp.GetRequiredService<StorageOptions>();
            return options.S3Bucket is { } bucket
                ? new S3ArtifactStore(sp.GetRequiredService<IAmazonS3>(), bucket)
                : new LocalDirectoryStore(options.LocalStore);
        });
        services.AddSingleton<FileSync>();
        services.AddSingleton<ArtifactDirectory>();
        return services;
    }
}
