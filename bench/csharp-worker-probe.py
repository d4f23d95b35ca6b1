#!/usr/bin/env python3
"""Times the C# compiler process and one runner worker without the server: this script plays
the server (the compiler's stdin/stdout) and the hub (the worker's sockets).

Prints: the compiler's start-to-first-answer time and its answer times for a series of scripts
(cold, then warm), its CPU and memory; the worker's start-to-"ready" time, its memory idle, and
the spec-to-result time of a trivial script. Usage:
  bench/csharp-worker-probe.py PATH/DeepInsight.Executor.dll [idle seconds before the script (2)]
Extra DOTNET_* settings can be given in the environment to compare runtime options.
"""
import json, os, socket, subprocess, sys, tempfile, time

dll = sys.argv[1]
idle = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
code = os.environ.get("PROBE_CODE", "var xs = new[] { 1, 2, 3 };\nxs.Sum() * 2")
env = dict(os.environ, DOTNET_gcServer="0", DOTNET_TieredPGO=os.environ.get("DOTNET_TieredPGO", "0"))

def cpu_ms(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

def memory(pid):
    fields = {l.split(":")[0]: int(l.split()[1]) / 1024 for l in open(f"/proc/{pid}/status") if l.startswith(("VmRSS", "RssAnon"))}
    pss = sum(int(l.split()[1]) for l in open(f"/proc/{pid}/smaps_rollup") if l.startswith("Pss:")) / 1024
    return f"RSS {fields['VmRSS']:.0f} MB, private {fields['RssAnon']:.0f} MB, PSS {pss:.0f} MB"

# The compiler: a few scripts, timed from the request to the answer.
start = time.monotonic()
compiler = subprocess.Popen(["dotnet", "exec", dll, "--csharp-compiler"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)
def compile_script(source):
    sent = time.monotonic()
    compiler.stdin.write(json.dumps({"code": source}) + "\n")
    compiler.stdin.flush()
    answer = json.loads(compiler.stdout.readline())
    return answer, (time.monotonic() - sent) * 1000
answer, first_ms = compile_script(code)
print(f"compiler: first answer {(time.monotonic() - start) * 1000:.0f} ms after start ({first_ms:.0f} ms from the request), cpu {cpu_ms(compiler.pid):.0f} ms")
time.sleep(idle)
timings = [round(compile_script(code + f" + {i}")[1]) for i in range(5)]
lambdas = round(compile_script("var squares = Enumerable.Range(1, 9).Select(i => i * i).Where(x => x % 2 == 1).ToList();\n$\"{squares.Count}: {string.Join(',', squares)}\"")[1])
print(f"compiler after {idle:.0f} s idle: trivial script {timings} ms, LINQ and interpolation {lambdas} ms; cpu {cpu_ms(compiler.pid):.0f} ms; {memory(compiler.pid)}")
answer, _ = compile_script(code)
assert answer["status"] == "compiled", answer

# The runner worker, given the compiled script.
tmp = tempfile.mkdtemp()
hub = os.path.join(tmp, "hub.sock")
listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(hub)
listener.listen(8)
token = "0" * 32
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
ready_cpu = cpu_ms(worker.pid)
time.sleep(idle)
idle_memory = memory(worker.pid)
idle_cpu = cpu_ms(worker.pid)
spec = {"language": "csharp", "code": code, "cwd": tmp, "workspace": tmp, "env": {"PATH": os.environ["PATH"]}, "limits": {}, "compiled": answer}
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
worker.wait()
err = streams["err"].recv(65536).decode()
if err: print(err.strip())
print(f"runner: ready {ready_ms:.0f} ms (cpu {ready_cpu:.0f} ms; {idle_cpu:.0f} ms and {idle_memory} after the idle pause), "
      f"script {run_ms:.0f} ms, result {result.decode().strip()}, stdout {out.decode()!r}")
compiler.stdin.close()
compiler.wait()
