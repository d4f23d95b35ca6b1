using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using DeepInsight.Executor.Execution.CSharp;
using DeepInsight.Executor.Execution.CSharp.Library;
using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.CSharp.Runner;

/// <summary>
/// Loads a script the compiler process emitted and runs it: the runner side of a C# execution.
/// It needs no Roslyn, only the runtime, so a runner starts in a fraction of the time and memory
/// a compiling worker did. The REPL value of a final expression is printed, and every failure
/// becomes an error object with the script's line (the PDB comes with the assembly).
/// </summary>
internal static class ScriptRunner
{
    /// <summary>Runs the compiled script to its end; the result is the worker's result message.</summary>
    public static async Task<ChildResult> RunAsync(CompiledScript compiled, ScriptGlobals globals)
    {
        var submission = Load(compiled);
        // Roslyn's calling convention for a script's factory: slot 0 holds the globals, slot 1
        // receives the submission object itself.
        object? value;
        try
        {
            value = await submission([globals, null]);
        }
        catch (Exception thrown)
        {
            return ChildResult.Failure(ScriptErrors.FromException(thrown));
        }
        if (value is not null)
        {
            try
            {
                await Console.Out.WriteLineAsync(ReplValue.Format(value));
            }
            catch (Exception formatting)
            {
                // The value's own ToString or enumeration threw: that is the script's error too.
                return ChildResult.Failure(ScriptErrors.FromException(formatting));
            }
        }
        return ChildResult.Success;
    }

    private static Func<object?[], Task<object?>> Load(CompiledScript compiled)
    {
        using var image = new MemoryStream(Convert.FromBase64String(compiled.Assembly));
        using var symbols = new MemoryStream(Convert.FromBase64String(compiled.Symbols));
        // The default context: the script's references (this assembly, for the globals and the
        // library; CsvHelper; the framework) resolve to what this process has already loaded.
        var assembly = AssemblyLoadContext.Default.LoadFromStream(image, symbols);
        var type = assembly.GetType(compiled.Type, throwOnError: true)!;
        var factory = type.GetMethod(compiled.Method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("The compiled script has no entry point");
        return factory.CreateDelegate<Func<object?[], Task<object?>>>();
    }

    /// <summary>
    /// What the first script would otherwise pay for in a new process, minus the compilation:
    /// reading a spec (JSON, base64), Console writers, the REPL formatter (Roslyn's, the only
    /// part of it a runner loads), LINQ, async, string formatting and writing a result.
    /// Measured without it: ~10 ms more per script for the spec alone. Cheap: tens of milliseconds.
    /// </summary>
    public static void WarmUpCore()
    {
        var line = ChildProtocol.Line(new ChildSpec(CodeLanguage.CSharp, "1", "/", "/", new Dictionary<string, string> { ["PATH"] = "/bin" },
            new ChildLimits(1, 1, 1, 1, 1), new CompiledScript("AAAA", "AAAA", "Submission#0", "<Factory>")));
        var spec = ChildProtocol.ReadSpec(Encoding.UTF8.GetString(line));
        Convert.FromBase64String(spec.Compiled!.Assembly);
        ChildProtocol.Line(ChildResult.Failure(ScriptErrors.CompilationError("x") with { Line = CodePosition.At((int)spec.Limits.CpuSeconds) }));
        var stdout = Console.Out;
        Console.SetOut(WorkerStreams.Writer(Stream.Null));
        try
        {
            var squares = Enumerable.Range(1, 3).Select(i => i * i).ToList();
            Console.WriteLine($"{squares.Sum()}: {string.Join(", ", squares)}");
            ReplValue.Format(squares);
            ReplValue.Format(squares.Sum() * 2);
            Task.Run(() => squares.Count).GetAwaiter().GetResult();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    /// <summary>
    /// What data scripts add: dynamic CSV rows (the runtime binder) and a Korean chart (fonts,
    /// ScottPlot, Skia). Run after the runner is ready; a failure (no Skia here, say) only leaves
    /// the runner colder, and scripts that use the library will show the real error themselves.
    /// </summary>
    public static void WarmUpLibrary()
    {
        try
        {
            // A script's exception is reported with its line: the first stack trace with file
            // information loads the PDB reader.
            try
            {
                throw new InvalidOperationException("warm-up");
            }
            catch (InvalidOperationException thrown)
            {
                ScriptErrors.FromException(thrown);
            }
            dynamic row = new CsvRow(new CsvColumns(["금액"]), ["1.5"]);
            var total = double.Parse((string)row.금액);
            var chart = Path.Combine(Path.GetTempPath(), $"deepinsight-warm-{Environment.ProcessId}.png");
            Charts.Bar(new[] { "준비" }, new[] { total }, "준비").WithSize(200, 150).Save(chart);
            File.Delete(chart);
        }
        catch (Exception)
        {
        }
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
