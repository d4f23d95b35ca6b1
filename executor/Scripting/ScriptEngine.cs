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

    /// <summary>
    /// What the first real script would otherwise pay for: the globals, Console, LINQ, lambdas,
    /// string interpolation and the REPL value, compiled and run through <see cref="RunAsync"/>.
    /// </summary>
    private const string CoreWarmUp = """
        var squares = Enumerable.Range(1, 3).Select(i => i * i).ToList();
        Console.WriteLine($"{WorkRoot} {Data} {SessionId}: {string.Join(", ", squares)}");
        squares.Where(x => x > 1).Sum() * 2
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
        // Console goes nowhere meanwhile: descriptor 1 is the server's pipe until the worker says "ready".
        var stdout = Console.Out;
        Console.SetOut(WorkerStreams.Writer(Stream.Null));
        try
        {
            await engine.RunAsync(CoreWarmUp, WarmUpGlobals);
        }
        finally
        {
            Console.SetOut(stdout);
        }
        ReplValue.Format(new List<int> { 1, 2, 3 });
        return engine;
    }

    /// <summary>
    /// A few more compilations, done after "ready": the runtime moves Roslyn's hot code to
    /// optimized machine code only after it ran many times, and a trivial script compiles in
    /// about half the time once it has (measured: ~190 ms after one compilation, ~100 ms after four).
    /// They print nothing: a script may be running meanwhile and owns Console.
    /// </summary>
    private static readonly string[] MoreCompilations =
    [
        "var words = new List<string> { \"b\", \"a\" }; words.OrderBy(w => w).First() + $\"{words.Count}\"",
        "record Item(string Name, double Price); var items = new[] { new Item(\"x\", 1.5) }; items.GroupBy(i => i.Name).ToDictionary(g => g.Key, g => g.Sum(i => i.Price))",
        "int Twice(int x) => x * 2; var sb = new StringBuilder(); foreach (var n in Enumerable.Range(0, 3)) sb.Append(Twice(n)); sb.ToString()",
    ];

    /// <summary>
    /// The slower warm-ups, run after the worker says it is ready: more compilations, then the
    /// script library. A plain script need not wait for them, and one that arrives meanwhile
    /// runs alongside them. They print nothing, and a failure (no Cairo on this machine, say)
    /// only leaves the worker colder.
    /// </summary>
    public async Task WarmLibrariesAsync()
    {
        try
        {
            foreach (var code in MoreCompilations)
            {
                var state = await CSharpScript.RunAsync(code, _options, WarmUpGlobals, typeof(ScriptGlobals));
                ReplValue.Format(state.ReturnValue);
            }
            await CSharpScript.RunAsync(LibraryWarmUp, _options, WarmUpGlobals, typeof(ScriptGlobals));
        }
        catch (Exception)
        {
            // Scripts that use the library will show the real error themselves.
        }
        // The warm-ups' garbage goes, and the heap gives its memory back: an idle spare then
        // holds what a script needs, not what warming it left behind.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
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
