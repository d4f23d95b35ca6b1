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

    public static IResult Ok(object body) => Results.Json(body, Options);

    public static IResult Status(int statusCode, object body) => Results.Json(body, Options, statusCode: statusCode);

    /// <summary>The shape of every error: an "error" string, plus whatever the contract adds.</summary>
    public static IResult Error(int statusCode, string message) =>
        Results.Json(new { error = message }, Options, statusCode: statusCode);

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(new { error = message }, Options);
    }
}
