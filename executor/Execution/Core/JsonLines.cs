using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// The framing every JSON protocol between the processes shares: one message per line, written
/// and read through the protocol's source-generated metadata. A line that is not a message of
/// the expected type is an <see cref="InvalidDataException"/> naming what was expected.
/// </summary>
public static class JsonLines
{
    public static byte[] Write<T>(T message, JsonTypeInfo<T> type) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(message, type), (byte)'\n'];

    public static T Read<T>(string line, JsonTypeInfo<T> type, string expected)
    {
        try
        {
            return JsonSerializer.Deserialize(line, type) ?? throw new InvalidDataException($"Expected {expected}, read null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Expected {expected}: {ex.Message}", ex);
        }
    }
}
