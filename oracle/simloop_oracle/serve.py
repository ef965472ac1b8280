"""The fork server of CPython mode: `python3 -m simloop_oracle serve FILE`.

One interpreter imports what the program imports (its modules from
outside its own folder), then forks a child per request: the child runs
one schedule (engine.py) and writes its answer; the server adds the
child's exit status. A request marked reusable ("<length> r") lets the
child run the next reusable requests too (see _child). The protocol is
JSON Lines (docs/cpython.md):

  request  (stdin)   "<length>[ r]\n" then that many bytes of JSON:
                     {"log": [...] | null, "timing": [...], "more": bool,
                      "seeds": [...], "max_steps": N, "max_time": T,
                      "trace": bool, "stdout": bool, "tracebacks": bool,
                      "max_iterations": N, "max_wall": S,
                      "machine": {"path", "setenv", "args"}}
                     "0\n" ends a child waiting for the next reusable request
  answer   (stdout)  the trace's JSONL lines (when "trace"), one
                     {"ev": "result", ...} line, then {"ev": "exit",
                     "status": N} (a child that died has no result line),
                     or {"ev": "exit", "status": 0, "more": true} from a
                     child that waits for the next reusable request

Determinism: the server re-executes itself once with address-space
randomisation off (personality(ADDR_NO_RANDOMIZE), as `setarch -R`) and
PYTHONHASHSEED=0, so every child starts from the same memory image: the
program's own sets of objects iterate the same way in every run, in this
server and in the next one.
"""

import ast
import ctypes
import gc
import importlib.util
import json
import os
import select
import sys
import time
import traceback

ADDR_NO_RANDOMIZE = 0x0040000
_REEXEC = "SIMLOOP_SERVE_EXEC"


def _reexec_without_aslr():
    """Re-executes this interpreter with ASLR off and a fixed hash seed
    (once); returns when that is done or not possible."""
    if os.environ.pop(_REEXEC, None) == "1" or not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        cur = libc.personality(0xFFFFFFFF)
    except (OSError, AttributeError):
        return
    if cur < 0:
        return
    if (cur & ADDR_NO_RANDOMIZE and os.environ.get("PYTHONHASHSEED") == "0"
            and os.environ.get("PYTHONSAFEPATH")):
        return
    if libc.personality(cur | ADDR_NO_RANDOMIZE) < 0:
        return
    env = dict(os.environ)
    env[_REEXEC] = "1"
    env["PYTHONHASHSEED"] = "0"
    # not the current folder first on sys.path: its listing (cached by the
    # import system) would put a different heap under every folder state
    env["PYTHONSAFEPATH"] = "1"
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable] + sys.orig_argv[1:], env)


def _late_bound_clock():
    """Makes time.monotonic & co. (and os.getpid) trampolines that call
    whatever the module holds at call time: a library imported here that
    binds `from time import monotonic` then reads the run's virtual clock
    once env.py patches the module (env.py's patches replace the attribute,
    not what was bound before)."""
    def make(mod, name, orig):
        def tramp(*args):
            f = getattr(mod, name)
            return (orig if f is tramp else f)(*args)
        tramp.__name__ = name
        tramp.__doc__ = orig.__doc__
        return tramp

    for name in ("time", "time_ns", "monotonic", "monotonic_ns", "perf_counter",
                 "perf_counter_ns", "process_time", "process_time_ns", "thread_time",
                 "thread_time_ns", "sleep"):
        orig = getattr(time, name, None)
        if orig is not None:
            setattr(time, name, make(time, name, orig))
    os.getpid = make(os, "getpid", os.getpid)


def _imported_names(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.module


def _preimport(tree, own_dirs):
    """Imports the program's imports that live outside its own folders
    (the standard library, installed packages): their import-time code is
    not the program's, and importing them once is the point of the server."""
    own = tuple(os.path.realpath(d) + os.sep for d in own_dirs)
    for name in sorted(set(_imported_names(tree))):
        if name in sys.modules:
            continue
        try:
            spec = importlib.util.find_spec(name)
        except BaseException:
            continue
        origin = spec and spec.origin
        if not origin or (origin not in ("built-in", "frozen")
                          and os.path.realpath(origin).startswith(own)):
            continue
        try:
            importlib.import_module(name)
        except BaseException:
            pass


def _pytest_driver(path, test):
    """The program that runs path::test under pytest (pytest_plugin.py),
    compiled under the plugin's file name: its frames are the oracle's."""
    from . import guard, pytest_plugin
    pytest_plugin.warm_up()
    guard.infrastructure(pytest_plugin.infrastructure_dirs())
    sys.dont_write_bytecode = True      # pytest's assertion rewriting: no .pyc files
    return compile(pytest_plugin.DRIVER % (path, test), pytest_plugin.__file__, "exec")


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _child(path, req, reuse, out, seeds_random, code, source):
    """Runs the request, then (when it allows it: a strategy's schedule,
    "<length> r" on the wire) up to BATCH - 1 more requests in the same
    process, each started from the heap the previous one left: no fork, no
    copy-on-write faults, but a program whose behaviour depends on object
    addresses may then run differently than from the server's image (see
    docs/cpython.md "Speed"). Never returns."""
    from . import engine
    try:
        chan = os.dup(0)            # the requests that follow, when reused
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        served = 0
        while True:
            lines = []
            res = engine.run(path, req, lines.append, seeds_random, code, child=True,
                             reused=served > 0, source=source)
            lines.append(json.dumps(res, separators=(",", ":")))
            _write_all(out, ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))
            served += 1
            if not reuse or served >= BATCH:
                break
            del lines, res
            gc.collect()            # the run's garbage goes before the next run
            _write_all(out, b'{"ev":"exit","status":0,"more":true}\n')
            got = _read_request(chan)
            if got is None:
                os._exit(EXIT_EOF)
            if got is _END_BATCH:
                os._exit(EXIT_BATCH_DONE)
            req, reuse = got
        status = 0
    except BaseException:
        traceback.print_exc(file=sys.stderr)
        status = 3
    try:
        sys.stderr.flush()
    finally:
        os._exit(status)


def _fatal(fd, message):
    _write_all(fd, (json.dumps({"ev": "fatal", "message": message}) + "\n").encode())
    return 2


def _raw_fork():
    """fork(2) without CPython's after-fork work in the child (reinitialising
    threading, reseeding random, ...), which costs more than a whole run
    (copy-on-write faults all over the heap). Safe here: the server has one
    thread and holds no lock when it forks, and the child seeds random and
    never returns to the server's code."""
    try:
        return ctypes.CDLL(None, use_errno=True).fork
    except (OSError, AttributeError):
        return os.fork


def serve(path, own_dirs=()):
    """Serves the program at `path`, or one test of a test file
    ("FILE::TEST", pytest_plugin.py)."""
    _reexec_without_aslr()
    path, _, test = path.partition("::")
    out = os.dup(1)
    os.dup2(2, 1)                   # stray writes to fd 1 must not reach simloop
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as e:
        return _fatal(out, "%s: cannot read the program: %s" % (path, e.strerror))
    try:
        tree = ast.parse(source, path)
    except SyntaxError as e:
        return _fatal(out, "%s:%s:%s: SyntaxError: %s" % (path, e.lineno, e.offset, e.msg))
    except ValueError as e:         # NUL bytes
        return _fatal(out, "%s:1:1: %s" % (path, e))
    import asyncio  # noqa: F401
    from . import engine, runner, vloop  # noqa: F401
    vloop.install()
    _late_bound_clock()
    seeds_random = engine.imports_random(tree)
    if test:
        try:
            code = _pytest_driver(path, test)
        except ImportError as e:
            return _fatal(out, "%s::%s: pytest cannot be imported by this CPython (%s); on "
                               "Debian: apt-get install python3-pytest" % (path, test, e))
    else:
        code = compile(source, path, "exec")
    saved = list(sys.path)
    sys.path[:0] = [os.path.dirname(os.path.abspath(path))] + list(own_dirs)
    _preimport(tree, [os.path.dirname(os.path.abspath(path))] + list(own_dirs))
    sys.path[:] = saved
    for d in [os.path.dirname(os.path.abspath(path))] + list(own_dirs):
        sys.path_importer_cache.pop(d, None)
    from . import guard
    guard.install()                 # inert until a run starts (guard.Guard)
    os.environ.clear()              # env.py empties it for each run anyway
    gc.collect()
    gc.freeze()                     # children do not copy what GC would touch
    fork = _raw_fork()
    poll = select.poll()
    poll.register(0, select.POLLIN)
    # One turn of the loop before the first request, so that the first
    # child forks from the same memory image as every later one (the first
    # turn allocates what later turns reuse).
    _serve_one(fork, poll, out, None, 0)
    _write_all(out, b'{"ev":"ready"}\n')
    while _serve_one(fork, poll, out, (path, seeds_random, code, source), None):
        pass
    return 0


def _serve_one(fork, poll, out, run, timeout):
    """Waits for a request, forks the child that reads and runs it, reports
    its exit status. The parent never reads the request: what it allocates
    does not depend on it, so every child starts from the same image."""
    poll.poll(timeout)
    pid = fork()
    if pid < 0:
        raise OSError(ctypes.get_errno(), "fork failed")
    if pid == 0:
        if run is None:
            os._exit(0)
        try:
            got = _read_request(0)
        except BaseException:
            traceback.print_exc(file=sys.stderr)
            os._exit(3)
        if got is None:
            os._exit(EXIT_EOF)
        if got is _END_BATCH:       # no child was running a batch: nothing to end
            os._exit(EXIT_BATCH_DONE)
        _child(run[0], got[0], got[1], out, run[1], run[2], run[3])     # never returns
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    line = b'\n{"ev":"exit","status":%d}\n' % code
    if run is None:
        return True
    if code == EXIT_EOF:
        return False
    if code == EXIT_BATCH_DONE:     # its last answer carried "more": nothing to add
        return True
    _write_all(out, line)
    return True


EXIT_EOF = 4
EXIT_BATCH_DONE = 5
# Schedules one child runs at most before it exits (reusable requests).
BATCH = 256
_END_BATCH = object()


def _read_exact(fd, n):
    """n bytes into one buffer allocated up front: however the bytes arrive
    (in one piece or several), the child's heap ends up the same, and with
    it the addresses of the program's objects."""
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = os.readv(fd, [view[got:]])
        if not k:
            return None
        got += k
    view.release()
    return buf


def _read_request(fd):
    """Reads one request: "<length>[ r]\n" then that many bytes of JSON
    (docs/cpython.md); `r` allows the child to serve more requests after
    it. Returns (request, reusable), None at the end of input, _END_BATCH
    for "0\n" (the child running a batch is to exit)."""
    head = b""
    while not head.endswith(b"\n"):
        b = os.read(fd, 1)
        if not b:
            return None
        head += b
    fields = head.split()
    n = int(fields[0]) if fields else 0
    if n == 0:
        return _END_BATCH
    body = _read_exact(fd, n)
    if body is None:
        return None
    return json.loads(body), fields[1:] == [b"r"]


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        sys.stderr.write("usage: python3 -m simloop_oracle serve FILE[::TEST] [--path DIR]...\n")
        return 2
    path, dirs, rest = argv[0], [], argv[1:]
    while rest:
        if rest[0] == "--path" and len(rest) > 1:
            dirs.append(rest[1])
            rest = rest[2:]
        else:
            sys.stderr.write("simloop_oracle serve: unexpected argument %r\n" % rest[0])
            return 2
    return serve(path, dirs)
