"""Runs `[timeout N] python|python3 FILE [ARGS]` in a fork of the warm interpreter.

The runtime sends most agent code as a script file run by `BASH: timeout 300 python FILE`, which
through bash starts a cold interpreter that imports pandas and matplotlib again every time. When
the command line means nothing more than that, the execution child (itself a fork of the warm
fork server) forks once more and runs FILE the way `python FILE` would, and reports the exit
status bash would have reported. Anything else runs through bash as before.

The rule, checked on the command as sent (after `BASH:`):
- one line of words separated by spaces, with none of the characters that make bash do more
  than run a command (quotes, `$`, backquotes, `;`, `&`, `|`, `<`, `>`, parentheses, braces,
  globs `*?[]`, `~`, `!`, `#`, backslashes);
- optionally `timeout N` first, N a whole number of seconds (no other timeout options);
- then `python` or `python3`, which the children's PATH resolves to this interpreter;
- then FILE, not starting with `-` (interpreter options go to bash), naming a regular file;
- then any arguments.

What `python FILE` means, kept: sys.argv (FILE as given, then the arguments), `__name__ ==
"__main__"`, `__file__` (joined to the cwd, as Python 3.9+ sets it), sys.path[0] as the directory of the
script's real path, cwd, stdin (/dev/null), stdout and stderr, the exit status (sys.exit(n), os._exit(n),
1 after an uncaught exception whose traceback is printed from the script's first frame on,
-N when signal N ends it, as for a command bash runs) and `timeout N` (SIGTERM at N seconds, status 124). What differs:
modules the fork server preloaded are already imported (that is the point), the string hash
seed is the fork server's, and sys.executable names the interpreter rather than the shim.
"""
import os
import select
import signal
import sys
import time

# Characters that would make bash do more than run one simple command.
_SHELL_SPECIAL = set("'\"`$;&|<>(){}*?[]~!#\\\n\r\t")
_INTERPRETERS = ("python", "python3")
_TIMEOUT_STATUS = 124


def match(command):
    """(timeout seconds or None, FILE, args) when `command` is a plain `python FILE` run, else None."""
    if any(character in _SHELL_SPECIAL for character in command):
        return None
    words = command.split()
    timeout = None
    if len(words) >= 2 and words[0] == "timeout":
        if not words[1].isdigit():
            return None
        timeout = int(words[1])
        words = words[2:]
    if len(words) < 2 or words[0] not in _INTERPRETERS or words[1].startswith("-"):
        return None
    if not _is_this_interpreter(words[0]) or not os.path.isfile(words[1]):
        return None
    return timeout, words[1], words[2:]


def _is_this_interpreter(name):
    """Whether `name` on the children's PATH is the interpreter running now (the shims are)."""
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(directory or ".", name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return os.path.realpath(candidate) == os.path.realpath(sys.executable)
    return False


def run(timeout, script, args, private_sockets):
    """Forks the script's process and waits for it as `bash -c` (and `timeout`) would; returns
    its status as the bash path reports it: the exit code, 124 after the timeout, or -N when
    signal N ended it (bash execs a lone command, so the signal reaches its waiter as is).
    `private_sockets` (the execution's connections to the server) are closed in the script's
    process, as bash's children never get them."""
    pid = os.fork()
    if pid == 0:
        for sock in private_sockets:
            sock.close()
        _exec_script(script, args)  # never returns
    if timeout is not None and not _ends_within(pid, timeout):
        # What `timeout` does: SIGTERM, then wait for the command however long it takes.
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        _waitpid(pid)
        return _TIMEOUT_STATUS
    return os.waitstatus_to_exitcode(_waitpid(pid))


def _ends_within(pid, seconds):
    """Whether pid ends within `seconds`, watched through a pidfd (no polling; Linux 5.3+)."""
    pidfd = os.pidfd_open(pid)
    try:
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if select.select([pidfd], [], [], remaining)[0]:
                return True
    finally:
        os.close(pidfd)


def _waitpid(pid):
    return os.waitpid(pid, 0)[1]


def _exec_script(script, args):
    """In the forked process: becomes `python FILE ARGS` and ends with its exit status."""
    import types
    # What the interpreter's start-up would set: argv as given, __file__ joined to the cwd but
    # not normalised, sys.path[0] the directory of the script's real path, a fresh __main__.
    path = script if os.path.isabs(script) else os.path.join(os.getcwd(), script)
    sys.argv = [script, *args]
    here = os.path.dirname(os.path.realpath(sys.modules[__name__].__file__))
    sys.path[:] = [entry for entry in sys.path if entry not in ("", here)]
    sys.path.insert(0, os.path.dirname(os.path.realpath(script)))
    main = types.ModuleType("__main__")
    main.__dict__.update({"__file__": path, "__cached__": None, "__builtins__": __builtins__})
    sys.modules["__main__"] = main
    status = 0
    try:
        with open(path, "rb") as source:
            code = compile(source.read(), path, "exec")
        exec(code, main.__dict__)
    except SystemExit as exc:
        status = _exit_status(exc)
    except BaseException as exc:
        # As the interpreter reports it: from the script's frames on, not this module's.
        traceback = exc.__traceback__
        while traceback is not None and traceback.tb_frame.f_code.co_filename != path:
            traceback = traceback.tb_next
        exc = exc.with_traceback(traceback or exc.__traceback__)
        sys.excepthook(type(exc), exc, exc.__traceback__)
        status = 1
    _finish(status)


def _exit_status(exc):
    """SystemExit as the interpreter turns it into a status: None is 0, an int is itself,
    anything else is printed to stderr and is 1."""
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code & 0xFF
    try:
        print(exc.code, file=sys.stderr)
    except BaseException:
        pass
    return 1


def _finish(status):
    """The interpreter's own shutdown: non-daemon threads joined, atexit handlers run, streams
    flushed; then the process ends without unwinding the fork server's state."""
    import atexit
    import threading
    try:
        threading._shutdown()
    except BaseException:
        pass
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    os._exit(status)
