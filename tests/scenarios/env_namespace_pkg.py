# Namespace packages (PEP 420), as book repositories use them: a folder
# without __init__.py (`from src.util.delay import delay` run from the
# repository's top). The folder, a regular package inside it and a nested
# namespace folder; __file__ is None, __path__ lists the folder, __package__
# is the package itself; a later import hands out the same module.
import asyncio
import sys

import env_namespace_lib.inner.timer
from env_namespace_lib.util.delays import delay
from env_namespace_lib.util import LOADS
from env_namespace_lib import inner

import env_namespace_lib as ns


async def main():
    done = await asyncio.gather(delay(0.2, "a"), delay(0.1, "b"))
    print(done, env_namespace_lib.inner.timer.stamp("gathered"), LOADS)
    print(ns.__name__, ns.__file__, ns.__package__, ns.__doc__)
    print([p.endswith("tests/scenarios/env_namespace_lib") for p in ns.__path__])
    print(inner.__name__, inner.__file__, inner.__package__, len(inner.__path__))
    print(inner.timer.__name__, inner.timer.__package__, inner.timer.__file__.endswith("inner/timer.py"))
    print(ns.util.delays.delay is delay, ns.inner is inner, type(ns).__name__)
    if sys.version_info >= (3, 12):
        print(repr(inner).replace(ns.__path__[0], "..."))


asyncio.run(main())
