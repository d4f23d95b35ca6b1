using DeepInsight.Executor.Api;
using DeepInsight.Executor.Execution.CSharp.Host;
using DeepInsight.Executor.Execution.Core;
using DeepInsight.Executor.Rendering;
using DeepInsight.Executor.Sessions;
using DeepInsight.Executor.Telemetry;

namespace DeepInsight.Executor.Hosting;

/// <summary>Builds the web application: services first, then every endpoint group.</summary>
public static class ExecutorApp
{
    public static WebApplication Build(string[] args, CompilerHeadStart compilerHeadStart)
    {
        ServerHardening.HideProcessFromSameUser();
        // Configuration files are read once: watching them costs an inotify setup at startup and a
        // configuration change needs a new task anyway.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false", .. args] });
        builder.Services.AddOptionsOfEveryFeature();
        builder.Services.AddSingleton(compilerHeadStart);
        builder.AddJsonConsoleLogging();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<ApiOptions>();
            kestrel.ListenAnyIP(options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        // The whole stop (SessionStop's drain and final upload, then every hosted service) ends
        // within the stop timeout, which is set under the task's stopTimeout (ECS SIGKILLs then).
        builder.Services.AddOptions<HostOptions>().Configure<SessionSettings>((host, options) => host.ShutdownTimeout = options.StopTimeout);
        builder.Services.AddApiDescription();
        builder.Services.AddSessions().AddSandbox().AddExecution().AddStorage().AddRendering().AddTelemetry(builder.Configuration);

        var app = builder.Build();
        app.UseRequestLogging();
        app.UseJsonErrors();
        app.UseOversizedBodyRefusal();
        app.MapOpenApi();
        app.MapMetrics();
        app.MapHealthEndpoints();
        app.MapExecuteEndpoints();
        app.MapSessionEndpoints();
        app.MapRenderEndpoints();
        app.MapFileSyncEndpoints();
        app.MapArtifactEndpoints();
        return app;
    }
}
