# A module with a PEP 562 __getattr__: computed and renamed names. It does
# not record dunder names: CPython's from-import first asks for __path__
# (is it a package?), which simloop's import does not.
import asyncio

CALLS = []
TIMEOUT = 2.5


def __getattr__(name):
    if not name.startswith("__"):
        CALLS.append(name)
    if name == "DEFAULT_TIMEOUT":  # an old name kept working
        return TIMEOUT
    if name.startswith("sleep_"):
        seconds = float(name[len("sleep_"):].replace("_", "."))
        return lambda: asyncio.sleep(seconds, result=name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
