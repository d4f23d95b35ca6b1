using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Storage;

/// <summary>Where the session is uploaded: the S3 bucket when one is named, else the local store directory.</summary>
public sealed class StorageOptions(Settings settings)
{
    public string? S3Bucket { get; } = settings.Text("S3_BUCKET_NAME");

    public string? AwsRegion { get; } = settings.Text("AWS_REGION") ?? settings.Text("AWS_DEFAULT_REGION");

    /// <summary>An S3-compatible endpoint (tests use moto_server on loopback); unset means AWS.</summary>
    public string? S3Endpoint { get; } = settings.Text("AWS_ENDPOINT_URL_S3") ?? settings.Text("AWS_ENDPOINT_URL");

    public string LocalStore { get; } = settings.Text("EXECUTOR_LOCAL_STORE") ?? "/var/lib/deepinsight/store";
}
