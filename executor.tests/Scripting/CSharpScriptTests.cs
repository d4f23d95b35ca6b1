using System.Text.Json;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Scripting;

/// <summary>C# scripts through /execute: how to ask, output, the REPL value, globals and isolation.</summary>
public sealed class CSharpScriptTests : IClassFixture<CSharpExecutorFactory>
{
    private readonly CSharpExecutorFactory _factory;

    public CSharpScriptTests(CSharpExecutorFactory factory) => _factory = factory;

    [Fact]
    public async Task Prefix_runs_the_script_and_captures_stdout_and_stderr()
    {
        var body = await _factory.ExecuteCSharpAsync("""
            Console.WriteLine("안녕 " + (6 * 7));
            Console.Error.WriteLine("warning here");
            """);

        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal("안녕 42\n", body.GetProperty("stdout").GetString());
        Assert.Equal("warning here\n", body.GetProperty("stderr").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Language_field_selects_csharp_without_a_prefix()
    {
        var (response, body) = await _factory.PostAsync("/execute",
            new { code = "var xs = new[] { 3, 1, 2 };\nConsole.WriteLine(string.Join(',', xs.OrderBy(x => x)));", language = "csharp" });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal("1,2,3\n", body.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Final_expression_value_is_printed_like_a_repl()
    {
        var list = await _factory.ExecuteCSharpAsync("var xs = new List<int> { 1, 2, 3 };\nxs.Select(x => x * 10).ToList()");
        var text = await _factory.ExecuteCSharpAsync("Console.WriteLine(\"first\");\n\"매출 \" + 12");
        var statement = await _factory.ExecuteCSharpAsync("var x = 5;");

        Assert.Equal("List<int>(3) { 10, 20, 30 }\n", list.GetProperty("stdout").GetString());
        Assert.Equal("first\n매출 12\n", text.GetProperty("stdout").GetString());
        Assert.Equal("", statement.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task Globals_name_the_work_root_its_folders_and_the_session_and_relative_paths_start_there()
    {
        var body = await _factory.ExecuteCSharpAsync("""
            File.WriteAllText("artifacts/note.txt", "from C#");
            Console.WriteLine(WorkRoot);
            Console.WriteLine(Artifacts);
            Console.WriteLine(Data);
            Console.WriteLine(SessionId);
            Console.WriteLine(Directory.GetCurrentDirectory());
            """);

        var lines = body.GetProperty("stdout").GetString()!.Split('\n');
        Assert.Equal(_factory.WorkRoot, lines[0]);
        Assert.Equal(Path.Combine(_factory.WorkRoot, "artifacts"), lines[1]);
        Assert.Equal(Path.Combine(_factory.WorkRoot, "data"), lines[2]);
        Assert.Equal(_factory.SessionId, lines[3]);
        Assert.Equal(_factory.WorkRoot, lines[4]);
        Assert.Equal("from C#", File.ReadAllText(Path.Combine(_factory.WorkRoot, "artifacts", "note.txt")));
    }

    [Fact]
    public async Task Static_state_of_one_script_is_gone_in_the_next()
    {
        const string script = """
            static class Memo { public static int Count; }
            Memo.Count++;
            var before = AppDomain.CurrentDomain.GetData("left-behind") ?? "none";
            AppDomain.CurrentDomain.SetData("left-behind", "set");
            Console.WriteLine($"{Memo.Count} {before} {Environment.ProcessId}");
            """;
        var first = (await _factory.ExecuteCSharpAsync(script)).GetProperty("stdout").GetString()!.Split(' ');
        var second = (await _factory.ExecuteCSharpAsync(script)).GetProperty("stdout").GetString()!.Split(' ');

        Assert.Equal(["1", "none"], first[..2]);
        Assert.Equal(["1", "none"], second[..2]);
        Assert.NotEqual(first[2], second[2]);
    }

    [Fact]
    public async Task Execution_record_names_the_code_type_csharp()
    {
        var body = await _factory.ExecuteCSharpAsync("Console.WriteLine(1);");
        var number = body.GetProperty("execution_num").GetInt32();

        var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(_factory.WorkRoot, "workspace", _factory.SessionId, $"execution_{number}.json"))).RootElement;
        Assert.Equal("csharp", record.GetProperty("code_type").GetString());
    }

    [Fact]
    public async Task Scripts_reach_every_part_of_the_framework_they_are_given_and_only_its_public_surface()
    {
        // One use of each framework assembly scripts compile against (the project file's list).
        var body = await _factory.ExecuteCSharpAsync("""
            using System.Collections.Concurrent;
            using System.Collections.ObjectModel;
            using System.ComponentModel;
            using System.Diagnostics;
            using System.IO.Compression;
            using System.Linq.Expressions;
            using System.Net;
            using System.Net.Http;
            using System.Numerics;
            using System.Security.Cryptography;
            using System.Text.Encodings.Web;
            using System.Text.RegularExpressions;
            using System.Xml;
            using System.Xml.Linq;
            var parts = new List<string>
            {
                new ConcurrentDictionary<string, int> { ["a"] = 1 }.Count.ToString(),
                new ObservableCollection<int> { 1, 2 }.Count.ToString(),
                BigInteger.Pow(2, 70).ToString(),
                Regex.Replace("매출 2024", @"\d+", "N"),
                new XElement("r", new XElement("c", "값")).Element("c")!.Value,
                XmlConvert.ToString(1.5),
                Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("x")))[..8],
                ((Expression<Func<int, int>>)(x => x + 1)).Compile()(1).ToString(),
                Enumerable.Range(1, 4).AsParallel().Sum().ToString(),
                HtmlEncoder.Default.Encode("<a>"),
                IPAddress.Loopback.ToString(),
                new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/").Method.Method,
                Process.GetCurrentProcess().Id > 0 ? "pid" : "none",
                new ZipArchive(new MemoryStream(), ZipArchiveMode.Create).Mode.ToString(),
                new DescriptionAttribute("설명").Description,
                new Memory<byte>(new byte[3]).Length.ToString(),
                JsonSerializer.Serialize(new { 값 = 1 }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            };
            dynamic d = 41;
            parts.Add((d + 1).ToString());
            string.Join("|", parts)
            """);
        // A type internal to the runtime's core library is not there to name.
        var internalType = await _factory.ExecuteCSharpAsync("System.SR.Arg_ArgumentException");

        Assert.Equal(JsonValueKind.Null, body.GetProperty("error").ValueKind);
        Assert.Equal("1|2|1180591620717411303424|매출 N|값|1.5|2D711642|2|10|&lt;a&gt;|127.0.0.1|GET|pid|Create|설명|3|{\"값\":1}|42\n",
            body.GetProperty("stdout").GetString());
        Assert.Equal("CompilationError", internalType.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("CS0234", internalType.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_scripts_usage_counts_the_cpu_it_burnt_and_a_runtimes_resident_set()
    {
        var body = await _factory.ExecuteCSharpAsync("""
            var end = Environment.CpuUsage.TotalTime + TimeSpan.FromSeconds(1);
            long spins = 0;
            while (Environment.CpuUsage.TotalTime < end) spins++;
            Console.WriteLine(spins > 0);
            """);

        Assert.Equal("True\n", body.GetProperty("stdout").GetString());
        var usage = UsageFigures.Of(body);
        Assert.True(usage.CpuMs >= 1000, $"the script burnt a second of CPU, usage says {usage}");
        // A .NET runtime with the script library loaded holds tens of MB at the least.
        Assert.True(usage.MaxRssKb > 20_000, $"usage: {usage}");
    }
}
