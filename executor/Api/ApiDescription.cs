using DeepInsight.Executor.Api.Contracts;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;

namespace DeepInsight.Executor.Api;

/// <summary>
/// What the OpenAPI document (GET /openapi/v1.json) says of each endpoint. The handlers answer
/// with pre-serialized <see cref="JsonAnswer"/>s, which carry no type the document could see,
/// so each endpoint declares its answers next to its mapping: the contract type of each status,
/// and the error shape on every error status.
/// </summary>
public static class ApiDescription
{
    private const string Json = "application/json";

    /// <summary>The document, with member names and types taken from the API's own JSON settings.</summary>
    public static IServiceCollection AddApiDescription(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => ApiJson.ApplyTo(options.SerializerOptions))
            .AddOpenApi(options => options.AddOperationTransformer((operation, context, _) =>
            {
                // What is answered around the endpoint (OversizedBodies, ErrorResponses) is the error shape too.
                operation.Responses ??= [];
                operation.Responses["default"] = new OpenApiResponse
                {
                    Description = "Any other status: a body declared over the server's limit (413) or an unexpected failure (500)",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [Json] = new() { Schema = new OpenApiSchemaReference(nameof(ErrorResponse), context.Document) },
                    },
                };
                return Task.CompletedTask;
            }));

    /// <summary>An answer of <typeparamref name="TResponse"/> on <paramref name="statusCode"/>.</summary>
    public static RouteHandlerBuilder Answers<TResponse>(this RouteHandlerBuilder endpoint, int statusCode = StatusCodes.Status200OK) =>
        endpoint.Produces<TResponse>(statusCode, Json);

    /// <summary>The error shape on each of <paramref name="statusCodes"/>.</summary>
    public static RouteHandlerBuilder Fails(this RouteHandlerBuilder endpoint, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes) endpoint.Produces<ErrorResponse>(statusCode, Json);
        return endpoint;
    }

    /// <summary>A JSON body read by <see cref="JsonBody"/>, with the errors it answers for a bad one.</summary>
    public static RouteHandlerBuilder Takes<TRequest>(this RouteHandlerBuilder endpoint, bool optional = false) where TRequest : notnull =>
        endpoint.WithMetadata(new RequestBody(typeof(TRequest), optional)).Fails(JsonBody.ErrorStatusCodes);

    /// <summary>
    /// The request body as the document shows it. Unlike Accepts(), it names no content type:
    /// routing would check one itself and answer 415 in its own words, where the contract's
    /// text comes from <see cref="JsonBody"/>, which also takes a body sent without a type.
    /// </summary>
    private sealed record RequestBody(Type RequestType, bool IsOptional) : IAcceptsMetadata
    {
        public IReadOnlyList<string> ContentTypes => [];
    }
}
