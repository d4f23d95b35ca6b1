using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeepInsight.Executor.Rendering;

public static class RenderingServiceCollectionExtensions
{
    /// <summary>Services behind /render/*: the paths (work root from EXECUTOR_WORK_ROOT unless registered already) and the scheduler.</summary>
    public static IServiceCollection AddRendering(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => RenderPaths.FromEnvironment());
        services.TryAddSingleton<RenderScheduler>();
        return services;
    }
}
