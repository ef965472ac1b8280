# Callbacks the engine queues without a handle object (a future's done
# callbacks, a task's steps) that raise: the exception handler gets the
# same message and the same context['handle'] as a Handle would give,
# with the default handler and with the program's own.
import asyncio


class Boom(Exception):
    pass


def failing(fut):
    raise Boom(f"done callback saw {fut.result()}")


def failing_plain(fut):
    raise Boom("plain")


def handler(loop, context):
    h = context.get("handle")
    msg, r = context["message"].split(" at ")[0], repr(h).split(" at ")[0]
    print("handler:", msg, type(context["exception"]).__name__)
    print("  handle:", type(h).__name__, r, h.cancelled())
    h.cancel()
    print("  after cancel:", h.cancelled(), repr(h).split(" at ")[0])


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(failing)
    fut.set_result(7)
    await asyncio.sleep(0)
    print("default handler done")
    loop.set_exception_handler(handler)
    fut2 = loop.create_future()
    fut2.add_done_callback(failing)
    fut2.add_done_callback(failing_plain)
    fut2.set_result(8)
    await asyncio.sleep(0)
    fut3 = loop.create_future()
    fut3.add_done_callback(failing_plain)
    fut3.cancel()
    await asyncio.sleep(0)
    fut4 = loop.create_future()
    fut4.add_done_callback(failing)
    loop.call_soon(fut4.set_result, 5)
    print(await fut4)
    await asyncio.sleep(0)
    print("main returns")


asyncio.run(main())
