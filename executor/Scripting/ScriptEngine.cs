using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace DeepInsight.Executor.Scripting;

/// <summary>
/// Compiles and runs one C# script with Roslyn scripting: default imports, the globals object,
/// the REPL value of a final expression, and every failure turned into an error object.
/// Created warm: Roslyn's own code is jitted by a first compilation before any script arrives.
/// </summary>
internal sealed class ScriptEngine
{
    /// <summary>The file name compilations and stack frames carry, so lines can be mapped back to the script.</summary>
    public const string ScriptPath = "script.csx";

    private static readonly string[] Imports =
    [
        "System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Text", "System.Text.Json",
        "System.Threading.Tasks", typeof(Library.Csv).Namespace!,
    ];

    /// <summary>Enough for a plain script to cost only its own compilation: LINQ, lambdas, interpolation, a REPL value.</summary>
    private const string CoreWarmUp = """
        var squares = Enumerable.Range(1, 3).Select(i => i * i).ToList();
        squares.Sum() + $"{SessionId}".Length
        """;

    /// <summary>What data scripts add: dynamic CSV rows (the runtime binder) and a Korean chart (fonts, Pango, Cairo).</summary>
    private const string LibraryWarmUp = """
        dynamic row = new CsvRow(new CsvColumns(new[] { "금액" }), new[] { "1.5" });
        var total = new List<dynamic> { row }.Sum(r => double.Parse((string)r.금액));
        var chart = Path.Combine(Path.GetTempPath(), $"deepinsight-warm-{Environment.ProcessId}.png");
        Charts.Bar(new[] { "준비" }, new[] { total }, "준비").WithSize(200, 150).Save(chart);
        File.Delete(chart);
        """;

    private readonly ScriptOptions _options;

    private ScriptEngine(ScriptOptions options) => _options = options;

    public static async Task<ScriptEngine> CreateWarmAsync()
    {
        var engine = new ScriptEngine(ScriptOptions.Default
            .WithReferences(References())
            .WithImports(Imports)
            .WithEmitDebugInformation(true)
            .WithFilePath(ScriptPath)
            .WithFileEncoding(Encoding.UTF8));
        var warm = await CSharpScript.RunAsync(CoreWarmUp, engine._options, WarmUpGlobals, typeof(ScriptGlobals));
        ReplValue.Format(warm.ReturnValue);
        return engine;
    }

    /// <summary>
    /// The slower warm-up of the script library, run after the worker says it is ready: a
    /// plain script need not wait for it, and one that arrives meanwhile runs alongside it.
    /// It prints nothing, and a failure (no Cairo on this machine, say) only leaves it cold.
    /// </summary>
    public async Task WarmLibrariesAsync()
    {
        try
        {
            await CSharpScript.RunAsync(LibraryWarmUp, _options, WarmUpGlobals, typeof(ScriptGlobals));
        }
        catch (Exception)
        {
            // Scripts that use the library will show the real error themselves.
        }
    }

    private static ScriptGlobals WarmUpGlobals => new("/", "/", "");

    /// <summary>Runs the script to its end; the result is the worker's result message.</summary>
    public async Task<JsonObject> RunAsync(string code, ScriptGlobals globals)
    {
        var script = CSharpScript.Create(code, _options, typeof(ScriptGlobals));
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) return Failed(ScriptErrors.FromDiagnostics(errors));

        var state = await script.RunAsync(globals, catchException: _ => true);
        if (state.Exception is { } exception) return Failed(ScriptErrors.FromException(exception));
        if (state.ReturnValue is { } value)
        {
            try
            {
                await Console.Out.WriteLineAsync(ReplValue.Format(value));
            }
            catch (Exception formatting)
            {
                // The value's own ToString or enumeration threw: that is the script's error too.
                return Failed(ScriptErrors.FromException(formatting));
            }
        }
        return new JsonObject { ["status"] = "completed" };
    }

    public static JsonObject Failed(JsonObject error) => new() { ["status"] = "failed", ["error"] = error };

    /// <summary>
    /// The framework assemblies scripts commonly use, this assembly (the script library) and
    /// CsvHelper. Not the whole framework: every compilation merges the namespaces of every
    /// reference, so each unused assembly costs every script time.
    /// </summary>
    private static IEnumerable<MetadataReference> References()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = FrameworkAssemblies.Select(name => Path.Combine(frameworkDirectory, name + ".dll")).Where(File.Exists);
        var library = new[] { typeof(ScriptEngine).Assembly.Location, typeof(CsvHelper.CsvReader).Assembly.Location };
        return framework.Concat(library).Select(path => MetadataReference.CreateFromFile(path));
    }

    private static readonly string[] FrameworkAssemblies =
    [
        "System.Private.CoreLib", "System.Runtime", "netstandard", "System.Console", "System.Collections",
        "System.Collections.Concurrent", "System.Linq", "System.Linq.Expressions", "System.Linq.Parallel",
        "Microsoft.CSharp", "System.Memory", "System.ObjectModel", "System.Runtime.Numerics",
        "System.Text.Json", "System.Text.RegularExpressions", "System.Text.Encodings.Web",
        "System.Net.Http", "System.Net.Primitives", "System.Private.Uri", "System.Xml.ReaderWriter",
        "System.Private.Xml", "System.Xml.Linq", "System.Private.Xml.Linq", "System.IO.Compression",
        "System.Diagnostics.Process", "System.ComponentModel.Primitives", "System.Security.Cryptography",
    ];
}
