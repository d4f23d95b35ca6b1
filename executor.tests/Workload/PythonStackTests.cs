using System.Net;
using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Workload;

/// <summary>
/// The reference image's Python stack as executions see it, and /container-info telling which
/// packages are the project's stand-ins for PyPI-only ones.
/// </summary>
public sealed class PythonStackTests : IClassFixture<ExecutorFactory>
{
    /// <summary>Import name per distribution of the stack, as agents' code imports it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Stack = new Dictionary<string, string>
    {
        ["boto3"] = "boto3", ["numpy"] = "numpy", ["pandas"] = "pandas", ["scipy"] = "scipy",
        ["scikit-learn"] = "sklearn", ["mlxtend"] = "mlxtend", ["matplotlib"] = "matplotlib",
        ["adjustText"] = "adjustText", ["seaborn"] = "seaborn", ["LovelyPlots"] = "lovelyplots",
        ["koreanize-matplotlib"] = "koreanize_matplotlib", ["plotly"] = "plotly", ["weasyprint"] = "weasyprint",
        ["pillow"] = "PIL", ["python-docx"] = "docx", ["lxml"] = "lxml", ["openpyxl"] = "openpyxl",
    };

    private readonly ExecutorFactory _factory;

    public PythonStackTests(ExecutorFactory factory) => _factory = factory;

    [Fact]
    public async Task Every_package_of_the_stack_imports_in_an_execution()
    {
        var imports = string.Join("\n", Stack.Values.Select(name => $"import {name}"));
        var body = await _factory.ExecuteAsync(imports + "\nprint('imported')");

        Assert.True(body.GetProperty("status").GetString() == "completed", body.ToString());
        Assert.Equal("imported\n", body.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Container_info_lists_each_package_with_its_version_and_whether_a_stand_in_provides_it()
    {
        var packages = await PackagesAsync();
        Assert.Equal(Stack.Keys.Order(), packages.Keys.Order());

        // What each module says of itself, in an execution: the stand-ins carry a marker.
        var probe = "import importlib\nprint(json.dumps({n: bool(getattr(importlib.import_module(n), '__deepinsight_fallback__', False)) for n in "
            + JsonSerializer.Serialize(Stack.Values) + "}))";
        var body = await _factory.ExecuteAsync(probe);
        Assert.True(body.GetProperty("status").GetString() == "completed", body.ToString());
        var markers = JsonSerializer.Deserialize<Dictionary<string, bool>>(body.GetProperty("stdout").GetString()!)!;

        foreach (var (distribution, importName) in Stack)
        {
            var package = packages[distribution];
            Assert.False(string.IsNullOrEmpty(package.GetProperty("version").GetString()), $"{distribution} has no version: {package}");
            Assert.Equal(markers[importName], package.GetProperty("fallback").GetBoolean());
        }
        // The distribution's packages are never stand-ins: only the four PyPI-only ones can be.
        string[] pypiOnly = ["mlxtend", "adjustText", "LovelyPlots", "koreanize-matplotlib"];
        Assert.All(packages.Where(p => !pypiOnly.Contains(p.Key)), p => Assert.False(p.Value.GetProperty("fallback").GetBoolean(), p.Key));
    }

    private async Task<Dictionary<string, JsonElement>> PackagesAsync()
    {
        // The probe runs once after start-up; the answer carries null until it is done.
        for (var attempt = 0; ; attempt++)
        {
            var response = await _factory.CreateClient().GetAsync("/container-info");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await ExecutorFactory.ReadJsonAsync(response);
            var list = body.GetProperty("python_packages");
            if (list.ValueKind == JsonValueKind.Array)
                return list.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
            Assert.True(attempt < 30, "python_packages stayed null: " + body);
            await Task.Delay(500);
        }
    }
}
