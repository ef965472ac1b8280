# test_tasks.test_cancel_inner_future: cancelling the future a task awaits
# cancels the task.
import asyncio


async def task(f):
    await f
    return 12


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    t = asyncio.create_task(task(f))
    await asyncio.sleep(0)  # start task
    f.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("CancelledError")
    print(f.cancelled(), t.cancelled(), t.cancelling())


asyncio.run(main())
