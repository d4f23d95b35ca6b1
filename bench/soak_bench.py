"""A long soak: thousands of mixed executions from several clients against one server, to show
that the server and its process tree stay flat (memory, open descriptors, processes, /health).

Starts the published server on a free port (Moon Market data in its work root, C# prewarmed as
in production), warms it with one execution of each kind, then runs the executions in rounds.
Before the first round and after each one, with the server idle and its background upload
settled, it prints: the tree's PSS (and the server's own), the server's open descriptors by kind,
the number of processes in the tree, and /health latency; during each round, /health latency
under load. Descriptors that appeared between the first and the last checkpoint are listed
with what they are (socket peers resolved through /proc/net), so a growth can be traced.
Standard library only, so it runs with any python3.
"""
import argparse
import collections
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time

from sandbox_bench import CHART, PANDAS, Client, memory_mb, process_tree, scratch_server, wait_healthy

# Each kind of execution an agent sends, with its weight in the mix and whether it should fail.
MIX = [
    ("python print", 20, "completed", "print('안녕하세요', sum(range(1000)))"),
    ("pandas group-by", 20, "completed", PANDAS),
    ("bash", 12, "completed", "BASH: ls data/moon_market | wc -l && echo done"),
    ("bash failing", 5, "failed", "BASH: echo partial; exit 3"),
    ("C#", 10, "completed", "CSHARP: var xs = Enumerable.Range(1, 1000).ToArray();\nxs.Sum()"),
    ("python error", 10, "failed", "rows = [1, 2, 3]\nprint(rows[0] / (rows[1] - 2))"),
    ("200 MB allocation", 8, "completed", "import numpy as np\na = np.ones(200 * 1024 * 1024 // 8)\nprint(a.nbytes >> 20, 'MB')"),
    ("Korean chart", 15, "completed", CHART),
]
# Charts overwrite a few files, so the artifacts (and every upload pass) stay a fixed size.
CHART_FILES = 10


def holders(server_pid):
    """Descriptor target ("pipe:[inode]", ...) -> the other processes holding it, by name."""
    held = collections.defaultdict(list)
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == server_pid:
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                name = " ".join(os.path.basename(a.decode(errors="replace")) for a in f.read().split(b"\0")[:3] if a)
            for fd in os.listdir(f"/proc/{entry}/fd"):
                held[os.readlink(f"/proc/{entry}/fd/{fd}")].append(name)
        except OSError:
            pass
    return held


def open_descriptors(pid):
    """The server's descriptors: fd number -> (what it points at, what kind of thing that is, for grouping)."""
    sockets = socket_table()
    others = holders(pid)
    fds = {}
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        fds[int(fd)] = (target, describe(target, sockets, others))
    return fds


def kind(target):
    if target.startswith("socket:"):
        return "socket"
    if target.startswith("pipe:"):
        return "pipe"
    if target.startswith("anon_inode:"):
        return target
    return "file"


def socket_table():
    """Socket inode -> a description, from /proc/net (unix paths, tcp ports and states)."""
    table = {}
    try:
        with open("/proc/net/unix") as f:
            next(f)
            for line in f:
                parts = line.split()
                table[parts[6]] = "unix " + (parts[7] if len(parts) > 7 else "(unnamed)")
    except OSError:
        pass
    states = {"01": "established (an HTTP client's keep-alive connection)", "0A": "listening", "06": "time-wait", "08": "close-wait"}
    for name in ("tcp", "tcp6"):
        try:
            with open(f"/proc/net/{name}") as f:
                next(f)
                for line in f:
                    parts = line.split()
                    state, inode = parts[3], parts[9]
                    table[inode] = f"{name} {states.get(state, state)}"
        except OSError:
            pass
    return table


def describe(target, sockets, others):
    if target.startswith("socket:["):
        found = sockets.get(target[8:-1], "socket (not in /proc/net: netlink or closed)")
        # /proc/net/unix names no peer: these are the server's ends of children's connections.
        return ("unix hub.sock: a child's control, stdout or stderr connection (3 per spare, replaced as executions take them)"
                if found.endswith("hub.sock") else found)
    if target.startswith("pipe:"):
        shared = sorted(set(others.get(target, [])))
        # A pipe only the server holds is one to a child that ended: left open, it is a leak.
        return f"pipe to {', '.join(shared)}" if shared else "pipe held by the server alone"
    return target


def health_ms(port, count):
    client = Client(port)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        client.request("GET", "/health")
        times.append((time.perf_counter() - started) * 1000)
    return times


def checkpoint(name, server_pid, port, executed):
    # Idle first: the background upload starts 1.5 s after the last execution.
    time.sleep(4)
    _, tree_pss = memory_mb(server_pid)
    roles = pss_by_role(server_pid)
    fds = open_descriptors(server_pid)
    health = health_ms(port, 50)
    return {
        "name": name, "executed": executed, "tree_pss": tree_pss, "roles": roles,
        "fds": fds, "processes": len(process_tree(server_pid)),
        "health_p50": statistics.median(health), "health_max": max(health),
    }


ROLES = ("server", "fork server", "Python spares", "C# compiler", "C# runner")


def pss_by_role(server_pid):
    """The tree's PSS in MB split by what each process is, so a growth can be placed."""
    roles = dict.fromkeys(ROLES, 0.0)
    for pid in process_tree(server_pid):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/smaps_rollup") as f:
                pss = next(int(line.split()[1]) for line in f if line.startswith("Pss:")) / 1024
        except (OSError, StopIteration):
            continue
        parent = int(stat[stat.rfind(")") + 2:].split()[1])
        role = ("server" if pid == server_pid else "C# compiler" if "--csharp-compiler" in cmdline
                else "C# runner" if "--csharp-worker" in cmdline
                # Spares are forks of the fork server, with its command line.
                else "fork server" if parent == server_pid else "Python spares")
        roles[role] += pss
    return roles


class Round:
    """One round: the clients share a list of executions; a prober times /health meanwhile."""

    def __init__(self, port, plan, clients):
        self.port, self.plan, self.clients = port, plan, clients
        self.lock = threading.Lock()
        self.next = 0
        self.unexpected = []
        self.by_kind = collections.Counter()
        self.health = []
        self.done = threading.Event()

    def take(self):
        with self.lock:
            if self.next >= len(self.plan):
                return None
            self.next += 1
            return self.plan[self.next - 1]

    def client(self):
        client = Client(self.port)
        while (item := self.take()) is not None:
            n, (name, _, expected, code) = item
            status, body = client.request("POST", "/execute", {"code": code.replace("{n}", str(n % CHART_FILES))})
            with self.lock:
                self.by_kind[name] += 1
                if status != 200 or body.get("status") != expected:
                    self.unexpected.append((name, status, json.dumps(body, ensure_ascii=False)[:300]))

    def prober(self):
        client = Client(self.port)
        while not self.done.wait(0.2):
            started = time.perf_counter()
            client.request("GET", "/health")
            self.health.append((time.perf_counter() - started) * 1000)

    def run(self):
        prober = threading.Thread(target=self.prober, daemon=True)
        prober.start()
        workers = [threading.Thread(target=self.client) for _ in range(self.clients)]
        started = time.monotonic()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        self.done.set()
        prober.join()
        return time.monotonic() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--executions", type=int, default=1500, help="executions in all, split evenly over the rounds")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()

    scratch, port, env = scratch_server("soak-bench")
    server = subprocess.Popen([args.server], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    random.seed(args.seed)
    weights = [weight for _, weight, _, _ in MIX]
    per_round = args.executions // args.rounds
    checkpoints, rounds, failures = [], [], []
    try:
        wait_healthy(port, time.monotonic() + 60)
        warm = Client(port)
        for _, _, _, code in MIX:
            warm.request("POST", "/execute", {"code": code.replace("{n}", "0")})
        checkpoints.append(checkpoint("after warm-up", server.pid, port, len(MIX)))
        executed = len(MIX)
        for number in range(1, args.rounds + 1):
            plan = list(enumerate(random.choices(MIX, weights=weights, k=per_round), start=executed))
            soak = Round(port, plan, args.clients)
            seconds = soak.run()
            executed += per_round
            failures.extend(soak.unexpected)
            rounds.append((number, per_round, seconds, soak.health, soak.by_kind))
            checkpoints.append(checkpoint(f"after round {number}", server.pid, port, executed))
    finally:
        server.terminate()
        server.wait(60)
        shutil.rmtree(scratch, ignore_errors=True)

    report(args, checkpoints, rounds, failures)
    if failures:
        sys.exit(1)


def report(args, checkpoints, rounds, failures):
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load} at the end; {args.clients} clients, "
          f"{args.executions} executions in {args.rounds} rounds\n")
    print(f"| checkpoint | executions | tree PSS MB | {' / '.join(ROLES)} MB | server fds | by kind | processes | /health p50 / max ms |")
    print("|---|---|---|---|---|---|---|---|")
    for c in checkpoints:
        kinds = collections.Counter(kind(target) for target, _ in c["fds"].values())
        by_kind = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        roles = " / ".join(f"{c['roles'][role]:.0f}" for role in ROLES)
        print(f"| {c['name']} | {c['executed']} | {c['tree_pss']:.0f} | {roles} | {len(c['fds'])} | {by_kind} "
              f"| {c['processes']} | {c['health_p50']:.1f} / {c['health_max']:.1f} |")
    print("\n| round | executions | seconds | executions/s | /health under load p50 / p99 / max ms |")
    print("|---|---|---|---|---|")
    for number, count, seconds, health, _ in rounds:
        ordered = sorted(health) or [0]
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        print(f"| {number} | {count} | {seconds:.0f} | {count / seconds:.1f} | "
              f"{statistics.median(ordered):.1f} / {p99:.1f} / {ordered[-1]:.1f} |")
    mix = collections.Counter()
    for *_, by_kind in rounds:
        mix.update(by_kind)
    print("\nmix: " + ", ".join(f"{name} {count}" for name, count in mix.most_common()))

    first, last = checkpoints[0]["fds"], checkpoints[-1]["fds"]
    before = collections.Counter(d for _, d in first.values())
    after = collections.Counter(d for _, d in last.values())
    kept = {t for t, _ in first.values()}
    replaced = collections.Counter(d for t, d in last.values() if t not in kept)
    print(f"\nserver descriptors, first to last checkpoint: {len(first)} -> {len(last)}; those that changed, by what they are:")
    for description in sorted(set(before) | set(after)):
        if before[description] != after[description] or replaced[description]:
            print(f"  {before[description]} -> {after[description]} ({replaced[description]} new): {description}")
    if failures:
        print(f"\n{len(failures)} executions did not end as expected:")
        for name, status, body in failures[:20]:
            print(f"  {name}: HTTP {status} {body}")


if __name__ == "__main__":
    main()
