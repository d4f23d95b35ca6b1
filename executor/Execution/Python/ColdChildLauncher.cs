using System.Diagnostics;
using DeepInsight.Executor.Execution.Core;
using Microsoft.Extensions.Logging;

namespace DeepInsight.Executor.Execution.Python;

/// <summary>
/// Starts a fresh interpreter per execution running sandbox_child.py. Slow (every import is
/// paid again) but depends on nothing else: the fallback whenever no warm parent is available.
/// </summary>
public sealed class ColdChildLauncher : IChildLauncher
{
    private readonly string _python;
    private readonly string _childScript;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ILogger<ColdChildLauncher> _logger;

    public ColdChildLauncher(string python, SandboxRuntimeDirectory runtime,
        IReadOnlyDictionary<string, string> environment, ILogger<ColdChildLauncher> logger)
    {
        _python = python;
        _childScript = runtime.PathOf("sandbox_child.py");
        _environment = environment;
        _logger = logger;
    }

    public Task<IChildProcess> LaunchAsync(string hubPath, string token, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(_python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(_childScript);
        info.ArgumentList.Add(hubPath);
        info.ArgumentList.Add(token);
        ChildEnvironment.ReplaceIn(info, _environment);

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {_python}");
        return Task.FromResult<IChildProcess>(new ColdChild(process, _logger));
    }

    private sealed class ColdChild : IChildProcess
    {
        public int Pid { get; }
        public Task<ChildExit> Exited { get; }

        public ColdChild(Process process, ILogger logger)
        {
            Pid = process.Id;
            Exited = WatchAsync(process, logger);
        }

        private static async Task<ChildExit> WatchAsync(Process process, ILogger logger)
        {
            try
            {
                // Only failures before the child redirects its descriptors arrive here.
                var earlyError = process.StandardError.ReadToEndAsync();
                var earlyOutput = process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                var exit = ChildExit.FromDotNetExitCode(process.ExitCode);
                var text = await Task.WhenAll(earlyError, earlyOutput).WaitAsync(TimeSpan.FromSeconds(1))
                    .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result[0] : "", TaskScheduler.Default);
                if (text.Length > 0)
                    logger.LogWarning("Child {Pid} failed before running code: {Output}", process.Id, text[..Math.Min(text.Length, 2000)]);
                return exit;
            }
            finally
            {
                process.DisposeWithStreams();
            }
        }
    }
}
