"""The simulated environment (DESIGN.md section 4) for CPython.

simloop gives a scenario one virtual clock, time on it, UTC, and a random
generator seeded by a `seed` decision; this module gives real CPython the
very same, for the duration of one run, so both print the same thing:

- one clock per program (``Tracer.clock``): every VirtualLoop reads and
  moves it, so a second ``asyncio.run`` continues where the first stopped;
- ``time.time()`` = 1767225600.0 (2026-01-01T00:00:00Z) + the clock;
  ``monotonic``/``perf_counter``/``process_time``/``thread_time`` = the
  clock; the ``_ns`` variants ``int(clock * 1e9)`` (plus the epoch in ns);
  ``time.sleep(s)`` moves the clock by s and returns at once (in a pool
  thread it moves nothing: only that thread would block);
- threads as a simulated pool (pool.py);
- ``random`` seeded with ``random.seed(R)`` before the module body, R a
  `seed` decision (default 0); ``random.seed()``/``Random()`` without an
  argument take another `seed` decision;
- ``os.environ`` empty but for ``--setenv NAME=VALUE``, ``os.getpid()`` 4242 (``sys.argv`` is set by the
  runner); no terminal: ``os.get_terminal_size()`` raises ``OSError`` as for
  a pipe, so ``shutil.get_terminal_size()`` (argparse's help width) is
  ``COLUMNS``/``LINES`` from the environment or 80x24;
- ``sys.stdin`` empty, as if read from /dev/null: ``input()`` raises
  ``EOFError``, whatever the oracle's own stdin holds (the server reads its
  requests there);
- ``datetime`` on the same clock, the local zone UTC: the C ``_datetime``
  reads the system clock itself, so the scenario gets CPython's own
  pure-Python ``datetime`` (3.11: ``datetime.py`` without ``_datetime``;
  3.12+: ``_pydatetime``), whose ``now()`` is ``fromtimestamp(time.time())``,
  and the process's zone is set to UTC (``TZ=UTC0``, ``time.tzset()``).

Everything patched is restored by ``uninstall``.
"""

import io
import os
import random
import sys
import time

from . import pool

def _no_terminal(fd=1):
    """os.get_terminal_size on the simulated machine: there is no terminal."""
    raise OSError(25, "Inappropriate ioctl for device")


def _empty_stdin():
    """The simulated process's stdin: at its end, and shown as a real one
    (``<_io.TextIOWrapper name='<stdin>' mode='r' encoding='utf-8'>``)."""
    raw = io.BytesIO(b"")
    raw.name = "<stdin>"
    f = io.TextIOWrapper(raw, encoding="utf-8")
    f.mode = "r"
    return f


EPOCH_AT_START = 1767225600.0        # 2026-01-01T00:00:00Z
_EPOCH_NS = 1767225600 * 10**9
SIM_PID = 4242                       # os.getpid() of the simulated process

_TIME_NAMES = ("time", "time_ns", "monotonic", "monotonic_ns", "perf_counter",
               "perf_counter_ns", "process_time", "process_time_ns",
               "thread_time", "thread_time_ns", "sleep",
               "gmtime", "localtime", "ctime", "asctime", "strftime")


class Environment:
    def __init__(self, tracer, setenv=()):
        self._tracer = tracer
        self._setenv = list(setenv)
        self._saved_time = {}
        self._saved_random = None
        self._saved_os = None
        self._saved_datetime = None
        self._saved_stdin = None
        self._saved_tz = None

    # ---- time --------------------------------------------------------------
    def _now(self):
        return self._tracer.clock[0]

    def _patch_time(self):
        now = self._now
        tracer = self._tracer
        clock = tracer.clock

        def sleep(secs):
            if not isinstance(secs, (int, float)):
                raise TypeError("'%s' object cannot be interpreted as an integer"
                                % type(secs).__name__)
            if secs != secs:
                raise ValueError("Invalid value NaN (not a number)")
            if secs < 0:
                raise ValueError("sleep length must be non-negative")
            pool = tracer.pool
            if pool is None or not pool.in_thread:  # a pool thread blocks only itself
                clock[0] = clock[0] + secs

        # Without a time argument these read the C clock, not time.time():
        # given the simulated one (the local zone is UTC, TZ=UTC0).
        orig = {n: getattr(time, n) for n in ("gmtime", "localtime", "ctime", "asctime",
                                               "strftime")}

        def at(secs):
            return EPOCH_AT_START + now() if secs is None else secs

        def strftime(format, *t):
            return orig["strftime"](format, *(t or (orig["localtime"](at(None)),)))

        funcs = {
            "gmtime": lambda secs=None: orig["gmtime"](at(secs)),
            "localtime": lambda secs=None: orig["localtime"](at(secs)),
            "ctime": lambda secs=None: orig["ctime"](at(secs)),
            "asctime": lambda *t: orig["asctime"](*(t or (orig["localtime"](at(None)),))),
            "strftime": strftime,
            "time": lambda: EPOCH_AT_START + now(),
            "time_ns": lambda: _EPOCH_NS + int(now() * 1e9),
            "monotonic": now, "perf_counter": now, "process_time": now,
            "thread_time": now,
            "monotonic_ns": lambda: int(now() * 1e9),
            "perf_counter_ns": lambda: int(now() * 1e9),
            "process_time_ns": lambda: int(now() * 1e9),
            "thread_time_ns": lambda: int(now() * 1e9),
            "sleep": sleep,
        }
        for name in _TIME_NAMES:
            # Pyodide has no thread_time: given anyway, as Linux CPython has it
            self._saved_time[name] = getattr(time, name, None)
            setattr(time, name, funcs[name])

    # ---- random ------------------------------------------------------------
    def _patch_random(self):
        tracer = self._tracer
        orig_seed = random.Random.seed

        def seed(self, a=None, version=2):
            if a is None:                   # the OS's entropy: a decision
                a = int(tracer.decide("seed"))
            return orig_seed(self, a, version)

        seed.__doc__ = orig_seed.__doc__
        self._saved_random = (orig_seed, random.seed)
        random.Random.seed = seed
        random.seed = random._inst.seed
        random._inst.seed(int(tracer.decide("seed")))

    # ---- os ------------------------------------------------------------------
    def _patch_os(self):
        # Pyodide's os has no get_terminal_size (shutil then answers 80x24).
        self._saved_os = (dict(os.environ), os.getpid, getattr(os, "get_terminal_size", None))
        os.environ.clear()                  # only the variables --setenv gave
        for kv in self._setenv:
            name, _, value = kv.partition("=")
            os.environ[name] = value
        os.getpid = lambda: SIM_PID
        if self._saved_os[2] is not None:
            os.get_terminal_size = _no_terminal

    # ---- datetime ------------------------------------------------------------
    _DT_MODULES = ("datetime", "_datetime", "_pydatetime")

    def _patch_datetime(self):
        self._saved_datetime = {k: sys.modules.get(k) for k in self._DT_MODULES}
        for k in self._DT_MODULES:
            sys.modules.pop(k, None)
        sys.modules["_datetime"] = None     # import datetime: the pure-Python one
        self._c_datetime_reprs()
        self._saved_tz = os.environ.get("TZ")
        os.putenv("TZ", "UTC0")             # not in os.environ: the program sees none
        if hasattr(time, "tzset"):
            time.tzset()

    @staticmethod
    def _c_datetime_reprs():
        # Where the pure-Python datetime prints otherwise than the C one
        # that real programs run: IsoCalendarDate's repr names its module
        # (tp_name "datetime.IsoCalendarDate").
        import datetime
        mod = sys.modules.get("_pydatetime", datetime)
        cls = getattr(mod, "_IsoCalendarDate", None)
        if cls is None:
            return

        def __repr__(self):
            name = "datetime.IsoCalendarDate" if type(self) is cls else type(self).__name__
            return "%s(year=%r, week=%r, weekday=%r)" % (name, self[0], self[1], self[2])
        cls.__repr__ = __repr__

    def _unpatch_datetime(self):
        if self._saved_datetime is None:
            return
        for k, m in self._saved_datetime.items():
            if m is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = m
        self._saved_datetime = None
        if self._saved_tz is None:
            os.unsetenv("TZ")
        else:
            os.putenv("TZ", self._saved_tz)
        if hasattr(time, "tzset"):
            time.tzset()

    def install(self):
        pool.install(self._tracer)
        self._patch_time()
        self._patch_random()
        self._patch_os()
        self._patch_datetime()
        self._saved_stdin = sys.stdin
        sys.stdin = _empty_stdin()

    def uninstall(self):
        pool.uninstall()
        self._unpatch_datetime()
        if self._saved_stdin is not None:
            sys.stdin = self._saved_stdin
            self._saved_stdin = None
        for name, f in self._saved_time.items():
            if f is None:
                delattr(time, name)
            else:
                setattr(time, name, f)
        self._saved_time.clear()
        if self._saved_os is not None:
            environ, os.getpid, terminal_size = self._saved_os
            if terminal_size is not None:
                os.get_terminal_size = terminal_size
            os.environ.clear()
            os.environ.update(environ)
            self._saved_os = None
        if self._saved_random is not None:
            random.Random.seed, random.seed = self._saved_random
            self._saved_random = None
