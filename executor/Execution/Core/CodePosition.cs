using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepInsight.Executor.Execution.Core;

/// <summary>
/// A 1-based line or column in the submitted code, where an error of the code surfaced. The
/// contract gives an error of the code its <c>line</c> even when there is none to give
/// (<c>"line": null</c>, say for a stack overflow), and gives the executor's own errors (a timeout,
/// a signal) no <c>line</c> at all: a property of this type is left out when it is null, and
/// <see cref="Unknown"/> is written as null and read back from null.
/// </summary>
[JsonConverter(typeof(CodePositionJsonConverter))]
public sealed record CodePosition(int? Number)
{
    public static readonly CodePosition Unknown = new((int?)null);

    public static CodePosition At(int? number) => number is null ? Unknown : new CodePosition(number);
}

/// <summary>A bare number or null on the wire; null reads as <see cref="CodePosition.Unknown"/>, never as no position.</summary>
internal sealed class CodePositionJsonConverter : JsonConverter<CodePosition>
{
    public override bool HandleNull => true;

    public override CodePosition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? CodePosition.Unknown : CodePosition.At(reader.GetInt32());

    public override void Write(Utf8JsonWriter writer, CodePosition value, JsonSerializerOptions options)
    {
        if (value?.Number is { } number) writer.WriteNumberValue(number);
        else writer.WriteNullValue();
    }
}
