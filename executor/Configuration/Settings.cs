using System.Globalization;

namespace DeepInsight.Executor.Configuration;

/// <summary>
/// Reads the executor's settings from configuration, where environment variables appear under
/// their own names (DESIGN.md's table). Every feature binds its own options through this, once.
/// An invalid or non-positive number falls back to the default rather than stopping a task that
/// ECS already started.
/// </summary>
public sealed class Settings(IConfiguration configuration)
{
    public string? Text(string name) => configuration[name] is { Length: > 0 } value ? value : null;

    public int Int(string name, int fallback) => int.TryParse(Text(name), out var value) && value > 0 ? value : fallback;

    /// <summary>A size given in MiB, as bytes.</summary>
    public long Megabytes(string name, long fallbackBytes) =>
        int.TryParse(Text(name), out var value) && value > 0 ? (long)value << 20 : fallbackBytes;

    public TimeSpan Seconds(string name, TimeSpan fallback) =>
        double.TryParse(Text(name), CultureInfo.InvariantCulture, out var value) && value > 0 ? TimeSpan.FromSeconds(value) : fallback;

    public bool Flag(string name, bool fallback) => Text(name) is { } value ? value is "1" or "true" or "True" or "yes" : fallback;

    /// <summary>A comma-separated list, entries trimmed, empty ones dropped.</summary>
    public IReadOnlyList<string>? List(string name) =>
        Text(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>How many times the crash-only supervisor has restarted the server (it alone sets EXECUTOR_RESTARTS).</summary>
    public int Restarts => Int("EXECUTOR_RESTARTS", 0);
}
