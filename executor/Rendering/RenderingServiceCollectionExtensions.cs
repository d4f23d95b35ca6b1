using DeepInsight.Executor.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeepInsight.Executor.Rendering;

public static class RenderingServiceCollectionExtensions
{
    /// <summary>Services behind /render/*: the paths (the configured work root unless registered already) and the scheduler.</summary>
    public static IServiceCollection AddRendering(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new RenderPaths(sp.GetRequiredService<WorkRoot>().Path));
        services.TryAddSingleton<RenderScheduler>();
        return services;
    }
}
