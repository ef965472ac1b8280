# contextlib: generator context managers (sync and async) entered and left
# normally, with an exception they handle or let through, a generator that
# does not yield, suppress (a timeout suppressed, another error not),
# closing, nullcontext. (The async paths that leave a generator to the
# garbage collector are in env_contextlib_throw.py.)
import asyncio
from contextlib import asynccontextmanager, closing, contextmanager, nullcontext, suppress


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    except KeyError as e:
        print(f"{name} handled {e!r}")
    finally:
        print(f"</{name}>")


@contextmanager
def no_yield():
    if False:
        yield


@asynccontextmanager
async def connection(host, delay):
    print("connecting to", host)
    await asyncio.sleep(delay)
    conn = {"host": host, "open": True}
    try:
        yield conn
    finally:
        await asyncio.sleep(delay)
        conn["open"] = False
        print("closed", host, "at", asyncio.get_running_loop().time())


class Resource:
    def close(self):
        print("Resource.close")


async def user(host, delay):
    async with connection(host, delay) as conn:
        print("using", conn)
        await asyncio.sleep(0.05)
    return conn["open"]


async def main():
    with tag("a") as t:
        print("inside", t)
    with tag("b"):
        raise KeyError("k")
    try:
        with tag("c"):
            raise ValueError("through")
    except ValueError as e:
        print("outside got", e)
    try:
        with no_yield():
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)
    print(await user("db", 0.2), await user("cache", 0.1))
    with suppress(asyncio.TimeoutError):
        await asyncio.wait_for(asyncio.sleep(10), 0.5)
    print("suppressed the timeout at", asyncio.get_running_loop().time())
    try:
        with suppress(KeyError, IndexError):
            raise ValueError("not suppressed")
    except ValueError as e:
        print("escaped", e)
    with closing(Resource()) as r:
        print("closing gives", type(r).__name__)
    with nullcontext(42) as v:
        print("nullcontext", v)
    async with nullcontext("async") as v:
        print("nullcontext", v)


asyncio.run(main())
