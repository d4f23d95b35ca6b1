using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace DeepInsight.Executor.Api;

/// <summary>
/// Reads every request body of the API: one JSON object of the endpoint's request type, under
/// the size and depth limits, or the one error answer for what is wrong with it (415, 413 or
/// 400), so no bad body reaches a handler.
/// </summary>
public static partial class JsonBody
{
    private const int MaxDepth = 64;

    /// <summary>What the reader can answer instead of a body, for the OpenAPI document.</summary>
    public static readonly int[] ErrorStatusCodes =
        [StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType];

    public static async Task<(JsonRequest<T>? Body, JsonAnswer? Error)> ReadAsync<T>(HttpRequest request, long maxBytes) where T : new()
    {
        var contentType = request.ContentType;
        // A missing type is tolerated (some clients omit it); a different one is refused.
        if (!string.IsNullOrEmpty(contentType) && !IsJson(contentType))
            return (null, ApiJson.Error(StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json, got '{contentType}'"));
        // A declared length over the server's limit never reaches here (OversizedBodies answers it
        // first); one over an endpoint's lower limit is refused unread, and a chunked body is
        // counted as it arrives.
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return (null, ApiJson.Error(StatusCodes.Status400BadRequest, "Request body is empty: a JSON object is required"));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            return (null, ApiJson.Error(StatusCodes.Status400BadRequest, $"Malformed JSON: {ex.Message}"));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, ApiJson.Error(StatusCodes.Status400BadRequest, $"Request body must be a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}"));
            var typeInfo = ApiJson.TypeInfo<T>();
            try
            {
                var value = Deserialize(root, typeInfo);
                return (new JsonRequest<T>(value, JsonMarshal.GetRawUtf8Value(root).ToArray()), null);
            }
            catch (JsonException ex)
            {
                return (null, ApiJson.Error(StatusCodes.Status400BadRequest, WrongType(typeInfo, ex.Path)));
            }
        }
    }

    /// <summary>
    /// The body as <typeparamref name="T"/>, where members it leaves out keep the values a new
    /// <typeparamref name="T"/> has. The generated code sets every init-only member, those left
    /// out to their type's default (dotnet/runtime#84484), which would turn a chart's default
    /// width of 1200 into 0: such members are given their defaults in the JSON first.
    /// </summary>
    private static T Deserialize<T>(JsonElement root, JsonTypeInfo<T> typeInfo) where T : new()
    {
        var defaults = new T();
        var leftOut = typeInfo.Properties
            .Where(property => property.Get is not null && !root.TryGetProperty(property.Name, out _))
            .Select(property => (property.Name, Value: property.Get!(defaults), Type: property.PropertyType))
            .Where(member => member.Value is not null)
            .ToList();
        if (leftOut.Count == 0) return root.Deserialize(typeInfo)!;
        var body = JsonObject.Create(root)!;
        foreach (var (name, value, type) in leftOut)
            body[name] = JsonSerializer.SerializeToNode(value, typeInfo.Options.GetTypeInfo(type));
        return body.Deserialize(typeInfo)!;
    }

    public static string TooLargeMessage(long maxBytes) => $"Request body exceeds the limit of {maxBytes} bytes";

    private static JsonAnswer TooLarge(long maxBytes) => ApiJson.Error(StatusCodes.Status413PayloadTooLarge, TooLargeMessage(maxBytes));

    private static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A well-formed object whose member at <paramref name="path"/> ("$.code", "$.series[0].values[1]") has the wrong type.</summary>
    private static string WrongType(JsonTypeInfo root, string? path)
    {
        var member = path is null or "$" ? "" : path.TrimStart('$').TrimStart('.');
        return ExpectedAt(root, member) is { } expected ? $"'{member}' must be {expected}" : $"'{member}' has the wrong type";
    }

    /// <summary>What the request type holds at a member path, found through its serialization metadata.</summary>
    private static string? ExpectedAt(JsonTypeInfo root, string member)
    {
        var info = root;
        foreach (Match step in PathStep().Matches(member))
        {
            var next = step.Groups["index"].Success
                ? info.ElementType
                : info.Properties.FirstOrDefault(p => p.Name == (step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value))?.PropertyType;
            if (next is null) return null;
            info = info.Options.GetTypeInfo(next);
        }
        return Describe(info);
    }

    private static string Describe(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) => "an integer",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
            _ => null,
        } ?? $"of type {type.Name}";
    }

    // The steps of System.Text.Json's error paths: .name, ['quoted name'] and [index].
    [GeneratedRegex(@"\.?(?<name>[^.\[\]']+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}

/// <summary>A request body read as <typeparamref name="T"/>, with its JSON text (what identifies a retried request).</summary>
public sealed record JsonRequest<T>(T Value, byte[] Json);
