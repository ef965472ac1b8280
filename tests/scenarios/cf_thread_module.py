# `from concurrent.futures.thread import ThreadPoolExecutor` (as programs
# written for 3.7 do) is the same simulated pool as the package's name.
import asyncio
from concurrent.futures.thread import ThreadPoolExecutor
import concurrent.futures


def job(x):
    return x + 1


async def main():
    loop = asyncio.get_running_loop()
    ex = ThreadPoolExecutor(10)
    print(await loop.run_in_executor(ex, job, 1))
    print(await asyncio.wrap_future(ex.submit(job, 2)))
    print(ThreadPoolExecutor is concurrent.futures.ThreadPoolExecutor)


asyncio.run(main())
