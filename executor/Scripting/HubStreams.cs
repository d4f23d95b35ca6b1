using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace DeepInsight.Executor.Scripting;

/// <summary>
/// The worker's end of the server's ChildStreamHub: the same protocol as sandbox_child.py
/// (one connection per stream, each introduced by "TOKEN STREAM\n"), then the spec on the
/// control stream and, at the end, the single-line result.
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

    /// <summary>Connects the control stream, reads the spec, then connects stdout and stderr.</summary>
    public static (HubStreams Streams, JsonObject Spec) Connect(string hubPath, string token)
    {
        var control = Open(hubPath, token, "ctl");
        var spec = ReadLine(control) is { } line && JsonNode.Parse(line) is JsonObject parsed
            ? parsed
            : throw new IOException("The hub closed before sending the spec");
        return (new HubStreams(control, Open(hubPath, token, "out"), Open(hubPath, token, "err")), spec);
    }

    /// <summary>
    /// Sends the result once: the main thread and a crashing background thread may both try,
    /// and the first one is what happened.
    /// </summary>
    public bool TrySendResult(JsonObject result)
    {
        lock (_resultLock)
        {
            if (_resultSent) return false;
            _resultSent = true;
            _control.Send(Encoding.UTF8.GetBytes(result.ToJsonString() + "\n"));
            _control.Shutdown(SocketShutdown.Send);
            return true;
        }
    }

    private static Socket Open(string hubPath, string token, string stream)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(hubPath));
        socket.Send(Encoding.ASCII.GetBytes($"{token} {stream}\n"));
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
