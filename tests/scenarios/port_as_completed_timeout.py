# test_tasks.test_as_completed_with_timeout: results arrive in completion
# order; the timeout raises TimeoutError from the next await.
import asyncio


async def sleeper(d, v):
    await asyncio.sleep(d)
    return v


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(sleeper(0.1, "a"))
    b = asyncio.create_task(sleeper(0.3, "b"))
    c = asyncio.create_task(sleeper(0.05, "c"))
    values = []
    try:
        for f in asyncio.as_completed([a, b, c], timeout=0.12):
            values.append(await f)
    except asyncio.TimeoutError:
        print("TimeoutError at", loop.time())
    print(values, b.done())
    print(await b, loop.time())


asyncio.run(main())
