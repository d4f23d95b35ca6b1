using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DeepInsight.Executor.Api.Contracts;

namespace DeepInsight.Executor.Api;

/// <summary>
/// The JSON of the API, read and written: snake_case, Korean left readable, nulls kept unless a
/// contract member says otherwise, through the generated <see cref="ApiJsonContext"/> only.
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(ApplyTo(new JsonSerializerOptions()))
    {
        // "NaN" and "Infinity" get through reading so that chart validation can name them as
        // non-finite values; the document leaves them out, as they are refused all the same.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// The API's settings on any options: ApiJson's own, and ASP.NET's HTTP JSON options, from
    /// which the OpenAPI document takes member names and types, so it names them as the wire does.
    /// </summary>
    public static JsonSerializerOptions ApplyTo(JsonSerializerOptions options)
    {
        options.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.PropertyNameCaseInsensitive = false;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static JsonAnswer Ok<T>(T body) => Status(StatusCodes.Status200OK, body);

    public static JsonAnswer Status<T>(int statusCode, T body) => new(statusCode, JsonSerializer.SerializeToUtf8Bytes(body, TypeInfo<T>()));

    public static JsonAnswer Error(int statusCode, string message) => Status(statusCode, new ErrorResponse(message));

    public static Task WriteErrorAsync(HttpContext context, int statusCode, string message) =>
        Error(statusCode, message).ExecuteAsync(context);
}
