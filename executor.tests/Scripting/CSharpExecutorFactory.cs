using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Scripting;

/// <summary>The real app with a warm C# worker started at boot, as in production.</summary>
public class CSharpExecutorFactory : ExecutorFactory
{
    public CSharpExecutorFactory() : this(new Dictionary<string, string>()) { }

    protected CSharpExecutorFactory(IDictionary<string, string> settings)
        : base(new Dictionary<string, string>(settings) { ["EXECUTOR_CSHARP_PREWARM"] = "true" }) { }

    public Task<System.Text.Json.JsonElement> ExecuteCSharpAsync(string script) => ExecuteAsync("CSHARP:\n" + script);
}

/// <summary>A C# time limit short enough for tests of scripts that never end.</summary>
public sealed class ShortTimeoutCSharpFactory : CSharpExecutorFactory
{
    public const int TimeoutSeconds = 3;

    public ShortTimeoutCSharpFactory()
        : base(new Dictionary<string, string> { ["EXECUTOR_CSHARP_TIMEOUT_SECONDS"] = TimeoutSeconds.ToString() }) { }
}

/// <summary>A compile time limit short enough for a test of source that would keep the compiler busy for hours.</summary>
public sealed class ShortCompileTimeoutCSharpFactory : CSharpExecutorFactory
{
    public const int CompileTimeoutSeconds = 20;

    public ShortCompileTimeoutCSharpFactory()
        : base(new Dictionary<string, string> { ["EXECUTOR_CSHARP_COMPILE_TIMEOUT_SECONDS"] = CompileTimeoutSeconds.ToString() }) { }
}
