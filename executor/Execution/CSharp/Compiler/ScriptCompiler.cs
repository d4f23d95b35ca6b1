using System.Text;
using DeepInsight.Executor.Execution.CSharp;
using DeepInsight.Executor.Execution.CSharp.Library;
using DeepInsight.Executor.Execution.Core;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace DeepInsight.Executor.Execution.CSharp.Compiler;

/// <summary>
/// Compiles a C# script (.csx: top-level statements, a final expression as its value) into an
/// assembly with a portable PDB, without running it: the compiler process keeps one of these
/// hot and the runner process loads what it emits. Thread-safe: every compilation is new.
///
/// It builds the script compilation directly instead of through CSharpScript: that API adds a
/// fresh reference to the core library and to the globals' assembly to every compilation, so
/// Roslyn rebuilds their symbol tables each time (measured: ~130 ms of a trivial script's
/// ~150 ms compile in a warm process). Here every compilation shares the same reference
/// objects, whose symbols Roslyn caches, and a trivial script compiles in 10 – 25 ms once warm.
/// </summary>
internal sealed class ScriptCompiler
{
    private static readonly string[] Imports =
    [
        "System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Text", "System.Text.Json",
        "System.Threading.Tasks", typeof(Csv).Namespace!,
    ];

    // What CSharpScript uses: the latest language version, script syntax; debug code, so
    // locals and lines in stack traces stay as written; unsafe allowed as scripts may use it.
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    // No metadata or source resolver: `#r` and `#load` are refused at compile time, so a
    // script can make the compiler read no file and the runner load no assembly but these.
    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary, usings: Imports, optimizationLevel: OptimizationLevel.Debug,
        allowUnsafe: true);

    private static readonly EmitOptions EmitOptions = new(debugInformationFormat: DebugInformationFormat.PortablePdb);

    private readonly IReadOnlyList<MetadataReference> _references = References();
    private long _compilations;

    /// <summary>The emitted script, or the CompilationError (with script lines) when it does not compile.</summary>
    public CompilerAnswer Compile(string code, CancellationToken cancellationToken = default)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ParseOptions, ScriptErrors.ScriptPath, Encoding.UTF8, cancellationToken);
        // Syntax errors alone, as CSharpScript reports them: binding broken syntax only adds noise.
        var syntaxErrors = Errors(tree.GetDiagnostics(cancellationToken));
        if (syntaxErrors.Count > 0) return CompilerAnswer.Failure(ScriptErrors.FromDiagnostics(syntaxErrors));

        // Each runner loads one script, so names need only differ within this process.
        var name = $"script-{Interlocked.Increment(ref _compilations)}";
        // No return type given: Roslyn's default is object, resolved through the references;
        // typeof(object) would name System.Private.CoreLib, which reference assemblies are not.
        var compilation = CSharpCompilation.CreateScriptCompilation(name, tree, _references, CompilationOptions,
            previousScriptCompilation: null, returnType: null, globalsType: typeof(ScriptGlobals));
        using var assembly = new MemoryStream();
        using var symbols = new MemoryStream();
        // Emit binds and reports every diagnostic itself: asking for them first would bind twice.
        var emitted = compilation.Emit(assembly, symbols, options: EmitOptions, cancellationToken: cancellationToken);
        var errors = Errors(emitted.Diagnostics);
        if (!emitted.Success || errors.Count > 0)
            return CompilerAnswer.Failure(errors.Count > 0
                ? ScriptErrors.FromDiagnostics(errors)
                : ScriptErrors.CompilationError("The compiler emitted nothing for this script"));

        var entryPoint = compilation.GetEntryPoint(cancellationToken)!;
        return CompilerAnswer.Of(new CompiledScript(
            Convert.ToBase64String(assembly.GetBuffer(), 0, (int)assembly.Length),
            Convert.ToBase64String(symbols.GetBuffer(), 0, (int)symbols.Length),
            entryPoint.ContainingType.MetadataName,
            entryPoint.MetadataName));
    }

    private static List<Diagnostic> Errors(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>
    /// The framework's reference assemblies the build copies beside the app (the list is in the
    /// project file), this assembly (the globals and the script library), CsvHelper, and ScottPlot
    /// with SkiaSharp (scripts draw with ScottPlot's own API, whose signatures name Skia types). Reference
    /// assemblies, not the runtime's own: they hold only the public surface, so the compiler
    /// reads a fraction of the metadata. Not the whole framework: every compilation merges the
    /// namespaces of every reference, so each unused assembly costs every script time. Created
    /// once: the same objects in every compilation are what lets Roslyn reuse their symbols.
    /// </summary>
    private static List<MetadataReference> References()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, ReferencesDirectory);
        var framework = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.dll") : [];
        if (framework.Length == 0)
            throw new FileNotFoundException($"The framework reference assemblies for C# scripts are missing from {directory}: the build copies them there");
        var library = new[]
        {
            typeof(ScriptCompiler).Assembly.Location, typeof(CsvHelper.CsvReader).Assembly.Location,
            typeof(ScottPlot.Plot).Assembly.Location, typeof(SkiaSharp.SKCanvas).Assembly.Location,
        };
        return framework.Order(StringComparer.Ordinal).Concat(library)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToList();
    }

    /// <summary>Beside the app; filled by the CopyScriptReferenceAssemblies target of the project file.</summary>
    private const string ReferencesDirectory = "script-references";
}
