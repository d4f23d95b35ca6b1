using DeepInsight.Executor.Hosting;
using DeepInsight.Executor.Sandbox;
using DeepInsight.Executor.Scripting;

// The same executable runs the C# script worker, so a worker loads exactly the server's assemblies.
if (args is [CSharpWorker.Flag]) return await CSharpWorker.RunAsync();

// The first warm C# worker starts now, so its warm-up runs while the server starts.
CSharpWorkerPool.StartEarly();
var app = ExecutorApp.Build(args);
app.Run();
return 0;

// Exposed so WebApplicationFactory<Program> can start the real app in tests.
public partial class Program;
