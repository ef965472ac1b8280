# Loop core: a chain of call_soon callbacks (no tasks).
import asyncio

N = 1000000


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    count = 0

    def tick():
        nonlocal count
        count += 1
        if count < N:
            loop.call_soon(tick)
        else:
            done.set_result(count)

    loop.call_soon(tick)
    print(await done)


asyncio.run(main())
