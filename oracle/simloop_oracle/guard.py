"""What CPython mode cannot make deterministic, caught where it happens.

The oracle gives the program a simulated machine (env.py, net.py); what
lies outside it (a real file, a real socket, a process, a thread of its
own) would make runs differ from one another and from their replay, and
would act on the real world once per schedule. An audit hook
(sys.addaudithook, PEP 578), installed once in the fork server, watches
the events of those operations during a run. When the program's own code
(or a package it uses: anything outside the standard library and the
oracle) is the caller, the operation is refused with NotSimulated, raised where
it was called, and the run ends with the verdict `error` naming the
operation, the module and the line (docs/cpython.md "What is refused").

Not refused: what the import system and the standard library do on their
own (reading Python sources, listing a module folder), and reading files
of the Python installation (packages' data files): they are the same in
every run.
"""

import os
import sys
import sysconfig

from .tracer import Stop, quiet_asyncio_cleanup

_STDLIB = os.path.realpath(sysconfig.get_paths()["stdlib"]) + os.sep
_ORACLE = os.path.dirname(os.path.realpath(__file__)) + os.sep
_INSTALL = tuple(sorted({os.path.realpath(p) + os.sep
                         for p in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                                   sysconfig.get_paths()["purelib"],
                                   sysconfig.get_paths()["platlib"])}))
_SOURCE_SUFFIXES = (".py", ".pyc", ".pyi")


class NotSimulated(Stop):
    """The program reached outside the simulated machine (a BaseException,
    as every Stop: `except Exception` in the program does not hide it).
    The trace ends as an exception, `simloop.NotSimulated: WHAT`; the
    verdict is `error`. Each escape makes a subclass holding what it was,
    as the tracer raises `stopped()` again at the next select."""
    outcome = "exception"
    what = ""

    def __init__(self):
        super().__init__(self.what)


def _escape_class(what):
    return type("NotSimulated", (NotSimulated,), {"what": what, "__module__": "simloop"})


def _open_what(args):
    path, mode, flags = (tuple(args) + (None, None, None))[:3]
    writes = ("w" in (mode or "") or "a" in (mode or "") or "x" in (mode or "")
              or "+" in (mode or "")
              or (isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)))
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str):
        return "a real file opened (file descriptor %r)" % (path,)
    if not writes:
        real = os.path.realpath(path)
        if real.endswith(_SOURCE_SUFFIXES) or real.startswith(_INSTALL):
            return None                 # sources (tracebacks), installed data
    return "a real file opened %s: %r" % ("for writing" if writes else "for reading", path)


def _shown(filename):
    """A file under the current folder as a relative path (as the user
    named it), others as they are."""
    if os.path.isabs(filename):
        rel = os.path.relpath(filename)
        if not rel.startswith(".." + os.sep):
            return rel
    return filename


def _first(args):
    return args[0] if args else "?"


# audit event -> what it means (or None: allowed after all), from its args
_EVENTS = {
    "open": _open_what,
    "socket.__new__": lambda a: "a real socket created (only the simulated loopback "
                                "network is simulated)",
    "socket.connect": lambda a: "a real socket connected to %r" % (a[1],),
    "socket.bind": lambda a: "a real socket bound to %r" % (a[1],),
    "subprocess.Popen": lambda a: "a subprocess started: %r" % (a[1],),
    "os.system": lambda a: "a shell command run: %r" % (_first(a),),
    "os.exec": lambda a: "a program executed: %r" % (_first(a),),
    "os.posix_spawn": lambda a: "a process spawned: %r" % (_first(a),),
    "os.spawn": lambda a: "a process spawned: %r" % (a[1] if len(a) > 1 else "?",),
    "os.fork": lambda a: "a process forked",
    "os.forkpty": lambda a: "a process forked",
    "_thread.start_new_thread": lambda a: "a thread started outside the simulated pool "
                                          "(%s)" % getattr(a[0], "__qualname__", "?"),
    "os.remove": lambda a: "a real file removed: %r" % (_first(a),),
    "os.rename": lambda a: "a real file renamed: %r" % (_first(a),),
    "os.mkdir": lambda a: "a real folder created: %r" % (_first(a),),
    "os.rmdir": lambda a: "a real folder removed: %r" % (_first(a),),
    "os.listdir": lambda a: "a real folder listed: %r" % (_first(a),),
    "os.scandir": lambda a: "a real folder listed: %r" % (_first(a),),
    "os.chdir": lambda a: "the working folder changed: %r" % (_first(a),),
    "ctypes.dlopen": lambda a: "a shared library loaded with ctypes: %r" % (_first(a),),
}

_guard = None                           # the Guard of the run in progress
_infra = ()                             # folders of a test runner's own code
_stops = set()                          # code where the walk outwards ends


def stop_at(code):
    """Frames of `code` (the pytest plugin's driver, pytest_sim.py) end the
    search for the caller: what calls the run is not the program."""
    _stops.add(code)


def infrastructure(dirs):
    """Code in these folders is treated as the standard library's (pytest
    reading the test files and its configuration: pytest_plugin.py)."""
    global _infra
    _infra = tuple(os.path.realpath(d) + os.sep for d in dirs)


def _thread_name(function):
    thread = getattr(function, "__self__", None)
    target = getattr(thread, "_target", None)
    if thread is not None and hasattr(thread, "name"):
        return "thread %r running %s" % (thread.name, getattr(target, "__qualname__", "run"))
    return getattr(function, "__qualname__", "?")


def _patch_threads(start):
    """Sets how threads start (threading binds _thread's function at its
    import); returns what was there."""
    import _thread
    import threading
    saved = _thread.start_new_thread
    _thread.start_new_thread = start
    threading._start_new_thread = start
    return saved


class OwnCode:
    """Tells the program's own code (and its packages') from the standard
    library's, the oracle's and a test runner's, by file name (cached)."""

    def __init__(self):
        self._own = {}

    def __call__(self, filename):
        own = self._own.get(filename)
        if own is None:
            real = os.path.realpath(filename)
            own = not (filename.startswith("<") or real.startswith(_STDLIB)
                       or real.startswith(_ORACLE) or real.startswith(_infra))
            self._own[filename] = own
        return own


class Guard:
    """Watches one run (a context): the first escape is kept in `what`
    and `where`; the tracer is stopped with NotSimulated."""

    def __init__(self, tracer):
        self.tracer = tracer
        self.what = None
        self.where = None
        self._is_own = OwnCode()

    def __enter__(self):
        global _guard
        _guard = self
        self._saved_threads = _patch_threads(self._start_thread)
        return self

    def __exit__(self, *exc):
        global _guard
        _guard = None
        _patch_threads(self._saved_threads)
        return False

    def _start_thread(self, function, *args, **kwargs):
        """_thread.start_new_thread during a run (CPython 3.11 raises no
        audit event for it)."""
        frame = self.caller(sys._getframe(1))
        if frame is not None:
            self.escape("a thread started outside the simulated pool (%s)"
                        % _thread_name(function), frame)
        return self._saved_threads(function, *args, **kwargs)

    def caller(self, frame):
        """The innermost frame of the program's (or its packages') code,
        or None when the import system or only the standard library and
        the oracle are at work."""
        while frame is not None:
            name = frame.f_code.co_filename
            if name.startswith("<frozen importlib") or frame.f_code in _stops:
                return None
            if self._is_own(name):
                return frame
            frame = frame.f_back
        return None

    def escape(self, what, frame):
        if self.what is None:
            self.what = what
            code = frame.f_code
            self.where = "%s:%d in %s (module %s)" % (
                _shown(code.co_filename), frame.f_lineno, code.co_name,
                frame.f_globals.get("__name__", "?"))
        cls = _escape_class(what)
        self.tracer.stopped = cls
        quiet_asyncio_cleanup()
        raise cls()


def _hook(event, args):
    g = _guard
    if g is None:
        return
    describe = _EVENTS.get(event)
    if describe is None:
        return
    frame = g.caller(sys._getframe(1))
    if frame is None:
        return
    try:
        what = describe(args)
    except Exception:
        what = event
    if what is not None:
        g.escape(what, frame)


_installed = False


def install():
    """Adds the audit hook (once: hooks cannot be removed; it does nothing
    outside a Guard)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
