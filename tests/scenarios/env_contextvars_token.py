# contextvars.Token as a context manager (3.14): `with var.set(v):` sets
# the variable for the block and resets it on exit, also when the block
# raises; each task runs in its own copy of the context. Before 3.14 the
# Token has no __enter__ and `with` fails as CPython's does.
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="-")


async def handle(name, delay):
    try:
        with request_id.set(name):
            await asyncio.sleep(delay)
            print("handling", request_id.get())
            if name == "bad":
                raise ValueError(name)
        print("after block", request_id.get())
    except ValueError as e:
        print("failed", e, request_id.get())
    except (AttributeError, TypeError) as e:
        print("no context manager:", type(e).__name__)


async def main():
    await asyncio.gather(handle("a", 0.2), handle("bad", 0.1), handle("c", 0.3))
    print("main sees", request_id.get())
    token = request_id.set("outer")
    print(token.var is request_id, token.old_value is contextvars.Token.MISSING)
    request_id.reset(token)
    print("reset", request_id.get())


asyncio.run(main())
