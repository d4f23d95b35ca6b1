using System.Net.Sockets;
using System.Text;
using DeepInsight.Executor.Execution.CSharp;

namespace DeepInsight.Executor.Execution.CSharp.Runner;

/// <summary>
/// Puts the hub's stdout and stderr sockets on descriptors 1 and 2 and stdin on /dev/null, so
/// everything the script writes is captured at the descriptor level (processes it starts
/// included), then gives Console fresh writers: the old ones hold duplicates of the old pipes.
/// </summary>
internal static class WorkerStreams
{
    public static void Redirect(Socket stdout, Socket stderr)
    {
        WorkerPosix.StdinFromDevNull();
        WorkerPosix.Redirect((int)stdout.Handle, 1);
        WorkerPosix.Redirect((int)stderr.Handle, 2);
        Console.SetIn(new StreamReader(Console.OpenStandardInput()));
        Console.SetOut(Writer(Console.OpenStandardOutput()));
        Console.SetError(Writer(Console.OpenStandardError()));
    }

    /// <summary>Writes a line to the server's pipe on descriptor 1, before the redirection.</summary>
    public static void Announce(string line)
    {
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(Encoding.ASCII.GetBytes(line + "\n"));
    }

    /// <summary>Reads one line from the server's pipe on descriptor 0; null when the server closed it.</summary>
    public static string? ReadAssignment()
    {
        using var stdin = new StreamReader(Console.OpenStandardInput(), Encoding.ASCII);
        return stdin.ReadLine();
    }

    public static void Flush()
    {
        try
        {
            Console.Out.Flush();
            Console.Error.Flush();
        }
        catch (IOException)
        {
            // The server stopped reading (it already gave up on this execution).
        }
    }

    public static TextWriter Writer(Stream stream) =>
        new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
}
