using System.Text.Json.Serialization;

namespace DeepInsight.Executor.Api.Contracts;

/// <summary>
/// Serialization code for every request and answer of the API, generated at build time: no
/// reflection at run time (ready for native AOT), and a type missing here fails its first use
/// instead of being serialized some other way. The settings are completed in ApiJson.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ContainerInfoResponse))]
[JsonSerializable(typeof(ExecuteRequest))]
[JsonSerializable(typeof(ExecuteResponse))]
[JsonSerializable(typeof(SessionCompleteRequest))]
[JsonSerializable(typeof(SessionCompletionResponse))]
[JsonSerializable(typeof(SessionStatusResponse))]
[JsonSerializable(typeof(FileSyncRequest))]
[JsonSerializable(typeof(FileSyncResponse))]
[JsonSerializable(typeof(ArtifactListResponse))]
[JsonSerializable(typeof(ChartRequest))]
[JsonSerializable(typeof(ChartResponse))]
[JsonSerializable(typeof(ReportRequest))]
[JsonSerializable(typeof(ReportResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
