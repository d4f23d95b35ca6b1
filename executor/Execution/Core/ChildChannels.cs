using System.Net.Sockets;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>The three sockets one child connects to the hub: control, stdout and stderr.</summary>
public sealed class ChildChannels : IDisposable
{
    private readonly Action _unregister;
    private readonly TaskCompletionSource<Socket> _control = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Socket> _stdout = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Socket> _stderr = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Token { get; }
    public Task<Socket> Control => _control.Task;
    public Task<Socket> Stdout => _stdout.Task;
    public Task<Socket> Stderr => _stderr.Task;

    public ChildChannels(string token, Action unregister)
    {
        Token = token;
        _unregister = unregister;
    }

    /// <summary>Takes a connection for one stream; each stream is accepted once.</summary>
    public bool Attach(string stream, Socket connection) => stream switch
    {
        "ctl" => _control.TrySetResult(connection),
        "out" => _stdout.TrySetResult(connection),
        "err" => _stderr.TrySetResult(connection),
        _ => false,
    };

    /// <summary>Forgets the token without closing the connections (they were handed over to another token).</summary>
    public void Unregister() => _unregister();

    public void Dispose()
    {
        _unregister();
        foreach (var source in new[] { _control, _stdout, _stderr })
        {
            if (!source.TrySetCanceled() && source.Task.IsCompletedSuccessfully)
                source.Task.Result.Dispose();
        }
    }
}
