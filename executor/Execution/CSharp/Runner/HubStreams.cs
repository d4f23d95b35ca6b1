using System.Net.Sockets;
using System.Text;
using DeepInsight.Executor.Execution.Core;

namespace DeepInsight.Executor.Execution.CSharp.Runner;

/// <summary>
/// The worker's end of the server's ChildStreamHub: the same protocol as sandbox_child.py
/// (<see cref="ChildProtocol"/>: one connection per stream, each introduced by its hello, then the
/// spec on the control stream and, at the end, the single-line result). A warm worker connects before it
/// is assigned, so an assignment is just the spec arriving.
/// </summary>
internal sealed class HubStreams
{
    private readonly Socket _control;
    private readonly object _resultLock = new();
    private bool _resultSent;

    public Socket Stdout { get; }
    public Socket Stderr { get; }

    private HubStreams(Socket control, Socket stdout, Socket stderr)
    {
        _control = control;
        Stdout = stdout;
        Stderr = stderr;
    }

    /// <summary>
    /// Connects the control, stdout and stderr streams. A spare does this as soon as it is warm,
    /// long before a script exists: the token is its own, so only the spec is left to wait for.
    /// </summary>
    public static HubStreams Connect(WorkerAssignment assignment) => new(
        Open(assignment, ChildProtocol.ControlStream), Open(assignment, ChildProtocol.OutputStream), Open(assignment, ChildProtocol.ErrorStream));

    /// <summary>
    /// Waits for the spec on the control stream: null when the server closed it (the spare was
    /// discarded); <see cref="InvalidDataException"/> for a line that is not a spec.
    /// </summary>
    public ChildSpec? ReceiveSpec() => ReadLine(_control) is { } line ? ChildProtocol.ReadSpec(line) : null;

    /// <summary>
    /// Ends stdout and stderr, then sends the result, once: the main thread and a crashing
    /// background thread may both try, and the first one is what happened. The caller flushes first.
    /// </summary>
    public bool TrySendResult(ChildResult result)
    {
        lock (_resultLock)
        {
            if (_resultSent) return false;
            _resultSent = true;
            // Output ends here rather than when the process is gone: tearing down a worker's
            // heap takes tens of milliseconds the response need not wait for. Anything its
            // children write afterwards is lost with them (the supervisor kills the group).
            foreach (var output in new[] { Stdout, Stderr })
            {
                try { output.Shutdown(SocketShutdown.Send); }
                catch (SocketException) { }
            }
            _control.Send(ChildProtocol.Line(result));
            _control.Shutdown(SocketShutdown.Send);
            return true;
        }
    }

    private static Socket Open(WorkerAssignment assignment, string stream)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(assignment.HubPath));
        socket.Send(ChildProtocol.Hello(assignment.Token, stream));
        return socket;
    }

    private static string? ReadLine(Socket socket)
    {
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = socket.Receive(buffer);
            if (read == 0) return null;
            received.Write(buffer, 0, read);
            if (buffer[read - 1] == (byte)'\n') return Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
        }
    }
}
