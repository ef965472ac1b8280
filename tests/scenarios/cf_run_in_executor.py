# loop.run_in_executor with a ThreadPoolExecutor, set_default_executor,
# and a task cancelled while its job runs (the job goes on; cancelling
# its Future fails): base_events submits, then wrap_future chains.
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def blocking(name, n):
    time.sleep(0.3)
    print(name, "computes at", time.monotonic())
    return n * n


async def ticker():
    for i in range(3):
        print("tick", i, asyncio.get_running_loop().time())
        await asyncio.sleep(0.1)


async def main():
    loop = asyncio.get_running_loop()
    executor = ThreadPoolExecutor(2)
    results = await asyncio.gather(
        loop.run_in_executor(executor, blocking, "x", 3),
        loop.run_in_executor(executor, blocking, "y", 4),
        ticker(),
    )
    print("gather:", results)

    t = asyncio.ensure_future(loop.run_in_executor(executor, blocking, "z", 5))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled while its job ran")
    await asyncio.sleep(0.5)

    loop.set_default_executor(executor)
    print("default:", await loop.run_in_executor(None, blocking, "d", 6))
    print("to_thread:", await asyncio.to_thread(blocking, "t", 7))
    try:
        loop.set_default_executor(object())
    except TypeError as e:
        print("TypeError:", e)
    executor.shutdown()
    try:
        executor.submit(blocking, "late", 1)
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        await asyncio.to_thread(blocking, "late", 2)
    except RuntimeError as e:
        print("to_thread: RuntimeError:", e)


asyncio.run(main())
print("done")
