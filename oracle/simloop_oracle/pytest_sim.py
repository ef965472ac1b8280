"""The pytest plugin (`pip install ./oracle`, entry point `pytest11`:
simloop): async tests on simloop's virtual loop, explored schedule by
schedule (docs/pytest.md).

Every `async def` test (plain or marked `asyncio`) runs its whole
protocol (fixtures, call, teardown) as one CPython-mode run (engine.py):
the virtual clock, seeded random, simulated network and threads, the
guard against real I/O, and a schedule answering the run's decision
points. Without options that schedule is the default one.

`--simloop-runs N` explores a test first: a forked child of the pytest
process runs the default schedule, then strategy runs seeds S..S+N-1
(schedules.py draws them as simloop does), one after another in that
child, until one fails. The test is then run in the pytest process
itself under the failing schedule's decision log, so pytest reports that
failure as it reports any (traceback, captured output, --junitxml), with
the seed, the log's path and the commands that replay it;
`--simloop-replay LOG` runs a test under a log.
"""

import ast
import json
import os
import re
import shlex
import sys
import traceback

import pytest

from . import engine, guard, pytest_async, schedules
from .pytest_plugin import infrastructure_dirs

# The program of each run: the test's protocol (compiled under this file's
# name, so its frames are the oracle's).
DRIVER = "from simloop_oracle import pytest_sim\npytest_sim._drive()\n"

_job = None                     # (item, nextitem, log) of the run in progress
_failure = None                 # the run's first failed report's exception
_code = None
_sources = {}                   # test file -> (bytes, imports random)


def pytest_addoption(parser):
    g = parser.getgroup("simloop", "simloop: async tests on a virtual loop, explored")
    g.addoption("--simloop-runs", type=int, default=0, metavar="N",
                help="explore each async test with N schedules (and the default one)")
    g.addoption("--simloop-strategy", default="random", choices=schedules.STRATEGIES,
                help="how schedules are drawn: random (default), pct, bounded")
    g.addoption("--simloop-seed", type=int, default=0, metavar="S",
                help="first seed of the exploration (default 0)")
    g.addoption("--simloop-replay", metavar="LOG",
                help="run the async tests under this decision log")
    g.addoption("--simloop-log-dir", default="simloop-logs", metavar="DIR",
                help="where the decision logs of failing schedules go (default simloop-logs)")
    g.addoption("--simloop-max-steps", type=int, default=100000, metavar="N",
                help="step budget of each run (default 100000)")


def pytest_configure(config):
    config.addinivalue_line("markers", "asyncio: an async test (run on simloop's virtual loop)")
    runs = config.getoption("simloop_runs")
    if runs < 0:
        raise pytest.UsageError("--simloop-runs %d: expected a number >= 0" % runs)
    replay = config.getoption("simloop_replay")
    config._simloop_replay = None
    if replay:
        if runs:
            raise pytest.UsageError("--simloop-replay and --simloop-runs exclude each other")
        config._simloop_replay = _load_log(replay)
    from . import serve
    serve._late_bound_clock()   # libraries' `from time import monotonic` read the clock
    dirs = infrastructure_dirs()
    for plugin, dist in config.pluginmanager.list_plugin_distinfo():
        f = getattr(plugin, "__file__", None)
        if f:
            dirs.append(os.path.dirname(f))
    guard.infrastructure(dirs)
    guard.install()
    config._simloop_found = []


def _load_log(path):
    from .__main__ import UsageError, load_decisions
    try:
        return load_decisions(path)
    except UsageError as e:
        raise pytest.UsageError("--simloop-replay: %s" % e)


@pytest.fixture
def event_loop():
    """pytest-asyncio's fixture: the test's loop (pytest_async.py)."""
    return pytest_async.event_loop_fixture()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    return pytest_async.call_test(pyfuncitem)


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(fixturedef, request):
    pytest_async.wrap_fixture(fixturedef)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    pytest_async.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps the run's first failure (the run's verdict) and adds what the
    exploration found to the report pytest shows."""
    global _failure
    outcome = yield
    rep = outcome.get_result()
    if rep.failed and _failure is None and _job is not None and call.excinfo is not None:
        _failure = (call.excinfo.value, call.excinfo.tb)
    info = getattr(item, "_simloop_info", None)
    if info is None or rep.when != "call":
        return
    if info.get("text"):
        if rep.failed and hasattr(rep.longrepr, "addsection"):
            rep.longrepr.addsection("simloop", info["text"])
        elif rep.failed:
            rep.longrepr = "%s\n\n%s" % (rep.longrepr, info["text"])
        elif not rep.skipped:
            # the exploration failed, this run did not
            rep.outcome = "failed"
            rep.longrepr = info["text"] + info.get("passed", "")


def _wanted(item):
    return isinstance(item, pytest.Function) and pytest_async.is_async(item.obj)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    if not _wanted(item):
        return None
    config = item.config
    ihook = item.ihook
    ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    log = config._simloop_replay
    runs = config.getoption("simloop_runs")
    if log is not None:
        path = config.getoption("simloop_replay")
        item.user_properties.append(("simloop_replay", path))
    elif runs:
        log = _explore(item, runs)
    req = _request(config, log=log)
    res = _run(item, nextitem, req, logging=True)
    if res.get("stdout"):
        sys.stdout.write(res["stdout"])
    ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def _request(config, log=None, stream=None):
    req = {"log": log, "timing": [], "more": False, "seeds": [],
           "max_steps": config.getoption("simloop_max_steps"), "max_wall": 60.0,
           "max_time": 1e7, "trace": False, "stdout": False}
    if stream is not None:
        req.update(log=None, timing=stream, seeds=stream.seeds)
    return req


def _source(path):
    got = _sources.get(path)
    if got is None:
        with open(path, "rb") as f:
            data = f.read()
        got = _sources[path] = (data, engine.imports_random(ast.parse(data, path)))
    return got


def _run(item, nextitem, req, logging):
    """One CPython-mode run of the item's protocol; the result dict
    (engine.run) with `failed`."""
    global _job, _failure, _code
    if _code is None:
        _code = compile(DRIVER, __file__, "exec")
        guard.stop_at(_drive.__code__)
    path = str(item.path)
    source, seeds_random = _source(path)
    _job, _failure = (item, nextitem, logging), None
    try:
        res = engine.run(path, req, lambda line: None, seeds_random, _code,
                         child=not logging, reused=True, source=source)
    finally:
        _job = _failure = None
    res["failed"] = res["outcome"] != "ok" or res["verdict"] == "error"
    return res


def _drive():
    """The run's program: the item's protocol; its first failure raised
    again, so that the run's verdict is the test's."""
    from _pytest.runner import runtestprotocol
    item, nextitem, logging = _job
    runtestprotocol(item, nextitem=nextitem, log=logging)
    if _failure is not None:
        exc, tb = _failure
        raise exc.with_traceback(tb)


# ---- exploration ---------------------------------------------------------

def _explore(item, runs):
    """Runs the schedules in a forked child; returns the decision log of
    the first failing one (also written to --simloop-log-dir) or None."""
    config = item.config
    strategy = config.getoption("simloop_strategy")
    first = config.getoption("simloop_seed")
    rfd, wfd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            os.close(rfd)
            _explore_child(item, runs, strategy, first, wfd)
        except BaseException:
            traceback.print_exc()
            status = 3
        finally:
            os._exit(status)
    os.close(wfd)
    with os.fdopen(rfd, "rb") as f:
        results = [json.loads(line) for line in f if line.strip()]
    _, status = os.waitpid(pid, 0)
    done = [r for r in results if "seed" in r]
    failing = next((r for r in done if r["failed"]), None)
    item.user_properties.append(("simloop_runs", str(max(len(done) - 1, 0))))
    item.user_properties.append(("simloop_strategy", strategy))
    if failing is None:
        if os.waitstatus_to_exitcode(status) != 0 or len(done) < 1:
            item._simloop_info = {"text": "simloop: the exploration's child ended (status %d) "
                                  "after %d schedules" % (os.waitstatus_to_exitcode(status),
                                                          len(done))}
        return None
    entries = schedules.canonical(failing["taken"])
    seed = failing["seed"]
    what = "the default schedule" if seed is None else \
        "seed %d (strategy %s, run %d of %d)" % (seed, strategy, len(done) - 1, runs)
    where = "%s: %s" % (failing["verdict"], _one_line(failing["detail"]))
    logpath = _write_log(item, entries, strategy, seed, where)
    item.user_properties.append(("simloop_seed", "default" if seed is None else str(seed)))
    item.user_properties.append(("simloop_log", logpath))
    text = ("simloop: %s fails: %s\n"
            "decision log: %s (%d non-default decisions)\n"
            "replay: pytest %s --simloop-replay %s\n"
            "        simloop replay --engine cpython %s --decisions %s\n"
            % (what, where, logpath, schedules.nondefault(entries),
               shlex.quote(item.nodeid), shlex.quote(logpath),
               shlex.quote(_simloop_target(item)), shlex.quote(logpath)))
    if failing.get("report") and failing["verdict"] not in ("assertion", "exception"):
        text += "\n" + failing["report"]       # pytest shows the traceback itself
    item._simloop_info = {"text": text, "passed": "\n(the replay of its decision log passed: "
                          "the test depends on something the schedule does not fix)"}
    config._simloop_found.append((item.nodeid, what, logpath))
    return [{"kind": k, "value": v, "step": s} for k, v, s in entries]


def _one_line(detail):
    """The verdict's detail without the lines pytest's assertion rewriting
    adds (they show addresses): its first line and where it was raised."""
    lines = (detail or "").splitlines() or [""]
    where = re.search(r" at \S+:\d+ in \S+$", lines[-1]) if len(lines) > 1 else None
    return lines[0] + (where.group(0) if where else "")


def _simloop_target(item):
    """FILE::TEST as `simloop ... --engine cpython` names one test."""
    rel = os.path.relpath(str(item.path))
    return "%s::%s" % (rel, item.nodeid.split("::", 1)[1])


def _write_log(item, entries, strategy, seed, where):
    d = item.config.getoption("simloop_log_dir")
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid).strip("_") + ".log"
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, name)
    comment = "pytest %s --simloop-runs --simloop-strategy %s: %s %s\n%s" % (
        item.nodeid, strategy, "default schedule" if seed is None else "seed %d" % seed,
        "fails", where)
    with open(path, "w", encoding="utf-8") as f:
        f.write(schedules.format_log(entries, comment))
    return path


def _explore_child(item, runs, strategy, first, wfd):
    """In the forked child: the default schedule, then seeds first.. until
    one fails; one JSON line per run on wfd."""
    config = item.config
    out = os.fdopen(wfd, "w")

    def one(seed, req):
        # teardown as if its parent came next: the test's own fixtures go,
        # wider ones stay for the next schedule (as for the next test)
        res = _run(item, item.parent, req, logging=False)
        out.write(json.dumps({"seed": seed, "failed": res["failed"], "verdict": res["verdict"],
                              "detail": res["detail"], "report": res["report"],
                              "npoints": res["npoints"], "taken": res["taken"]}) + "\n")
        out.flush()
        return res

    default = one(None, _request(config))
    if default["failed"]:
        return
    npoints = default["npoints"] or 1
    if strategy == "bounded":
        npoints = min(npoints, 64)
        runs = min(runs, max(schedules.bounded_count(npoints) - first, 0))
    for seed in range(first, first + runs):
        if one(seed, _request(config, stream=schedules.Stream(strategy, seed, npoints)))["failed"]:
            return


def pytest_terminal_summary(terminalreporter, config):
    found = getattr(config, "_simloop_found", None)
    runs = config.getoption("simloop_runs")
    if not runs and not found:
        return
    terminalreporter.section("simloop")
    for nodeid, what, logpath in found:
        terminalreporter.line("%s: %s fails; decision log %s" % (nodeid, what, logpath))
    if runs:
        terminalreporter.line("async tests explored with %d %s schedules each (and the default "
                              "one); %d failing" % (runs, config.getoption("simloop_strategy"),
                                                    len(found)))
