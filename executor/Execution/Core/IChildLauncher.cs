namespace DeepInsight.Executor.Execution.Core;

/// <summary>A started child: its pid (also its process group id once it runs) and its end.</summary>
public interface IChildProcess
{
    int Pid { get; }
    Task<ChildExit> Exited { get; }
}

/// <summary>
/// Starts the child side of one execution (sandbox_child.py) connected to the hub with a token.
/// Implementations: a cold interpreter per execution, or a fork of a warm parent.
/// </summary>
public interface IChildLauncher
{
    Task<IChildProcess> LaunchAsync(string hubPath, string token, CancellationToken cancellationToken);
}

/// <summary>
/// A launcher whose children join the hub before they are needed (warm C# workers): it hands
/// out a child together with the channels it already connected, so the supervisor only sends
/// the spec and reads the result. The supervisor owns (and disposes) the channels afterwards.
/// </summary>
public interface IPreconnectedLauncher
{
    Task<(IChildProcess Child, ChildChannels Channels)> LaunchConnectedAsync(CancellationToken cancellationToken);
}
