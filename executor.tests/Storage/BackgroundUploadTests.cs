using System.Net;
using DeepInsight.Executor.Sessions;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Storage;

/// <summary>
/// The incremental upload during the session (EXECUTOR_BACKGROUND_UPLOAD) against a real S3
/// protocol server: what goes up before completion, and what completion still sends or deletes.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class BackgroundUploadTests
{
    private readonly MotoServer _moto;

    public BackgroundUploadTests(MotoServer moto) => _moto = moto;

    [Fact]
    public async Task Artifacts_and_records_are_in_the_bucket_before_completion_without_the_status_file()
    {
        var bucket = await _moto.CreateBucketAsync();
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings(bucket));
        await executor.ExecuteAsync("""
            os.makedirs('artifacts/차트', exist_ok=True)
            open('artifacts/차트/chart_1.png', 'wb').write(b'png1')
            """);
        await executor.ExecuteAsync("""
            open('artifacts/차트/chart_2.png', 'wb').write(b'png2')
            open('data/clean.csv', 'w').write('a,b\n1,2\n')
            """);

        var expected = new[] { "artifacts/차트/chart_1.png", "artifacts/차트/chart_2.png", "data/clean.csv", "debug/execution_1.json", "debug/execution_2.json" };
        Assert.Equal(expected, await WaitForKeysAsync(bucket, Prefix(executor), expected));

        var (response, _) = await executor.PostAsync("/session/complete", new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([.. expected, "debug/session_status.json"], await _moto.KeysUnderAsync(bucket, Prefix(executor)));
    }

    [Fact]
    public async Task A_file_changed_after_its_background_upload_goes_again_at_completion_with_the_new_bytes()
    {
        var bucket = await _moto.CreateBucketAsync();
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings(bucket));
        await executor.ExecuteAsync("open('artifacts/summary.txt', 'w').write('first version')");
        await WaitForKeysAsync(bucket, Prefix(executor), ["artifacts/summary.txt", "debug/execution_1.json"]);
        Assert.Equal("first version", await ReadObjectAsync(bucket, Prefix(executor) + "artifacts/summary.txt"));

        // Changed behind the executor's back (no execution, so no background pass): only completion can send it.
        File.WriteAllText(Path.Combine(executor.WorkRoot, "artifacts", "summary.txt"), "second, longer version");
        var (response, _) = await executor.PostAsync("/session/complete", new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("second, longer version", await ReadObjectAsync(bucket, Prefix(executor) + "artifacts/summary.txt"));
    }

    [Fact]
    public async Task An_object_whose_file_was_deleted_after_its_upload_is_gone_after_completion()
    {
        var bucket = await _moto.CreateBucketAsync();
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings(bucket));
        await executor.ExecuteAsync("""
            open('artifacts/draft.png', 'wb').write(b'draft')
            open('artifacts/final.png', 'wb').write(b'final')
            """);
        await WaitForKeysAsync(bucket, Prefix(executor), ["artifacts/draft.png", "artifacts/final.png", "debug/execution_1.json"]);

        File.Delete(Path.Combine(executor.WorkRoot, "artifacts", "draft.png"));
        var (response, _) = await executor.PostAsync("/session/complete", new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { "artifacts/final.png", "debug/execution_1.json", "debug/session_status.json" },
            await _moto.KeysUnderAsync(bucket, Prefix(executor)));
    }

    [Fact]
    public async Task Completion_after_a_settled_background_upload_puts_only_the_status_file()
    {
        var bucket = await _moto.CreateBucketAsync();
        using var executor = ExecutorFactory.WithSettings(_moto.ExecutorSettings(bucket));
        await executor.ExecuteAsync("""
            for i in range(6):
                open(f'artifacts/chart_{i}.png', 'wb').write(bytes([i]) * 40000)
            """);
        await executor.ExecuteAsync("print('two')");
        string[] uploaded = [.. Enumerable.Range(0, 6).Select(i => $"artifacts/chart_{i}.png"), "debug/execution_1.json", "debug/execution_2.json"];
        await WaitForKeysAsync(bucket, Prefix(executor), uploaded);
        // Removed behind the executor's back: any PUT by completion other than the status file would bring one back.
        using (var s3 = _moto.CreateClient())
            foreach (var key in uploaded) await s3.DeleteObjectAsync(bucket, Prefix(executor) + key);

        var (response, body) = await executor.PostAsync("/session/complete", new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("total_executions").GetInt32());
        Assert.Equal(new[] { "debug/session_status.json" }, await _moto.KeysUnderAsync(bucket, Prefix(executor)));
    }

    [Fact]
    public async Task With_background_upload_off_nothing_is_in_the_bucket_before_completion()
    {
        var bucket = await _moto.CreateBucketAsync();
        var settings = _moto.ExecutorSettings(bucket);
        settings["EXECUTOR_BACKGROUND_UPLOAD"] = "false";
        using var executor = ExecutorFactory.WithSettings(settings);
        await executor.ExecuteAsync("open('artifacts/chart.png', 'wb').write(b'png')");

        // Twice the quiet period a background pass would wait for, plus slack for a shared machine.
        await Task.Delay(BackgroundSessionSync.Debounce * 2 + TimeSpan.FromSeconds(2));
        Assert.Empty(await _moto.KeysUnderAsync(bucket, Prefix(executor)));

        var (response, _) = await executor.PostAsync("/session/complete", new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { "artifacts/chart.png", "debug/execution_1.json", "debug/session_status.json" },
            await _moto.KeysUnderAsync(bucket, Prefix(executor)));
    }

    [Fact]
    public async Task The_local_store_gets_the_background_upload_and_loses_deleted_files_at_completion()
    {
        using var executor = new ExecutorFactory();
        await executor.ExecuteAsync("""
            os.makedirs('artifacts/tmp', exist_ok=True)
            open('artifacts/tmp/scratch.txt', 'w').write('scratch')
            open('artifacts/kept.txt', 'w').write('kept')
            """);
        var scratch = Path.Combine(executor.StoreSessionPath, "artifacts", "tmp", "scratch.txt");
        await Poll.UntilAsync(() => File.Exists(scratch) && File.Exists(Path.Combine(executor.StoreSessionPath, "artifacts", "kept.txt")), () => "condition never held");
        Assert.False(File.Exists(Path.Combine(executor.StoreSessionPath, "debug", "session_status.json")));

        Directory.Delete(Path.Combine(executor.WorkRoot, "artifacts", "tmp"), recursive: true);
        var (response, _) = await executor.PostAsync("/session/complete", new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(File.Exists(scratch));
        Assert.False(Directory.Exists(Path.GetDirectoryName(scratch)), "an emptied folder goes with its last file");
        Assert.Equal("kept", File.ReadAllText(Path.Combine(executor.StoreSessionPath, "artifacts", "kept.txt")));
        Assert.True(File.Exists(Path.Combine(executor.StoreSessionPath, "debug", "session_status.json")));
    }

    private static string Prefix(ExecutorFactory executor) => $"deep-insight/fargate_sessions/{executor.SessionId}/";

    /// <summary>Polls the bucket until every expected key is there; answers the keys then listed.</summary>
    private async Task<IReadOnlyList<string>> WaitForKeysAsync(string bucket, string prefix, IReadOnlyCollection<string> expected)
    {
        IReadOnlyList<string> keys = [];
        await Poll.UntilAsync(async () =>
        {
            keys = await _moto.KeysUnderAsync(bucket, prefix);
            return expected.All(keys.Contains);
        }, () => $"waiting for [{string.Join(", ", expected)}], the bucket holds [{string.Join(", ", keys)}]");
        return keys;
    }

    private async Task<string> ReadObjectAsync(string bucket, string key)
    {
        using var s3 = _moto.CreateClient();
        using var response = await s3.GetObjectAsync(bucket, key);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }
}
