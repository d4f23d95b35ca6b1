using System.Text;
using DeepInsight.Executor.Execution.CSharp;
using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.CSharp.Compiler;

/// <summary>
/// The executable's compiler mode: one long-lived process that compiles every C# script and
/// runs none of them (the csc compiler server's model). Roslyn's first compilation in a process
/// costs about a second of CPU and its code keeps getting faster for dozens more; a process that
/// lives as long as the server pays that once, where a process per script paid it every time.
/// Requests and answers are one JSON line each on stdin and stdout (<see cref="CompilerProtocol"/>), one at a time: the server
/// supervises this process, bounds each compilation's time and its heap, and starts a new one
/// when it dies or is killed for taking too long.
/// </summary>
public static class CompilerServer
{
    public const string Flag = "--csharp-compiler";

    /// <summary>Exit status after running out of memory: the server starts a fresh compiler rather than trust a broken heap.</summary>
    private const int OutOfMemory = 71;
    /// <summary>Exit status when something attached to it before it hid itself: the server starts another.</summary>
    private const int Traced = 72;

    private static readonly object WriteLock = new();

    public static int Run()
    {
        // Its own process group, so the server's kill reaches anything it might have started.
        WorkerPosix.BecomeGroupLeader();
        // Scripts run as the same user: they must not read this process's memory (other
        // scripts' source) or attach to it and change what it emits for the next script.
        ServerHardening.HideProcessFromSameUser();
        if (ServerHardening.IsTraced()) return Traced;
        var compiler = new ScriptCompiler();
        using var answers = Console.OpenStandardOutput();
        new Thread(() => WarmUp(compiler, answers)) { IsBackground = true, Name = "compiler warm-up" }.Start();

        using var requests = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        while (requests.ReadLine() is { } line)
        {
            CompilerAnswer answer;
            var exitAfter = false;
            try
            {
                answer = compiler.Compile(CompilerProtocol.ReadRequest(line).Code);
            }
            catch (OutOfMemoryException)
            {
                answer = CompilerAnswer.Failure(ScriptErrors.CompilationError("The C# compiler ran out of memory compiling this script"));
                exitAfter = true;
            }
            catch (Exception ex)
            {
                // Roslyn failing on odd source (too deep, say) is the script's problem, not the server's.
                answer = CompilerAnswer.Failure(ScriptErrors.CompilationError($"The C# compiler failed on this script: {ex.GetType().Name}: {ex.Message}"));
            }
            WriteLine(answers, CompilerProtocol.Line(answer));
            if (exitAfter) WorkerPosix.ExitNow(OutOfMemory);
        }
        // The server closed stdin: it is shutting down or has replaced this compiler.
        return 0;
    }

    /// <summary>One whole line at a time: the warm-up thread and the request loop share stdout.</summary>
    private static void WriteLine(Stream output, byte[] line)
    {
        lock (WriteLock)
        {
            output.Write(line);
            output.Flush();
        }
    }

    /// <summary>
    /// A trivial script first, at full speed: that compilation carries most of Roslyn's
    /// one-time cost, and a script sent right after boot waits for it; the server hears of it
    /// (<see cref="CompilerAnswer.WarmNotice"/>). Then, at a lower
    /// priority so they yield to the server and to real scripts, scripts that reach what agents'
    /// scripts use (lambdas, LINQ, interpolation, records, local functions, async, dynamic
    /// CSV rows, the chart and report library, a compile error), each compiled a few times so
    /// the runtime has moved that code to optimized machine code before a script needs it.
    /// </summary>
    private static void WarmUp(ScriptCompiler compiler, Stream answers)
    {
        try
        {
            compiler.Compile("var xs = new[] { 1, 2, 3 };\nxs.Sum() * 2");
            WriteLine(answers, CompilerProtocol.Line(CompilerAnswer.WarmNotice));
            WorkerPosix.LowerThisThreadsPriority();
            for (var round = 0; round < 3; round++)
            {
                foreach (var code in VariedScripts) compiler.Compile(code);
            }
        }
        catch (Exception)
        {
            // A colder compiler is slower, not wrong.
        }
        // The warm-ups' garbage goes, and the heap gives its memory back.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static readonly string[] VariedScripts =
    [
        """
        var squares = Enumerable.Range(1, 3).Select(i => i * i).ToList();
        Console.WriteLine($"{WorkRoot} {Data} {SessionId}: {string.Join(", ", squares)}");
        squares.Where(x => x > 1).Sum() * 2
        """,
        """
        record Item(string Name, double Price);
        var items = new List<Item> { new("x", 1.5), new("y", 2) };
        var byName = items.GroupBy(i => i.Name).ToDictionary(g => g.Key, g => g.Sum(i => i.Price));
        int Twice(int x) => x * 2;
        var sb = new StringBuilder();
        foreach (var (name, total) in byName) sb.Append($"{name}={total:F1};{Twice(1)}");
        await Task.Delay(1);
        sb.ToString()
        """,
        """
        var rows = Csv.Read(Path.Combine(Data, "sales.csv"));
        var revenue = rows.GroupBy(r => (string)r.Category)
            .Select(g => (Category: g.Key, Revenue: g.Sum(r => double.Parse((string)r.Amount))))
            .OrderByDescending(x => x.Revenue).ToList();
        Charts.Bar(revenue.Select(x => x.Category), revenue.Select(x => x.Revenue), title: "매출")
            .WithLabels(x: "카테고리", y: "매출").Save("artifacts/revenue.png");
        var plt = new ScottPlot.Plot();
        plt.Add.Scatter(new[] { 1.0, 2, 3 }, revenue.Select(x => x.Revenue).Take(3).ToArray());
        plt.Title("매출");
        plt.SavePng("artifacts/scatter.png", 400, 300);
        Reports.FromMarkdown("보고서", "# 제목\n| a | b |\n|---|---|\n| 1 | 2 |").Save("artifacts/report.pdf");
        """,
        """
        class Counter { public int Count { get; private set; } public void Add() => Count++; }
        var counter = new Counter();
        try { counter.Add(); throw new InvalidOperationException("x"); }
        catch (Exception e) when (e is InvalidOperationException) { Console.Error.WriteLine(e.Message); }
        var doc = JsonSerializer.Serialize(new { counter.Count, When = DateTime.Now });
        object o = counter.Count; var kind = o switch { int n when n > 0 => "positive", _ => "other" };
        """,
        "var total = 0;\ntotal += undefinedName;\nint broken = \"text\";",
    ];
}
