using System.Net.Sockets;
using System.Text;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// Drains one output stream of a child, keeping at most <c>limit</c> bytes in memory and
/// counting the rest, so a child printing gigabytes costs the server a fixed buffer.
/// </summary>
public sealed class BoundedCapture
{
    private readonly int _limit;
    private readonly MemoryStream _kept = new();
    private long _total;

    public BoundedCapture(int limit) => _limit = limit;


    public async Task DrainAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0) return;
                Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The supervisor stopped listening (time limit, or stragglers after the exit).
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_kept)
        {
            var room = (int)Math.Max(0, _limit - _kept.Length);
            if (room > 0) _kept.Write(bytes[..Math.Min(room, bytes.Length)]);
            _total += bytes.Length;
        }
    }

    /// <summary>The kept bytes as text (invalid UTF-8 replaced), with a note when bytes were dropped.</summary>
    public string Text()
    {
        lock (_kept)
        {
            var text = Encoding.UTF8.GetString(_kept.GetBuffer(), 0, (int)_kept.Length);
            var dropped = _total - _kept.Length;
            return dropped > 0
                ? $"{text}\n[output capped: kept {_kept.Length} of {_total} bytes]"
                : text;
        }
    }
}
