using System.Text.Json;

namespace DeepInsight.Executor.Api;

/// <summary>
/// Reads a request body as one JSON object under the size and depth limits, or says exactly
/// what is wrong with it as a JSON error (415, 413 or 400), so no bad body reaches a handler.
/// </summary>
public static class JsonBody
{
    private const int MaxDepth = 64;

    public static async Task<(JsonElement Body, IResult? Error)> ReadObjectAsync(HttpRequest request, long maxBytes)
    {
        var contentType = request.ContentType;
        // A missing type is tolerated (some clients omit it); a different one is refused.
        if (!string.IsNullOrEmpty(contentType) && !IsJson(contentType))
            return (default, ApiJson.Error(StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json, got '{contentType}'"));
        // A declared length over the limit never reaches here (OversizedBodies answers it first);
        // a chunked body is counted as it arrives.
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (default, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return (default, ApiJson.Error(StatusCodes.Status400BadRequest, "Request body is empty: a JSON object is required"));

        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (default, ApiJson.Error(StatusCodes.Status400BadRequest, $"Request body must be a JSON object, got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}"));
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (default, ApiJson.Error(StatusCodes.Status400BadRequest, $"Malformed JSON: {ex.Message}"));
        }
    }

    /// <summary>An optional string member: null when absent or JSON null, an error when another type.</summary>
    public static bool TryGetOptionalString(JsonElement body, string name, out string? value, out JsonAnswer? error)
    {
        value = null;
        error = null;
        if (!body.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null) return true;
        if (member.ValueKind != JsonValueKind.String)
        {
            error = ApiJson.Error(StatusCodes.Status400BadRequest, $"'{name}' must be a string");
            return false;
        }
        value = member.GetString();
        return true;
    }

    private static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    public static string TooLargeMessage(long maxBytes) => $"Request body exceeds the limit of {maxBytes} bytes";

    private static IResult TooLarge(long maxBytes) => ApiJson.Error(StatusCodes.Status413PayloadTooLarge, TooLargeMessage(maxBytes));
}
