# wait_for(..., 0) and negative timeouts: the task is created, cancelled
# before it starts, and TimeoutError is raised (all versions).
import asyncio


async def work():
    print("never printed")


async def main():
    for t in (0, -1):
        try:
            await asyncio.wait_for(work(), t)
        except TimeoutError as e:
            print("TimeoutError", type(e.__cause__).__name__)
    fut = asyncio.get_running_loop().create_future()
    fut.set_result(7)
    print(await asyncio.wait_for(fut, 0))


asyncio.run(main())
