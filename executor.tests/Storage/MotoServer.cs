using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace DeepInsight.Executor.Tests.Storage;

/// <summary>
/// A real moto_server (S3 over HTTP on loopback) on a free port, started as a child of the test
/// run and stopped by its PID. Found on PATH as moto_server, else as `python3 -m moto.server`
/// (MOTO_SERVER names another executable). It can be stopped and started again on the same port
/// to play an S3 outage; moto keeps its objects in memory, so a restart starts empty.
/// </summary>
public sealed class MotoServer : IDisposable
{
    public const string AccessKey = "testing";
    public const string SecretKey = "testing";
    public const string Region = "us-east-1";

    private Process? _process;

    public MotoServer()
    {
        Port = FreePort();
        Start();
    }

    public int Port { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>
    /// The executor's settings for S3 here, with the session store in bucket when one is named.
    /// Credentials go through configuration, not the process environment, which parallel tests share.
    /// </summary>
    public Dictionary<string, string> ExecutorSettings(string? bucket = null)
    {
        var settings = ClientSettings();
        if (bucket is not null) settings["S3_BUCKET_NAME"] = bucket;
        return settings;
    }

    private Dictionary<string, string> ClientSettings() => new()
    {
        ["AWS_ENDPOINT_URL_S3"] = Endpoint,
        ["AWS_REGION"] = Region,
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
    };

    public IAmazonS3 CreateClient() => new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = Region,
    });

    /// <summary>A new bucket with a unique name, so tests sharing one server never see each other's objects.</summary>
    public async Task<string> CreateBucketAsync(string? name = null)
    {
        name ??= "test-" + Guid.NewGuid().ToString("N")[..12];
        using var s3 = CreateClient();
        await s3.PutBucketAsync(name);
        return name;
    }

    /// <summary>Every key under prefix, with the prefix cut off, in ordinal order (one page holds them all in these tests).</summary>
    public async Task<IReadOnlyList<string>> KeysUnderAsync(string bucket, string prefix)
    {
        using var s3 = CreateClient();
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix });
        return [.. (listed.S3Objects ?? []).Select(o => o.Key[prefix.Length..]).Order(StringComparer.Ordinal)];
    }

    public void Start()
    {
        var (executable, prefixArguments) = Locate();
        var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in prefixArguments) info.ArgumentList.Add(argument);
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", Port.ToString() }) info.ArgumentList.Add(argument);
        _process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}");
        // Drained so a chatty request log never fills the pipe and stalls the server.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening();
    }

    /// <summary>Kills the server (its whole process tree: the pyenv shim execs python, but may not have yet).</summary>
    public void Stop()
    {
        if (_process is null) return;
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process!.HasExited) throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode}");
            try
            {
                using var response = http.GetAsync(Endpoint + "/").GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Thread.Sleep(100);
        }
        throw new TimeoutException($"moto_server did not answer on {Endpoint}");
    }

    private static (string Executable, string[] Arguments) Locate()
    {
        if (Environment.GetEnvironmentVariable("MOTO_SERVER") is { Length: > 0 } configured) return (configured, []);
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "moto_server"))
            .FirstOrDefault(File.Exists);
        return onPath is not null ? (onPath, []) : ("python3", ["-m", "moto.server"]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Test classes that share one moto_server; each uses its own bucket.</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
