using Microsoft.AspNetCore.Diagnostics;

namespace DeepInsight.Executor.Api;

/// <summary>
/// Makes every failure outside a handler's own answers JSON with an "error" string: unknown
/// routes (404), wrong methods (405), oversized bodies rejected by Kestrel (413) and any
/// unexpected exception (500, logged; the server carries on).
/// </summary>
public static class ErrorResponses
{
    public static WebApplication UseJsonErrors(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (exception is BadHttpRequestException bad)
            {
                await ApiJson.WriteErrorAsync(context, bad.StatusCode, bad.Message);
                return;
            }
            app.Logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            await ApiJson.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "Internal server error");
        }));
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var message = http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"Not found: {http.Request.Method} {http.Request.Path}",
                StatusCodes.Status405MethodNotAllowed => $"Method {http.Request.Method} is not allowed on {http.Request.Path}",
                StatusCodes.Status413PayloadTooLarge => "Request body too large",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported Content-Type",
                var code => $"HTTP {code}",
            };
            await ApiJson.WriteErrorAsync(http, http.Response.StatusCode, message);
        });
        return app;
    }
}
