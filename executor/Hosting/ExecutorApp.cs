using DeepInsight.Executor.Api;
using DeepInsight.Executor.Rendering;

namespace DeepInsight.Executor.Hosting;

/// <summary>Builds the web application: services first, then every endpoint group.</summary>
public static class ExecutorApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRendering();
        var app = builder.Build();
        app.MapGet("/health", () => Results.Json(new { status = "healthy" }));
        app.MapRenderEndpoints();
        return app;
    }
}
