using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepInsight.Executor.Api;

/// <summary>The JSON every endpoint writes: snake_case, Korean left readable, nulls kept.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static JsonAnswer Ok(object body) => Status(StatusCodes.Status200OK, body);

    public static JsonAnswer Status(int statusCode, object body) => new(statusCode, Serialize(body));

    /// <summary>The shape of every error: an "error" string, plus whatever the contract adds.</summary>
    public static JsonAnswer Error(int statusCode, string message) => Status(statusCode, new { error = message });

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string message) =>
        Error(statusCode, message).ExecuteAsync(context);

    private static byte[] Serialize(object body) => JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Options);

}

/// <summary>
/// A JSON answer serialized first and sent with its Content-Length in one write: a streamed
/// (chunked) body ends only with its last chunk, which waits for whatever runs after the
/// endpoint (the request log), while a client reading a known length has its answer at once.
/// Being bytes, it can also be kept and sent again as it was (see <see cref="ExecutionReplay"/>).
/// </summary>
public sealed class JsonAnswer(int statusCode, byte[] body) : IResult
{
    public int StatusCode => statusCode;
    public byte[] Body => body;

    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.BodyWriter.WriteAsync(body);
    }
}
