using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using DeepInsight.Executor.Tests.Infrastructure;

namespace DeepInsight.Executor.Tests.Workload;

/// <summary>
/// An agent's `pip install NAME` through bash: where an index is reachable (a real PEP 503 index
/// served on loopback, holding a wheel made here) the package lands in the session's user site
/// and later executions import it, both as Python executions and as `python FILE`; where none
/// is, pip fails at once with its own message.
/// </summary>
public sealed class PipInstallTests : IClassFixture<PipInstallTests.LocalIndex>, IClassFixture<ExecutorFactory>
{
    private const string Distribution = "deepinsight-pip-probe";
    private const string Module = "deepinsight_pip_probe";

    private readonly LocalIndex _index;
    private readonly ExecutorFactory _factory;

    public PipInstallTests(LocalIndex index, ExecutorFactory factory)
    {
        _index = index;
        _factory = factory;
    }

    [Fact]
    public async Task A_package_installed_with_pip_goes_to_the_session_user_site_and_later_executions_import_it()
    {
        var install = await _factory.ExecuteAsync($"BASH: pip install --index-url {_index.Url}/simple/ {Distribution}");
        Assert.True(install.GetProperty("status").GetString() == "completed", install.ToString());
        Assert.Contains($"Successfully installed {Distribution}-1.0", install.GetProperty("stdout").GetString());

        // A warm fork child (its parent started before the install) imports it...
        var warm = await _factory.ExecuteAsync($"import {Module}\nprint({Module}.ANSWER)\nprint({Module}.__file__)");
        Assert.True(warm.GetProperty("status").GetString() == "completed", warm.ToString());
        var lines = warm.GetProperty("stdout").GetString()!.Split('\n');
        Assert.Equal("42", lines[0]);
        Assert.StartsWith(Path.Combine(_factory.WorkRoot, "workspace", _factory.SessionId, "python") + "/", lines[1]);

        // ...and so does a script run as the runtime runs agents' files.
        await _factory.ExecuteAsync($"os.makedirs('artifacts/code', exist_ok=True)\nopen('artifacts/code/use_probe.py', 'w').write('import {Module}\\nprint({Module}.ANSWER + 1)\\n')");
        var script = await _factory.ExecuteAsync("BASH: timeout 60 python ./artifacts/code/use_probe.py");
        Assert.True(script.GetProperty("status").GetString() == "completed", script.ToString());
        Assert.Equal("43\n", script.GetProperty("stdout").GetString());

        // The interpreter's own site directories were not written.
        var system = TestPython.Run($"import importlib.util; print(importlib.util.find_spec('{Module}'))");
        Assert.Equal("None\n", system);
    }

    [Fact]
    public async Task Pip_without_a_reachable_index_fails_with_its_own_message()
    {
        var body = await _factory.ExecuteAsync($"BASH: pip install --index-url {_index.ClosedUrl}/simple/ {Distribution}-absent");

        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal("BashError", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("No matching distribution found", body.GetProperty("stderr").GetString());
    }

    /// <summary>python3 -m http.server on loopback serving a PEP 503 simple index with one wheel.</summary>
    public sealed class LocalIndex : IDisposable
    {
        private readonly Process _server;
        private readonly string _root = Directory.CreateTempSubdirectory("pip-index-").FullName;

        public string Url { get; }
        /// <summary>A loopback port nothing listens on.</summary>
        public string ClosedUrl { get; } = $"http://127.0.0.1:{ServerProcess.FreePort()}";

        public LocalIndex()
        {
            var project = Path.Combine(_root, "simple", Distribution);
            Directory.CreateDirectory(project);
            var wheel = $"{Module}-1.0-py3-none-any.whl";
            WriteWheel(Path.Combine(project, wheel));
            File.WriteAllText(Path.Combine(project, "index.html"), $"<!DOCTYPE html><html><body><a href=\"{wheel}\">{wheel}</a></body></html>");

            var port = ServerProcess.FreePort();
            Url = $"http://127.0.0.1:{port}";
            var info = new ProcessStartInfo(TestPython.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-m", "http.server", port.ToString(), "--bind", "127.0.0.1", "--directory", _root })
                info.ArgumentList.Add(argument);
            _server = Process.Start(info)!;
            WaitUntilListening(port);
        }

        /// <summary>A wheel as the format defines it: the module, METADATA, WHEEL and a RECORD of hashes.</summary>
        private static void WriteWheel(string path)
        {
            var files = new Dictionary<string, string>
            {
                [$"{Module}/__init__.py"] = "ANSWER = 42\n",
                [$"{Module}-1.0.dist-info/METADATA"] = $"Metadata-Version: 2.1\nName: {Distribution}\nVersion: 1.0\n",
                [$"{Module}-1.0.dist-info/WHEEL"] = "Wheel-Version: 1.0\nGenerator: deepinsight-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
            };
            var record = new StringBuilder();
            foreach (var (name, text) in files)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                var hash = Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                record.Append($"{name},sha256={hash},{bytes.Length}\n");
            }
            record.Append($"{Module}-1.0.dist-info/RECORD,,\n");
            files[$"{Module}-1.0.dist-info/RECORD"] = record.ToString();
            using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
            foreach (var (name, text) in files)
            {
                using var entry = new StreamWriter(zip.CreateEntry(name).Open());
                entry.Write(text);
            }
        }

        private void WaitUntilListening(int port)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                if (_server.HasExited) throw new InvalidOperationException("http.server exited: " + _server.StandardError.ReadToEnd());
                try
                {
                    using var client = new TcpClient();
                    client.Connect(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException)
                {
                    Thread.Sleep(50);
                }
            }
            throw new TimeoutException("http.server did not listen");
        }

        public void Dispose()
        {
            if (!_server.HasExited) _server.Kill();
            _server.Dispose();
            Directory.Delete(_root, recursive: true);
        }
    }
}
