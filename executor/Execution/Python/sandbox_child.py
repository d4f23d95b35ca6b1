"""Child side of one supervised execution.

Started cold (`python3 sandbox_child.py HUB TOKEN`) or called in a freshly forked
child of the fork server. It becomes the leader of its own session and process
group (so the server can kill everything it spawned with one signal), a child
subreaper (so daemonised grandchildren are re-parented to it and swept), applies
resource limits, connects its three streams to the server's hub and runs the code.
Nothing here may raise past `run`: every outcome becomes a result message.

The protocol with the server, whose C# side is executor/Execution/Core/ChildProtocol.cs (the
record named after each message reads and writes the same fields):

    hello    "TOKEN STREAM\n" opening each connection, STREAM one of ctl, out, err
             (ChildProtocol.Hello)
    spec     server -> child, one JSON line on ctl (ChildSpec):
             {"language": "python" | "bash" | "csharp", "code", "cwd", "workspace",
              "env": {NAME: value},
              "limits": {"memory_bytes", "cpu_seconds", "file_bytes", "open_files", "processes"}
                        (ChildLimits),
              "compiled": null (a C# script for the C# worker: CompiledScript)}
    result   child -> server, one JSON line on ctl, then ctl is closed (ChildResult):
             {"status": "completed"}
             {"status": "failed", "error": {...}}   python (ExecutionError, Execution/Core/
                 ExecutionError.cs): "type", "message", "line" (int or null), "traceback",
                 "missing_module", "undefined_variable" (str or null; PythonRunner turns them
                 into the contract's key_info)
             {"status": "failed", "return_code": N}  bash, N non-zero (-N: signal N)
             each with "usage": {"cpu_ms", "max_rss_kb"} (ChildUsage): measured once whatever
                 the code left was killed and reaped, so it covers the whole process tree
                 (getrusage of this process and of its reaped descendants); cpu_ms is user +
                 system time since the spec arrived, max_rss_kb the larger peak resident set
                 (ru_maxrss, KiB), which for a fork of the warm interpreter counts from the
                 fork server's pages

Any other status, or a line that is no such JSON, is reported as an ExecutorError.
"""
import ctypes
import datetime
import json
import linecache
import os
import resource
import signal
import socket
import subprocess
import sys
import traceback

import warm_script

PR_SET_CHILD_SUBREAPER = 36
PR_SET_DUMPABLE = 4
CODE_FILENAME = "<execution>"
MAX_TEXT = 8192
EXIT_COMPLETED, EXIT_FAILED, EXIT_SETUP_FAILED = 0, 1, 70
# Bound at import: submitted code patching json.dumps or resource.getrusage must not garble the result message.
_json_dumps = json.dumps
_getrusage = resource.getrusage
# Loaded once: in a fork server this import-time work is shared by every execution.
_LIBC = ctypes.CDLL(None, use_errno=True)


def prctl(option, value):
    """prctl(2) with its failure raised: the subreaper and dumpable flags are protections, and a
    process that could not set one must not go on as if it had."""
    if _LIBC.prctl(option, value, 0, 0, 0) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"prctl({option}, {value}): {os.strerror(errno)}")


def _connect(hub_path, token, stream):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(hub_path)
    sock.sendall(f"{token} {stream}\n".encode("ascii"))
    return sock


def _read_spec(ctl):
    buf = bytearray()
    while not buf.endswith(b"\n"):
        chunk = ctl.recv(65536)
        if not chunk:
            raise ConnectionError("hub closed before sending the spec")
        buf += chunk
    return json.loads(buf.decode("utf-8"))


def _become_group_leader():
    try:
        os.setsid()
    except OSError:
        pass  # already a session leader (cold start through setsid)
    prctl(PR_SET_CHILD_SUBREAPER, 1)


def _become_dumpable():
    """A fork of the (non-dumpable) fork server inherits that flag; the code may read its own
    /proc/self (subprocess lists /proc/self/fd), so it gets the ordinary setting back. Only once
    the spec is in: a spare waiting for its job stays out of reach of the running executions."""
    prctl(PR_SET_DUMPABLE, 1)


def _apply_limits(limits):
    pairs = (
        (resource.RLIMIT_AS, limits.get("memory_bytes")),
        (resource.RLIMIT_CPU, limits.get("cpu_seconds")),
        (resource.RLIMIT_FSIZE, limits.get("file_bytes")),
        (resource.RLIMIT_NOFILE, limits.get("open_files")),
        (resource.RLIMIT_NPROC, limits.get("processes")),
        (resource.RLIMIT_CORE, 0),
    )
    for kind, value in pairs:
        if value is None:
            continue
        # Lowering a limit is never refused: a failure here ends the child (exit 70) rather
        # than run the code unbounded.
        soft, hard = resource.getrlimit(kind)
        cap = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (cap, cap))


def use_session_user_site():
    """Puts the session's user site (under PYTHONUSERBASE, where an execution's `pip install`
    goes) on sys.path ahead of the system's packages, creating it first: Python adds it at
    start-up only if it exists then, and the fork server starts before any install. Later
    installs are found without more work, since the path finder rereads a directory whose
    modification time changed."""
    import site
    if not site.ENABLE_USER_SITE or "PYTHONUSERBASE" not in os.environ:
        return
    user_site = site.getusersitepackages()
    try:
        os.makedirs(user_site, exist_ok=True)
    except OSError:
        return  # a read-only workspace: pip install will say so itself
    if user_site in sys.path:
        return
    system_sites = set(site.getsitepackages())
    position = next((i for i, entry in enumerate(sys.path) if entry in system_sites), len(sys.path))
    sys.path.insert(position, user_site)


def _set_environment(env):
    """Makes os.environ exactly `env`, touching only what differs: a spare of the fork server
    holds nearly this environment already (the fork server is started with it), and clearing
    and refilling every variable costs a millisecond."""
    for name in [name for name in os.environ if name not in env]:
        del os.environ[name]
    for name, value in env.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


def _redirect_streams(out_sock, err_sock):
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(out_sock.fileno(), 1)
    os.dup2(err_sock.fileno(), 2)
    # Fresh text layers over the descriptors: a parent (the fork server) may have
    # left its own sys.stdout objects around, and invalid text must never raise.
    sys.stdin = open(0, "r", closefd=False)
    # Line-buffered, so what was printed before a time limit kill has reached the server.
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1)
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1)
    sys.__stdout__, sys.__stderr__, sys.__stdin__ = sys.stdout, sys.stderr, sys.stdin


def _cut(text):
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "..."


def _user_line(exc):
    if isinstance(exc, SyntaxError) and exc.filename == CODE_FILENAME:
        return exc.lineno
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == CODE_FILENAME:
            line = lineno
    return line


def _describe(exc, code):
    # Drop our own frames so the traceback starts in the submitted code.
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != CODE_FILENAME:
        tb = tb.tb_next
    lines = traceback.format_exception(type(exc), exc, tb or exc.__traceback__)
    return {
        "type": type(exc).__name__,
        "message": _cut(str(exc)),
        "line": _user_line(exc),
        "traceback": _cut("".join(lines)),
        "missing_module": getattr(exc, "name", None) if isinstance(exc, ImportError) else None,
        "undefined_variable": getattr(exc, "name", None) if isinstance(exc, NameError) else None,
    }


def _run_python(spec):
    code = spec["code"]
    scope = {
        "__name__": "__main__",
        "__builtins__": __builtins__,
        "datetime": datetime.datetime,
        "json": json,
        "os": os,
        "workspace": spec["workspace"],
    }
    # Lets tracebacks show the submitted lines, as they would for a file.
    linecache.cache[CODE_FILENAME] = (len(code), None, code.splitlines(True), CODE_FILENAME)
    try:
        compiled = compile(code, CODE_FILENAME, "exec")
        exec(compiled, scope)
    except SystemExit as exc:
        if exc.code in (None, 0):
            return {"status": "completed"}
        return {"status": "failed", "error": _describe(exc, code)}
    except BaseException as exc:  # KeyboardInterrupt and friends are user failures too
        return {"status": "failed", "error": _describe(exc, code)}
    return {"status": "completed"}


def _run_bash(spec, sockets):
    # A plain `[timeout N] python FILE` runs in a fork of this (warm) interpreter: warm_script.py.
    script_run = warm_script.match(spec["code"])
    if script_run is not None:
        return_code = warm_script.run(*script_run, private_sockets=sockets)
    else:
        return_code = subprocess.run(["bash", "-c", spec["code"]], stdin=subprocess.DEVNULL).returncode
    if return_code == 0:
        return {"status": "completed"}
    return {"status": "failed", "return_code": return_code}


# Kernels built without CONFIG_PROC_CHILDREN lack the per-thread children lists.
_HAS_CHILDREN_LISTS = os.path.exists(f"/proc/self/task/{os.getpid()}/children")


def children_of(pid):
    """Pids of the live children of `pid`."""
    if not _HAS_CHILDREN_LISTS:
        return _children_by_scanning(pid)
    children = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return children
    for tid in tasks:  # Linux keeps one list per thread
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as f:
                children.extend(int(child) for child in f.read().split())
        except OSError:
            pass  # the thread ended meanwhile
    return children


def _children_by_scanning(pid):
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        if int(stat[stat.rfind(b")") + 2:].split()[1]) == pid:
            children.append(int(entry))
    return children


def _sweep_descendants():
    """Kill whatever the code left running. As a subreaper we inherit every orphaned
    descendant, so killing our children until none is left reaches the whole tree."""
    for _ in range(50):
        children = children_of(os.getpid())
        if not children:
            return
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass


def _cpu_seconds_and_peak_rss():
    """CPU seconds (user + system) and peak resident set (KiB) of this process and of every
    descendant it has waited for: at the end, after the sweep, that is the whole tree."""
    own, reaped = _getrusage(resource.RUSAGE_SELF), _getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + reaped.ru_utime + reaped.ru_stime
    return cpu, max(own.ru_maxrss, reaped.ru_maxrss)


def _usage(cpu_at_spec):
    cpu, peak_rss_kb = _cpu_seconds_and_peak_rss()
    return {"cpu_ms": max(0, round((cpu - cpu_at_spec) * 1000)), "max_rss_kb": peak_rss_kb}


def _flush_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass  # the code may have closed or replaced them


def _send_result(ctl, result):
    """Sends the result. Code that closed or reused the control socket's descriptor loses the
    details, but the exit status still tells success from failure, and the error goes to stderr."""
    try:
        ctl.sendall(_json_dumps(result).encode("utf-8") + b"\n")
        ctl.close()
    except OSError:
        error = result.get("error") or {}
        _write_stderr(error.get("traceback") or error.get("message") or "")


def _detach_output(out_sock, err_sock):
    """Ends both output streams now, rather than when the process teardown closes them (slow
    for a fork of a large parent), so the server has the whole answer at once. Late writers,
    such as the code's own background threads, write to /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    for sock in (out_sock, err_sock):
        try:
            sock.close()
        except OSError:
            pass  # the code closed the descriptor already


def _write_stderr(text):
    try:
        os.write(2, text.encode("utf-8", "replace"))
    except OSError:
        pass


def connect(hub_path, token):
    """Everything that does not need the spec: the session, the three connections and the
    redirected streams. A spare of the fork server does this before it is given a job."""
    _become_group_leader()
    ctl = _connect(hub_path, token, "ctl")
    out_sock = _connect(hub_path, token, "out")
    err_sock = _connect(hub_path, token, "err")
    _redirect_streams(out_sock, err_sock)
    return ctl, out_sock, err_sock


def warm_up():
    """Runs the job's own code paths once with dummy data, in a spare waiting for its job: the
    copy-on-write faults and first-call costs of parsing a spec, compiling and running code
    and writing a result are then paid before the job arrives rather than while it runs."""
    spec = json.loads('{"language": "python", "code": "x = 1", "cwd": ".", "workspace": ".", '
                      '"env": {"A": "b"}, "limits": {"memory_bytes": 1}}')
    _run_python(spec)
    _json_dumps({"status": "completed", "error": None, "usage": _usage(0.0)}).encode("utf-8")
    linecache.cache.pop(CODE_FILENAME, None)


def serve(ctl, out_sock, err_sock):
    """Reads the spec, runs it and answers; never returns: the process ends here."""
    status = EXIT_SETUP_FAILED
    try:
        spec = _read_spec(ctl)
        # A spare's connecting and warming up, or a cold child's start, are not the code's cost.
        cpu_at_spec = _cpu_seconds_and_peak_rss()[0]
        _become_dumpable()
        _apply_limits(spec.get("limits", {}))
        os.chdir(spec["cwd"])
        _set_environment(spec.get("env", {}))
        if spec["language"] == "bash":
            result = _run_bash(spec, (ctl, out_sock, err_sock))
        else:
            result = _run_python(spec)
        _flush_streams()
        _sweep_descendants()
        result["usage"] = _usage(cpu_at_spec)
        status = EXIT_COMPLETED if result["status"] == "completed" else EXIT_FAILED
        _send_result(ctl, result)
        _detach_output(out_sock, err_sock)
    except BaseException:
        _write_stderr(traceback.format_exc())
    finally:
        os._exit(status)


def run(hub_path, token):
    """Runs one execution and never returns: the process ends here."""
    try:
        use_session_user_site()
        # All three connections first: the server sends the spec while the others arrive.
        sockets = connect(hub_path, token)
    except BaseException:
        _write_stderr(traceback.format_exc())
        os._exit(EXIT_SETUP_FAILED)
    serve(*sockets)


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2])
