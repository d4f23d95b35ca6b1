using DeepInsight.Executor.Execution.CSharp.Compiler;
using DeepInsight.Executor.Execution.CSharp.Host;
using DeepInsight.Executor.Execution.CSharp.Runner;
using DeepInsight.Executor.Hosting;

// The same executable runs the C# script worker, so a worker loads exactly the server's assemblies.
if (args is [CSharpWorker.Flag]) return await CSharpWorker.RunAsync();
if (args is [CompilerServer.Flag]) return CompilerServer.Run();

// The C# compiler process starts now, so its first compilation (about a second of CPU) runs
// on the other core while the server starts, and a script sent at the first /health finds it warm.
var app = ExecutorApp.Build(args, CompilerHeadStart.Begin());
app.Run();
return 0;

// Exposed so WebApplicationFactory<Program> can start the real app in tests.
public partial class Program;
