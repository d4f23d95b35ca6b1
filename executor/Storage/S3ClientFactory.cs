using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace DeepInsight.Executor.Storage;

/// <summary>
/// The one S3 client of the process, shared by the session upload and /file-sync: region from
/// AWS_REGION, an S3-compatible endpoint when AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL is set
/// (path-style, as such servers need), credentials from the SDK's default chain (the ECS task role).
/// </summary>
public static class S3ClientFactory
{
    // Our own per-file retries already cover transient failures; the SDK's retries on top of
    // them would only stretch a failed completion while S3 is unreachable.
    private const int SdkRetries = 2;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(120);

    public static IAmazonS3 Create(StorageOptions options, IConfiguration configuration)
    {
        var config = new AmazonS3Config
        {
            MaxErrorRetry = SdkRetries,
            Timeout = RequestTimeout,
        };
        if (options.S3Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = options.AwsRegion ?? "us-east-1";
        }
        else
        {
            // ECS always sets AWS_REGION; without it the SDK would refuse to build the client and
            // take the whole server down at startup, so fall back to S3's global region instead.
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.AwsRegion ?? "us-east-1");
        }

        return ExplicitCredentials(configuration) is { } credentials
            ? new AmazonS3Client(credentials, config)
            : new AmazonS3Client(config);
    }

    /// <summary>
    /// The standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN) read through
    /// configuration rather than by the SDK from the process environment. In a task this is the
    /// same thing (environment variables are configuration, and the SDK's chain would pick them
    /// first anyway); in tests it lets each in-process server carry its own keys without setting
    /// process-wide variables that parallel tests would share. They stay out of StorageOptions
    /// so that logging the options can never print a secret.
    /// </summary>
    private static AWSCredentials? ExplicitCredentials(IConfiguration configuration)
    {
        var accessKey = configuration["AWS_ACCESS_KEY_ID"];
        var secretKey = configuration["AWS_SECRET_ACCESS_KEY"];
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey)) return null;
        return configuration["AWS_SESSION_TOKEN"] is { Length: > 0 } token
            ? new SessionAWSCredentials(accessKey, secretKey, token)
            : new BasicAWSCredentials(accessKey, secretKey);
    }
}
