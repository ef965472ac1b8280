# test_tasks.test_cancellation_exception_context: an exception raised while
# handling the CancelledError has it as __context__.
import asyncio


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise ValueError("cleanup failed")


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.cancel("msg")
    try:
        await t
    except ValueError as e:
        ctx = e.__context__
        print("ValueError", e, "context", type(ctx).__name__, ctx.args)
        print(e.__cause__, e.__suppress_context__)
    print(t.cancelled(), t.done(), type(t.exception()).__name__)


asyncio.run(main())
