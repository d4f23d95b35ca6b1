using DeepInsight.Executor.Configuration;

namespace DeepInsight.Executor.Storage;

/// <summary>Where the session is uploaded: the S3 bucket when one is named, else the local store directory.</summary>
public sealed record StorageOptions
{
    public string? S3Bucket { get; init; }
    public string? AwsRegion { get; init; }
    public string? S3Endpoint { get; init; }
    public string LocalStore { get; init; } = "/var/lib/deepinsight/store";

    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        var settings = new Settings(configuration);
        return new StorageOptions
        {
            S3Bucket = settings.Text("S3_BUCKET_NAME"),
            AwsRegion = settings.Text("AWS_REGION") ?? settings.Text("AWS_DEFAULT_REGION"),
            S3Endpoint = settings.Text("AWS_ENDPOINT_URL_S3") ?? settings.Text("AWS_ENDPOINT_URL"),
            LocalStore = settings.Text("EXECUTOR_LOCAL_STORE") ?? new StorageOptions().LocalStore,
        };
    }
}
