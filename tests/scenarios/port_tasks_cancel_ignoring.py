# test_tasks.test_cancel_task_ignoring: the task swallows the cancellation,
# awaits another future and returns its result.
import asyncio


async def task(fut1, fut2, fut3):
    await fut1
    try:
        await fut2
    except asyncio.CancelledError:
        pass
    res = await fut3
    return res


async def main():
    loop = asyncio.get_running_loop()
    fut1 = loop.create_future()
    fut2 = loop.create_future()
    fut3 = loop.create_future()
    t = asyncio.create_task(task(fut1, fut2, fut3))
    await asyncio.sleep(0)
    fut1.set_result(None)
    await asyncio.sleep(0)
    print("cancel", t.cancel())
    print(fut2.cancelled())
    await asyncio.sleep(0)
    print(t.done())
    fut3.set_result(42)
    res = await t
    print(res, fut3.cancelled(), t.cancelled(), t.cancelling())


asyncio.run(main())
