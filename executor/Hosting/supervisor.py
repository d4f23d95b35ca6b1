"""Crash-only supervisor of the executor server: `python3 -I -S supervisor.py COMMAND [ARGS...]`.

Starts COMMAND (the server) and waits for it. An exit with status 0 is the server's own
decision (the grace period after completion, the lifetime cap, SIGTERM): the supervisor exits
0 too and never restarts it. Any other end (a signal such as SIGKILL from the OOM killer or
`kill -9`, an abort, a non-zero status) is a crash: the supervisor kills everything the dead
server left running, then starts it again at once with EXECUTOR_RESTARTS=<n>, which tells the
server to continue the session it finds in the work root. After EXECUTOR_SUPERVISOR_MAX_CRASHES
crashes (5) within EXECUTOR_SUPERVISOR_CRASH_WINDOW_SECONDS (60) it gives up and exits 1, so
that ECS replaces the task.

Why Python and not the server's own executable or a shell script: it must be a child
subreaper (prctl), which a shell cannot become, so that every process of the dead server's tree
(the fork server and its executions, cold children, C# runners and compiler, daemons they
started) is re-parented here and can be killed before the new server starts; and a .NET process
would hold 30-60 MB for a loop that waits, where Python without site packages holds about
9 MB and starts in about 20 ms. It uses nothing beyond the standard library's core.

SIGTERM and SIGINT are forwarded to the server (which then makes its last upload) and mark the
stop as intended: whatever the server's end after that, it is not restarted. Logs are JSON
lines on stdout, the shape the server's own log lines have.
"""
import collections
import ctypes
import datetime
import json
import os
import signal
import sys
import time

PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
GIVE_UP_STATUS = 1
# A tree the size of an execution's is gone in two or three rounds; the bound guards against a fork bomb outrunning the sweep.
SWEEP_ROUNDS = 50


def log(level, template, **properties):
    """One CLEF line, as Serilog's CompactJsonFormatter writes the server's: the tests and CloudWatch read both alike."""
    line = {"@t": datetime.datetime.now(datetime.timezone.utc).isoformat(), "@mt": template}
    # Serilog leaves the level out when it is Information, the default.
    if level != "Information":
        line["@l"] = level
    line.update(properties)
    line["SourceContext"] = "DeepInsight.Executor.Supervisor"
    if os.environ.get("SESSION_ID"):
        line["session_id"] = os.environ["SESSION_ID"]
    os.write(1, (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))


def setting(name, default):
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def children():
    """Pids of this process's children, live or not yet reaped, orphans re-parented here included."""
    me = os.getpid()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat_file:
                fields = stat_file.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == me:
            found.append(int(entry))
    return found


def kill_leftovers():
    """SIGKILLs every child and its process group (the server's helpers and executions each lead
    one) until none is left: a killed process's own orphans are re-parented here in turn.
    Returns how many processes it killed."""
    killed = 0
    for _ in range(SWEEP_ROUNDS):
        pids = children()
        if not pids:
            break
        for pid in pids:
            for target in (-pid, pid):
                try:
                    os.kill(target, signal.SIGKILL)
                except OSError:
                    pass  # not a group leader, or gone already
        for pid in pids:
            try:
                os.waitpid(pid, 0)
                killed += 1
            except ChildProcessError:
                pass
    return killed


def describe(status):
    code = os.waitstatus_to_exitcode(status)
    if code >= 0:
        return f"exit status {code}"
    try:
        return f"killed by signal {signal.Signals(-code).name}"
    except ValueError:
        return f"killed by signal {-code}"  # a real-time signal has no name


class Supervisor:
    def __init__(self, command):
        self.command = command
        self.server = None
        self.stop_signal = None
        self.max_crashes = int(setting("EXECUTOR_SUPERVISOR_MAX_CRASHES", 5))
        self.window = setting("EXECUTOR_SUPERVISOR_CRASH_WINDOW_SECONDS", 60)
        self.crashes = collections.deque()

    def install(self):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        # Its environment holds the task's credentials, as the server's does: out of the executions' reach.
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.forward)

    def forward(self, signum, frame):
        self.stop_signal = signum
        if self.server is not None:
            try:
                os.kill(self.server, signum)
            except ProcessLookupError:
                pass

    def start(self, restarts):
        environment = dict(os.environ)
        if restarts:
            environment["EXECUTOR_RESTARTS"] = str(restarts)
        self.server = os.posix_spawnp(self.command[0], self.command, environment)
        log("Information", "Server started: pid {Pid}, restart {Restarts}", Pid=self.server, Restarts=restarts)
        # A stop signal that came while the server was being spawned had no pid to go to.
        if self.stop_signal is not None:
            os.kill(self.server, self.stop_signal)

    def wait(self):
        """Reaps children until the server ends (orphans re-parented here end on the way); returns its status."""
        while True:
            pid, status = os.waitpid(-1, 0)
            if pid == self.server:
                self.server = None
                return status

    def run(self):
        self.install()
        restarts = 0
        while True:
            self.start(restarts)
            clock = time.monotonic()
            status = self.wait()
            killed = kill_leftovers()
            code = os.waitstatus_to_exitcode(status)
            if self.stop_signal is not None or code == 0:
                log("Information", "Server ended ({How}) after {Seconds} s; {Killed} leftover processes killed; exiting",
                    How=describe(status), Seconds=round(time.monotonic() - clock, 1), Killed=killed)
                return code if code >= 0 else 128 - code
            now = time.monotonic()
            self.crashes.append(now)
            while self.crashes and now - self.crashes[0] > self.window:
                self.crashes.popleft()
            if len(self.crashes) >= self.max_crashes:
                log("Fatal", "Server crashed {Crashes} times within {WindowSeconds} s, the last time {How}: giving up, exiting {Status} so that the task is replaced",
                    Crashes=len(self.crashes), WindowSeconds=int(self.window), How=describe(status), Status=GIVE_UP_STATUS)
                return GIVE_UP_STATUS
            restarts += 1
            log("Error", "Server crashed ({How}) after {Seconds} s; {Killed} leftover processes killed; restarting it (restart {Restarts})",
                How=describe(status), Seconds=round(now - clock, 1), Killed=killed, Restarts=restarts)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: supervisor.py COMMAND [ARGS...]")
    sys.exit(Supervisor(sys.argv[1:]).run())


if __name__ == "__main__":
    main()
