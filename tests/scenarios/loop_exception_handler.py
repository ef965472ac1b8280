# loop.set_exception_handler: the program's handler runs where CPython
# calls it (inside the step of the failing callback, in a timer's step,
# for a task's exception at asyncio.run's shutdown), with the context
# keys of each case; get_exception_handler, call_exception_handler and
# default_exception_handler from the program; a handler that raises is
# logged ("Unhandled error in exception handler") and the loop goes on.
import asyncio

seen = []


class Boom(Exception):
    pass


def failing(n):
    raise Boom(f"callback {n}")


def handler(loop, context):
    exc = context.get("exception")
    head = context["message"].split("(")[0]
    print(f"t={loop.time():.2f} handler: {head!r} {type(exc).__name__} {exc} {sorted(context)}")
    for key in ("handle", "task", "future"):
        if key in context:
            print("  ", key, type(context[key]).__name__)
    seen.append(str(exc))
    if str(exc) == "callback 2":
        raise ValueError("handler broke")


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise Boom("refused to cancel")


async def main():
    loop = asyncio.get_running_loop()
    print("default handler:", loop.get_exception_handler())
    loop.set_exception_handler(handler)
    print("set:", loop.get_exception_handler() is handler)
    loop.call_soon(failing, 1)
    await asyncio.sleep(0)
    loop.call_later(0.5, failing, 2)
    await asyncio.sleep(1)
    print("after the handler raised, t =", loop.time())
    loop.call_exception_handler({"message": "custom report", "value": 42})
    loop.call_exception_handler({"message": "with exception", "exception": Boom("mine")})
    try:
        loop.set_exception_handler(5)
    except TypeError as e:
        print("TypeError:", e)
    asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    print("main returns", seen)


asyncio.run(main())
print("after run", seen)
