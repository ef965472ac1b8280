"""One async pytest test as a CPython-mode program (docs/pytest.md):
`simloop explore --engine cpython FILE::TEST`.

The fork server (serve.py) runs, for each schedule, a small driver as the
program's `__main__` (DRIVER below), which calls run_test: pytest, in the
process, collects FILE::TEST, sets its fixtures up, and this plugin runs an
`async def` test (plain, or marked `asyncio` as pytest-asyncio wants it)
on the oracle's virtual loop (pytest_async.py: the test and its async
fixtures share one loop), so the test's tasks, sleeps, locks and
simulated network are what the schedule varies. The
first exception of the test (a failed assert, an error, or the oracle's
Deadlock/Budget/NotSimulated that stopped the loop) is raised again from
the driver after pytest returns: the run's verdict is the test's.

pytest's own reading of the test files and configuration is not the
program's: guard.py lets it through (guard.infrastructure). pytest's
terminal output, cache and bytecode writing are off; the test's own
prints are the program's output.
"""

import os
import sys

import pytest

from . import pytest_async

# The program the server runs for FILE::TEST (formatted with repr()s).
DRIVER = """\
from simloop_oracle import pytest_plugin
pytest_plugin.run_test(%r, %r)
"""


def infrastructure_dirs():
    """The folders of pytest's own code (guard.infrastructure)."""
    import _pytest
    import pluggy
    dirs = [os.path.dirname(pytest.__file__), os.path.dirname(_pytest.__file__),
            os.path.dirname(pluggy.__file__)]
    for name in ("iniconfig", "py", "_py", "packaging", "exceptiongroup", "tomli"):
        mod = sys.modules.get(name)
        if mod is not None and getattr(mod, "__file__", None):
            dirs.append(os.path.dirname(mod.__file__))
    return dirs


def warm_up():
    """Imports what every pytest run imports (its built-in plugins), once,
    in the server."""
    from _pytest.config import get_config
    get_config()


class Plugin:
    def __init__(self):
        self.exc = None                 # the test's first exception
        self.tb = None                  # and its traceback
        self.collected = 0

    def pytest_addoption(self, parser):
        # pytest's terminal plugin (off: its output is not the test's)
        # defines the verbosity its assertion messages read
        parser.addoption("--verbose", action="count", default=0, dest="verbose")

    def pytest_configure(self, config):
        config.addinivalue_line("markers", "asyncio: run on simloop's virtual loop")

    def pytest_collection_modifyitems(self, items):
        self.collected = len(items)

    @pytest.fixture
    def event_loop(self):
        """pytest-asyncio's fixture: the test's loop (pytest_async.py)."""
        return pytest_async.event_loop_fixture()

    @pytest.hookimpl(tryfirst=True)
    def pytest_pyfunc_call(self, pyfuncitem):
        return pytest_async.call_test(pyfuncitem)

    @pytest.hookimpl(tryfirst=True)
    def pytest_fixture_setup(self, fixturedef, request):
        pytest_async.wrap_fixture(fixturedef)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_teardown(self, item, nextitem):
        yield
        pytest_async.close()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        yield
        if call.excinfo is not None and self.exc is None:
            if not call.excinfo.errisinstance(pytest.skip.Exception):
                self.exc, self.tb = call.excinfo.value, call.excinfo.tb


class NoSuchTest(Exception):
    pass


def run_test(path, name):
    """Runs path::name under pytest (in this process, on the virtual
    loop); raises the test's first exception."""
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    plugin = Plugin()
    # --assert=plain: the rewritten asserts' messages show reprs with
    # addresses, which differ between a reused child and a fresh one
    args = ["%s::%s" % (path, name), "-s", "--assert=plain", "-p", "no:cacheprovider",
            "-p", "no:terminal", "-p", "no:warnings", "-p", "no:faulthandler",
            "-p", "no:legacypath", "-W", "ignore"]
    status = pytest.main(args, plugins=[plugin])
    if plugin.exc is not None:
        raise plugin.exc.with_traceback(plugin.tb)
    if not plugin.collected:
        raise NoSuchTest("no test %s in %s (pytest status %s)" % (name, path, int(status)))
    if status not in (0, pytest.ExitCode.OK):
        raise RuntimeError("pytest ended with status %s" % int(status))
