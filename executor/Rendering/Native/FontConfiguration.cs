using System.Runtime.InteropServices;

namespace DeepInsight.Executor.Rendering.Native;

/// <summary>
/// Points fontconfig at the project's fonts/fonts.conf (which prefers Nanum fonts for Korean)
/// unless FONTCONFIG_FILE is already set. The file is copied next to the app at build time.
/// </summary>
internal static class FontConfiguration
{
    private const string Variable = "FONTCONFIG_FILE";

    public static void Apply()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) return;
        var candidate = Path.Combine(AppContext.BaseDirectory, "fonts", "fonts.conf");
        if (!File.Exists(candidate)) return;
        Environment.SetEnvironmentVariable(Variable, candidate);
        if (Libc.SetEnv(Variable, candidate, overwrite: 0) != 0)
            throw new ExternalException($"setenv {Variable} failed");
    }
}
