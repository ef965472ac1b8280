# A module's own __getattr__ (PEP 562) answers the names its namespace
# lacks: attribute access, getattr with a default, hasattr, and
# from-import of a computed name; names the module defines never reach it.
import asyncio

import lang_module_getattr_lib.lazy as lib
from lang_module_getattr_lib.lazy import DEFAULT_TIMEOUT, sleep_0_5


async def main():
    print(DEFAULT_TIMEOUT, lib.TIMEOUT, lib.DEFAULT_TIMEOUT)
    loop = asyncio.get_running_loop()
    start = loop.time()
    print(await sleep_0_5(), await lib.sleep_1_25(), loop.time() - start)
    print(hasattr(lib, "missing"), getattr(lib, "missing", "fallback"))
    try:
        lib.other
    except AttributeError as e:
        print("AttributeError:", e)
    print(lib.CALLS)


asyncio.run(main())
