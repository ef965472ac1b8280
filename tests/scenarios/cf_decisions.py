# Jobs of a ThreadPoolExecutor race with the loop: each submit takes a
# `thread` decision (how long the job takes), so `simloop explore` finds
# the orders in which they finish.
import asyncio
from concurrent.futures import ThreadPoolExecutor

order = []


def job(name):
    order.append(name)
    return name


async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor() as pool:
        a = loop.run_in_executor(pool, job, "a")
        b = asyncio.wrap_future(pool.submit(job, "b"))
        done, _ = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
        print("first:", [f.result() for f in done])
        await asyncio.gather(a, b)
    print("order:", order)


asyncio.run(main())
