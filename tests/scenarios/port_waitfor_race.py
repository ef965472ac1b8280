# test_waitfor test_wait_for_race_condition /
# test_wait_for_cancellation_race_condition: the future completes in the
# same step as the deadline; the result wins.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    task = asyncio.create_task(asyncio.wait_for(fut, timeout=1))
    loop.call_later(0.1, fut.set_result, "ok")
    print(await task, loop.time())
    fut2 = loop.create_future()

    async def setter():
        await asyncio.sleep(1)
        fut2.set_result("raced")

    s = asyncio.create_task(setter())
    try:
        print(await asyncio.wait_for(fut2, 1), loop.time())
    except TimeoutError:
        print("TimeoutError", loop.time(), fut2.cancelled())
    await s


asyncio.run(main())
