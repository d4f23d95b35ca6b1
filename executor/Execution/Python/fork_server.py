"""Warm parent of the executions: imports the heavy modules once, then forks a child per request.

Started by the server as `python3 fork_server.py HUB_PATH MODULES` with the children's
environment; MODULES (comma-separated) are imported after numpy, pandas and matplotlib. It
reads one request per line on stdin, "spare TOKEN", and forks a child that connects its three
streams to the hub with that token right away, warms up (pandas too when no spec came within
10 ms) and waits there for its spec: the server keeps spares forked ahead, so an execution
finds its child connected already and only sends it the spec. The lines, whose C# side is
executor/Execution/Python/ForkServerProtocol.cs (one record per line):

    spare TOKEN            stdin, one per child wanted (SpareRequest)
    ready                  stdout, once the imports and warm-up are done (ForkServerReady)
    pid TOKEN PID          stdout, right after each fork (ChildForked)
    exit TOKEN STATUS      stdout, when the child is reaped: its exit code, or -N if signal N
                           killed it (ChildReaped)

The server cannot wait for a grandchild, so these lines are how it learns a child's end.
The parent is also a child subreaper: whatever an execution leaves behind (a daemon that
escaped with setsid after its parent was killed) is re-parented here and killed, because
nothing but a live execution child may stay attached to this process. It ends when stdin
closes (the server stopped or died), killing the executions still running.
"""
import os

# One BLAS thread: forking a process that runs BLAS worker threads leaves their locks in an
# undefined state in the child, and this machine's cores are shared by several executions.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import gc
import importlib
import io
import random
import select
import selectors
import signal
import sys
import traceback
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sandbox_child  # noqa: E402  (after the path and BLAS settings on purpose)

KOREAN_FONT = "NanumGothic"
# A safety net: a scan for stray children also runs every few seconds when nothing happens.
IDLE_SCAN_SECONDS = 5.0
IDLE_BEFORE_PANDAS_WARM_UP = 0.01


def _preload(modules):
    """Imports and warms what analyses use, so a fork starts with it all in memory."""
    try:
        import numpy  # noqa: F401
        import pandas  # noqa: F401
        # Runs the code paths read_csv and groupby import lazily on first use.
        _exercise_pandas(report_failure=True)
    except ImportError:
        pass  # an interpreter without pandas still serves plain Python and bash
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib import font_manager
        if any(f.name == KOREAN_FONT for f in font_manager.fontManager.ttflist):
            matplotlib.rcParams["font.family"] = KOREAN_FONT
        matplotlib.rcParams["axes.unicode_minus"] = False  # the Korean font lacks U+2212
        # Draws one Korean chart so the font file, glyph cache and PNG writer are loaded.
        figure, axes = plt.subplots()
        axes.bar(["매출", "수량"], [1, 2])
        axes.set_title("준비")
        figure.savefig(io.BytesIO(), format="png")
        plt.close("all")
    except ImportError:
        pass
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:  # a missing module costs only its import time later
            os.write(2, f"preloading {name} failed: {exc!r}\n".encode("utf-8", "replace"))


def _exercise_pandas(report_failure):
    """The pandas calls most analyses begin with: read a CSV, group, aggregate, sort, print.
    Run once in the parent, and again in each spare left idle: a forked child still copies
    every page its first calls write (reference counts, caches), some 1,700 pages for a small
    group-by, which the spare then pays before its job arrives rather than during it."""
    pandas = sys.modules.get("pandas")
    if pandas is None:
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pandas.read_csv(io.StringIO(
                "category,amount,date\n서울,1,2024-01-01\n부산,2.5,2024-01-02\n서울,3,2024-01-03\n"))
            str(frame.groupby("category")["amount"].agg(["sum", "mean", "count"]))
            str(frame.groupby("category")["amount"].sum().sort_values(ascending=False).head(3))
    except Exception as exc:  # a warm-up only saves time: executions still run without it
        if report_failure:
            os.write(2, f"pandas warm-up failed: {exc!r}\n".encode("utf-8", "replace"))


def _tracer_pid():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("TracerPid:"):
                return int(line.split()[1])
    return 0


def _reply(line):
    # One write per line: atomic on a pipe, and no buffer that a fork could duplicate.
    os.write(1, (line + "\n").encode("ascii"))


class ForkServer:
    def __init__(self, hub_path):
        self.hub_path = hub_path
        self.me = os.getpid()
        self.executions = {}  # pid -> token of each live child, spares waiting for their spec included
        self.selector = selectors.DefaultSelector()
        self.stdin_buffer = b""
        self.wakeup_read, self.wakeup_write = os.pipe()
        os.set_blocking(self.wakeup_read, False)
        os.set_blocking(self.wakeup_write, False)

    def install(self):
        # Its own session: signals sent to the server's process group (Ctrl-C) are not for it;
        # it lives exactly as long as its stdin pipe.
        try:
            os.setsid()
        except OSError:
            pass
        sandbox_child.prctl(sandbox_child.PR_SET_CHILD_SUBREAPER, 1)
        # Not dumpable: /proc/<this pid>/fd/0 (the request pipe, with other executions' tokens)
        # and its memory become root-only, out of reach of the children running as our user.
        sandbox_child.prctl(sandbox_child.PR_SET_DUMPABLE, 0)
        # That stops new tracers, not one that attached during the imports (a restart while
        # executions run): a traced fork server would hand every child to it, so it ends instead.
        if _tracer_pid() != 0:
            sys.exit("fork server is being traced: exiting")
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # A Python-level handler is needed for the wakeup descriptor to receive SIGCHLD.
        signal.signal(signal.SIGCHLD, lambda signum, frame: None)
        signal.set_wakeup_fd(self.wakeup_write)
        self.selector.register(0, selectors.EVENT_READ, self._on_requests)
        self.selector.register(self.wakeup_read, selectors.EVENT_READ, self._on_sigchld)

    def serve(self):
        _reply("ready")
        while True:
            events = self.selector.select(IDLE_SCAN_SECONDS)
            if not events:
                self._reap_and_sweep()
            for key, _ in events:
                if key.data() is False:
                    return

    def _on_requests(self):
        chunk = os.read(0, 65536)
        if not chunk:
            return False
        self.stdin_buffer += chunk
        while b"\n" in self.stdin_buffer:
            line, self.stdin_buffer = self.stdin_buffer.split(b"\n", 1)
            parts = line.decode("utf-8", "replace").split(" ")
            if len(parts) == 2 and parts[0] == "spare":
                self._fork_spare(parts[1])
        return True

    def _on_sigchld(self):
        try:
            while os.read(self.wakeup_read, 4096):
                pass
        except BlockingIOError:
            pass
        self._reap_and_sweep()
        return True

    def _fork_spare(self, token):
        pid = os.fork()
        if pid == 0:
            try:
                self._become_execution()
                sockets = sandbox_child.connect(self.hub_path, token)
                sandbox_child.warm_up()
                # Only a spare left idle exercises pandas: one taken at once (executions sent
                # back to back) skips it, so the CPU goes to the jobs. A spec that arrives during
                # the warm-up (a few ms) waits for its end. A spare's stderr is the next job's
                # already, hence no failure report.
                if not select.select([sockets[0]], [], [], IDLE_BEFORE_PANDAS_WARM_UP)[0]:
                    _exercise_pandas(report_failure=False)
                sandbox_child.serve(*sockets)
            except BaseException:
                sandbox_child._write_stderr(traceback.format_exc())
            finally:
                os._exit(70)
        self.executions[pid] = token
        _reply(f"pid {token} {pid}")

    def _become_execution(self):
        """Undoes in the child what is the parent's own: descriptors, signals, shared seeds."""
        signal.set_wakeup_fd(-1)
        self.selector.close()
        for fd in (self.wakeup_read, self.wakeup_write):
            os.close(fd)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        # Every fork would otherwise draw the same "random" numbers as its siblings.
        random.seed()
        numpy = sys.modules.get("numpy")
        if numpy is not None:
            numpy.random.seed(None)

    def _reap_and_sweep(self):
        ended = []
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            token = self.executions.pop(pid, None)
            if token is not None:
                ended.append((token, os.waitstatus_to_exitcode(status)))
        # Strays first: what an ended execution left behind is gone before the server hears of its end.
        self._kill_strays()
        for token, code in ended:
            _reply(f"exit {token} {code}")

    def _kill_strays(self):
        """SIGKILLs every child that is not a live execution: orphans re-parented to us."""
        for pid in sandbox_child.children_of(self.me):
            if pid not in self.executions:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def shutdown(self):
        for pid in list(self.executions):
            for target in (-pid, pid):
                try:
                    os.kill(target, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self._kill_strays()


def main():
    sandbox_child.use_session_user_site()
    _preload([name for name in sys.argv[2].split(",") if name])
    # Objects made so far are never collected: the children's collector then leaves their
    # pages alone, which would otherwise be copied into every child on its first collection.
    gc.freeze()
    server = ForkServer(sys.argv[1])
    server.install()
    try:
        server.serve()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
