using System.Collections;
using System.Diagnostics;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// The environment children start with: the server's, minus credentials (the task role's
/// ECS credentials URI above all, which would hand submitted code the task's AWS identity)
/// and the server's own secrets, plus what every child needs (headless matplotlib, UTF-8).
/// </summary>
public static class ChildEnvironment
{
    private static readonly string[] AwsCredentialNames =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_PROFILE", "AWS_SHARED_CREDENTIALS_FILE",
    ];

    /// <summary>The ECS credential endpoint family, present and future members alike.</summary>
    private const string ContainerCredentialsPrefix = "AWS_CONTAINER_";

    private static readonly string[] SecretMarkers = ["SECRET", "PASSWORD", "TOKEN", "CREDENTIAL", "PRIVATE_KEY", "API_KEY"];

    /// <summary>Variables the server uses for itself and children have no business reading.</summary>
    private static readonly string[] ServerPrefixes = ["ASPNETCORE_", "DOTNET_", "EXECUTOR_", "Kestrel__", "Serilog__"];

    public static Dictionary<string, string> Build(IDictionary source, bool inheritAwsCredentials)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in source)
        {
            var name = (string)entry.Key;
            if (IsWithheld(name, inheritAwsCredentials)) continue;
            env[name] = (string?)entry.Value ?? "";
        }
        env["MPLBACKEND"] = "Agg";
        env["PYTHONIOENCODING"] = "utf-8";
        env["PYTHONDONTWRITEBYTECODE"] = "1";
        env.TryAdd("LANG", "C.UTF-8");
        return env;
    }

    /// <summary>Makes the started process's environment exactly <paramref name="environment"/>: nothing of the server's is inherited.</summary>
    public static void ReplaceIn(ProcessStartInfo info, IEnumerable<KeyValuePair<string, string>> environment)
    {
        info.Environment.Clear();
        foreach (var (name, value) in environment) info.Environment[name] = value;
    }

    /// <summary>
    /// The same for a command that starts from the server's environment and applies changes (CliWrap's):
    /// every variable of the server's that <paramref name="environment"/> lacks is removed (null).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Replacing(IReadOnlyDictionary<string, string> environment)
    {
        var changes = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => !environment.ContainsKey(name))
            .ToDictionary(name => name, string? (_) => null);
        foreach (var (name, value) in environment) changes[name] = value;
        return changes;
    }

    public static bool IsWithheld(string name, bool inheritAwsCredentials)
    {
        if (AwsCredentialNames.Contains(name, StringComparer.OrdinalIgnoreCase)
            || name.StartsWith(ContainerCredentialsPrefix, StringComparison.OrdinalIgnoreCase))
            return !inheritAwsCredentials;
        if (ServerPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            return true;
        return SecretMarkers.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase));
    }
}
