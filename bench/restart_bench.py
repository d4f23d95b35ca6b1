"""Restart time of the crash-only server: SIGKILL to the server, then the first 200 from /health.

Started by bench/restart-bench.sh with a published server. Runs the executor under its
supervisor (as the image does), gives the session --records executions first (recovery reads
every record back), then kills the server --runs times, each time once it is healthy and idle,
and prints per run: the supervisor's part (from the kill to its "Server started" log line: seeing
the death and killing what was left) and the whole (from the kill to the first 200 of the new
server), then the median, min and max, and the supervisor's own memory.
"""
import argparse
import datetime
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=2):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:
        return response.status, json.loads(response.read())


def post(port, path, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def first_healthy(port, deadline):
    while time.time() < deadline:
        try:
            status, _ = get(port, "/health", timeout=1)
            if status == 200:
                return time.time()
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.002)
    sys.exit("the server did not answer /health in time")


def server_pid(supervisor_pid):
    with open(f"/proc/{supervisor_pid}/task/{supervisor_pid}/children") as f:
        for pid in f.read().split():
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                if b"DeepInsight.Executor.dll" in cmdline.read():
                    return int(pid)
    return None


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class StartedLines:
    """Collects the supervisor's "Server started" log lines (their timestamps) from the output."""

    def __init__(self, stream):
        self.times = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            if '"Server started' not in line:
                continue
            stamp = datetime.datetime.fromisoformat(json.loads(line)["@t"]).timestamp()
            with self.lock:
                self.times.append(stamp)

    def count(self):
        with self.lock:
            return len(self.times)

    def last(self):
        with self.lock:
            return self.times[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", required=True, help="directory of the published server")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--records", type=int, default=50)
    parser.add_argument("--python", default="/usr/bin/python3")
    args = parser.parse_args()

    root = tempfile.mkdtemp(prefix="restart-bench-")
    port = free_port()
    env = dict(os.environ, PORT=str(port), SESSION_ID="restartbench", EXECUTOR_WORK_ROOT=f"{root}/app",
               EXECUTOR_LOCAL_STORE=f"{root}/store", EXECUTOR_PYTHON=args.python, ASPNETCORE_URLS="",
               EXECUTOR_SUPERVISOR_MAX_CRASHES=str(args.runs + 1))
    supervisor = subprocess.Popen(
        [args.python, "-I", "-S", f"{args.app}/supervisor.py", "dotnet", f"{args.app}/DeepInsight.Executor.dll"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    started = StartedLines(supervisor.stdout)
    try:
        first_healthy(port, time.time() + 60)
        for i in range(args.records):
            post(port, "/execute", {"code": f"print('record {i}')"})
        rows = []
        for run in range(1, args.runs + 1):
            time.sleep(3)  # idle: the fork server and the C# helpers warm, as a crash would find them
            pid = server_pid(supervisor.pid)
            seen = started.count()
            killed = time.time()
            os.kill(pid, signal.SIGKILL)
            healthy = first_healthy(port, killed + 60)
            while started.count() == seen:
                time.sleep(0.01)
            rows.append(((started.last() - killed) * 1000, (healthy - killed) * 1000))
            print(f"run {run:2}: supervisor {rows[-1][0]:6.0f} ms, kill to first 200 /health {rows[-1][1]:6.0f} ms", flush=True)
        _, health = get(port, "/health")
        assert health["executions_completed"] == args.records, health
        totals = [total for _, total in rows]
        print(f"kill -9 to first 200 /health over {args.runs} runs ({args.records} records to recover): "
              f"median {statistics.median(totals):.0f} ms, min {min(totals):.0f}, max {max(totals):.0f}; "
              f"supervisor's part median {statistics.median(part for part, _ in rows):.0f} ms; "
              f"supervisor RSS {rss_kb(supervisor.pid) / 1024:.1f} MB; load average {os.getloadavg()[0]:.1f}")
    finally:
        supervisor.send_signal(signal.SIGTERM)
        supervisor.wait(timeout=120)
        subprocess.run(["rm", "-rf", root], check=False)


if __name__ == "__main__":
    main()
