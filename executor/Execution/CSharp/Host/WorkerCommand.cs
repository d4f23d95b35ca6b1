using System.Diagnostics;
using DeepInsight.Executor.Execution.CSharp.Runner;

namespace DeepInsight.Executor.Execution.CSharp.Host;

/// <summary>
/// How to start this same executable in C# worker or compiler mode, however the server itself was started:
/// through the dotnet host (<c>dotnet DeepInsight.Executor.dll</c>, and under the test host), or
/// as its own apphost.
/// </summary>
public static class WorkerCommand
{
    public static ProcessStartInfo Create(string mode = CSharpWorker.Flag)
    {
        var assembly = typeof(CSharpWorker).Assembly.Location;
        var host = Environment.ProcessPath;
        var appHost = Path.ChangeExtension(assembly, null);
        ProcessStartInfo info;
        if (host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet")
            info = ThroughDotnet(host, assembly);
        else if (File.Exists(appHost))
            info = new ProcessStartInfo(appHost);
        else
            info = ThroughDotnet("dotnet", assembly);
        info.ArgumentList.Add(mode);
        return info;
    }

    private static ProcessStartInfo ThroughDotnet(string dotnet, string assembly)
    {
        var info = new ProcessStartInfo(dotnet);
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(assembly);
        return info;
    }
}
