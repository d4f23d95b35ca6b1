using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepInsight.Executor.Tests.Telemetry;

/// <summary>The samples of a Prometheus text exposition: name, labels and value, one per line that is not a comment.</summary>
public sealed partial record PrometheusText(IReadOnlyList<PrometheusText.Sample> Samples)
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static PrometheusText Parse(string text) => new(text.Split('\n')
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .Select(line => SampleLine().Match(line))
        .Select(m => new Sample(m.Groups["name"].Value,
            Label().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value),
            double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))
        .ToList());

    /// <summary>The one sample of <paramref name="name"/> whose labels include <paramref name="labels"/> (name=value pairs); fails when there is none or more.</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        Samples.Single(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Value;

    public bool Has(string name) => Samples.Any(s => s.Name == name);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>\w+)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
