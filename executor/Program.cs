using DeepInsight.Executor.Hosting;

var app = ExecutorApp.Build(args);
app.Run();

// Exposed so WebApplicationFactory<Program> can start the real app in tests.
public partial class Program;
