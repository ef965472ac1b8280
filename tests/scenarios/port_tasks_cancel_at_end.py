# test_tasks.test_cancel_at_end: a task that cancels itself and returns
# without awaiting ends cancelled, not with its result.
import asyncio


async def task():
    t = asyncio.current_task()
    print("cancel", t.cancel())
    print("cancelling", t.cancelling())
    return 12


async def main():
    t = asyncio.create_task(task())
    try:
        await t
    except asyncio.CancelledError as e:
        print("CancelledError", e.args)
    print(t.done(), t.cancelled())
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("result():", type(e).__name__, e.args)


asyncio.run(main())
