using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeepInsight.Executor.Tests.Infrastructure;

/// <summary>
/// One event of the server's (or its supervisor's) log, a CLEF line: @t, @mt, @l (absent for
/// Information), then the properties at the top level.
/// </summary>
public sealed partial record ServerLogEvent(JsonElement Json)
{
    public string Template => Json.GetProperty("@mt").GetString()!;

    public string Level => Json.TryGetProperty("@l", out var level) ? level.GetString()! : "Information";

    public JsonElement this[string property] => Json.GetProperty(property);

    /// <summary>The template with its properties put in, strings without quotes: the text a reader of the log sees.</summary>
    public string Message => Hole().Replace(Template, hole =>
        Json.TryGetProperty(hole.Groups["name"].Value, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : hole.Value);

    /// <summary>Every JSON line of <paramref name="output"/> (lines that are not, such as a runtime's crash report, are left out).</summary>
    public static List<ServerLogEvent> Parse(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => new ServerLogEvent(JsonDocument.Parse(line).RootElement.Clone()))
            .ToList();

    /// <summary>Every event's message, one per line, to search for what was logged.</summary>
    public static string Messages(string output) => string.Join('\n', Parse(output).Select(e => e.Message));

    [GeneratedRegex(@"\{[@$]?(?<name>\w+)(?:[,:][^}]*)?\}")]
    private static partial Regex Hole();
}
