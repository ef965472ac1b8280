# test_tasks.test_cancel_task_catching: the task catches CancelledError
# from the awaited future and returns normally.
import asyncio


async def task(fut1, fut2):
    await fut1
    try:
        await fut2
    except asyncio.CancelledError:
        return 42


async def main():
    loop = asyncio.get_running_loop()
    fut1 = loop.create_future()
    fut2 = loop.create_future()
    t = asyncio.create_task(task(fut1, fut2))
    await asyncio.sleep(0)
    fut1.set_result(None)
    await asyncio.sleep(0)
    print("cancel", t.cancel())
    print("fut2 cancelled", fut2.cancelled())
    res = await t
    print(res, t.cancelled(), t.cancelling())


asyncio.run(main())
