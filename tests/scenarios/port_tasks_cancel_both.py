# test_tasks.test_cancel_both_task_and_inner_future: cancel the inner
# future and then the task in the same step.
import asyncio


async def task(f):
    await f
    return 12


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    t = asyncio.create_task(task(f))
    await asyncio.sleep(0)
    f.cancel()
    print("task cancel", t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print("CancelledError")
    print(t.done(), f.cancelled(), t.cancelled(), t.cancelling())


asyncio.run(main())
