#!/usr/bin/env python3
"""Times one C# worker without the server: this script plays the hub.

Prints: ms from process start to "ready" (warm-up, hub joined), then ms from sending the spec
to receiving the result, for a trivial script. Usage:
  bench/csharp-worker-probe.py PATH/DeepInsight.Executor.dll [idle seconds before the script (2)]
Extra DOTNET_* settings can be given in the environment to compare runtime options.
"""
import json, os, socket, subprocess, sys, tempfile, time

dll = sys.argv[1]
idle = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
code = os.environ.get("PROBE_CODE", "var xs = new[] { 1, 2, 3 };\nxs.Sum() * 2")
tmp = tempfile.mkdtemp()
hub = os.path.join(tmp, "hub.sock")
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(hub)
listener.listen(8)
token = "0" * 32
env = dict(os.environ, DOTNET_gcServer="0", DOTNET_TieredPGO=os.environ.get("DOTNET_TieredPGO", "0"))
start = time.monotonic()
worker = subprocess.Popen(["dotnet", "exec", dll, "--csharp-worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
worker.stdin.write(f"{hub} {token}\n".encode())
worker.stdin.close()
streams = {}
for _ in range(3):
    conn, _ = listener.accept()
    header = b""
    while len(header) < 37:
        header += conn.recv(37 - len(header))
    streams[header.decode().split()[1]] = conn
line = worker.stdout.readline().decode().strip()
ready_ms = (time.monotonic() - start) * 1000
assert line == "ready", line
def cpu_ms(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
ready_cpu = cpu_ms(worker.pid)
def rss_mb(pid):
    fields = {l.split(":")[0]: int(l.split()[1]) / 1024 for l in open(f"/proc/{pid}/status") if l.startswith(("VmRSS", "RssAnon"))}
    return f"{fields['VmRSS']:.0f} MB, private {fields['RssAnon']:.0f}"
time.sleep(idle)
idle_rss = rss_mb(worker.pid)
idle_cpu = cpu_ms(worker.pid)
cwd = tmp
spec = {"language": "csharp", "code": code, "cwd": cwd, "workspace": cwd, "env": {"PATH": os.environ["PATH"]}, "limits": {}}
sent = time.monotonic()
streams["ctl"].sendall((json.dumps(spec) + "\n").encode())
result = b""
while not result.endswith(b"\n"):
    chunk = streams["ctl"].recv(65536)
    if not chunk:
        break
    result += chunk
run_ms = (time.monotonic() - sent) * 1000
out = b""
while chunk := streams["out"].recv(65536):
    out += chunk
out = out.decode()
eof_ms = (time.monotonic() - sent) * 1000 - run_ms
worker.wait()
err = streams["err"].recv(65536).decode()
if err: print(err.strip())
print(f"ready {ready_ms:.0f} ms (cpu {ready_cpu:.0f} ms; {idle_cpu:.0f} ms and RSS {idle_rss} MB after the idle pause), script {run_ms:.0f} ms (+{eof_ms:.0f} ms until stdout ended), result {result.decode().strip()}, stdout {out!r}")
