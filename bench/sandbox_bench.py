"""Measures the executor's sandbox from the outside, as a client sees it.

Starts the published server on a free port with a scratch work root holding the Moon Market
data, then times: cold start to the first healthy /health, the fork server becoming ready,
print(1), a pandas group-by over the CSV (first and warm), a Korean matplotlib bar chart
saved to artifacts/, and the memory of the server's process tree (RSS and PSS). Standard
library only, so it runs with any python3.
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV = "data/moon_market/moon-market-fresh-food-sales.csv"

PRINT = "print(1)"
PANDAS = f"""import pandas as pd
df = pd.read_csv("{CSV}")
print(df.groupby("Category")["Amount"].sum().sort_values(ascending=False).head(3))
"""
CHART = f"""import pandas as pd
import matplotlib.pyplot as plt
df = pd.read_csv("{CSV}")
totals = df.groupby("Category")["Amount"].sum().sort_values()
fig, ax = plt.subplots(figsize=(8, 4))
ax.barh(totals.index, totals.values)
ax.set_title("카테고리별 매출")
fig.savefig("artifacts/chart_{{n}}.png", dpi=100)
plt.close(fig)
"""

TARGETS = {
    "cold start to healthy /health": 150,
    "print(1) p50": 3,
    "print(1) p50, 50 ms between requests": 3,
    "first pandas group-by": 40,
    "warm pandas group-by p50": 10,
    "Korean bar chart p50": 150,
    "memory of the process tree": 300,
}


def shared_data_dir():
    for candidate in (os.path.join(REPO, "..", "shared", "data"), "/work/shared/data"):
        if os.path.isdir(os.path.join(candidate, "moon_market")):
            return candidate
    sys.exit("Moon Market data not found in ../shared/data")


def scratch_server(name):
    """A scratch directory (work root with the Moon Market data, local store), a free port and the server's environment."""
    scratch = tempfile.mkdtemp(prefix=name + "-")
    work_root = os.path.join(scratch, "app")
    shutil.copytree(os.path.join(shared_data_dir(), "moon_market"), os.path.join(work_root, "data", "moon_market"))
    port = free_port()
    env = dict(os.environ, PORT=str(port), SESSION_ID="bench", EXECUTOR_WORK_ROOT=work_root,
               EXECUTOR_LOCAL_STORE=os.path.join(scratch, "store"), MAX_EXECUTIONS="1000000")
    env.setdefault("EXECUTOR_PYTHON", "/usr/bin/python3")
    return scratch, port, env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method, path, body=None):
        payload = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if payload else {}
        self.connection.request(method, path, payload, headers)
        response = self.connection.getresponse()
        return response.status, json.loads(response.read() or b"null")

    def execute_ms(self, code):
        started = time.perf_counter()
        status, body = self.request("POST", "/execute", {"code": code})
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200 or body["status"] != "completed":
            sys.exit(f"execution failed: {status} {body}")
        return elapsed


def wait_healthy(port, deadline):
    while time.monotonic() < deadline:
        try:
            status, _ = Client(port).request("GET", "/health")
            if status == 200:
                return
        except OSError:
            time.sleep(0.002)
    sys.exit("server did not become healthy")


def process_tree(root):
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
                children.setdefault(int(stat[stat.rfind(")") + 2:].split()[1]), []).append(int(entry))
            except OSError:
                pass
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def memory_mb(root):
    """RSS counts the pages forked children share with the fork server once per process; PSS splits them."""
    rss = pss = 0
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/status") as f:
                rss += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            with open(f"/proc/{pid}/smaps_rollup") as f:
                pss += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
    return rss / 1024, pss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--markdown")
    args = parser.parse_args()

    scratch, port, env = scratch_server("sandbox-bench")

    fork_server_ready = threading.Event()
    started = time.perf_counter()
    server = subprocess.Popen([args.server], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def watch_log():
        for line in server.stdout:
            if "Fork server" in line and "ready" in line:
                fork_server_ready.set()
    threading.Thread(target=watch_log, daemon=True).start()

    rows = []
    try:
        wait_healthy(port, time.monotonic() + 30)
        rows.append(("cold start to healthy /health", (time.perf_counter() - started) * 1000))
        if not fork_server_ready.wait(60):
            sys.exit("the fork server did not become ready")
        rows.append(("fork server ready after start", (time.perf_counter() - started) * 1000))

        client = Client(port)
        client.execute_ms(PRINT)  # the first request also warms the HTTP connection
        rows.append(("print(1) p50", statistics.median(client.execute_ms(PRINT) for _ in range(args.runs))))
        # An agent thinks between executions; back to back, the forks of the next children
        # compete with the executions themselves for the cores.
        paced = []
        for _ in range(args.runs):
            time.sleep(0.05)
            paced.append(client.execute_ms(PRINT))
        rows.append(("print(1) p50, 50 ms between requests", statistics.median(paced)))
        rows.append(("first pandas group-by", client.execute_ms(PANDAS)))
        rows.append(("warm pandas group-by p50", statistics.median(client.execute_ms(PANDAS) for _ in range(args.runs))))
        charts = [client.execute_ms(CHART.replace("{n}", str(n))) for n in range(max(5, args.runs // 5))]
        rows.append(("Korean bar chart p50", statistics.median(charts)))
        rss, pss = memory_mb(server.pid)
        rows.append(("memory of the process tree", pss))
        rows.append(("(RSS summed, shared pages counted per process)", rss))
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(scratch, ignore_errors=True)

    # The machine may be shared: the load says how much the numbers can be trusted.
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [f"{os.cpu_count()} cores, load average {load} at the end of the run", "",
             "| measure | value | target |", "|---|---|---|"]
    for name, value in rows:
        unit = "MB PSS" if name.startswith("memory") else "MB" if name.startswith("(RSS") else "ms"
        target = TARGETS.get(name)
        lines.append(f"| {name} | {value:.1f} {unit} | {'≤ ' + str(target) if target else ''} |")
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
