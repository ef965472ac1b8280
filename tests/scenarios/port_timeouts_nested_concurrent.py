# test_timeouts test_nested_timeouts / test_nested_timeouts_concurrent:
# the inner expiry is reported by the inner block only; two concurrent
# tasks with their own timeouts do not disturb each other.
import asyncio


async def nested():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.02) as cm1:
            try:
                async with asyncio.timeout(0.01) as cm2:
                    await asyncio.sleep(10)
            except TimeoutError:
                print("inner TimeoutError", cm1.expired(), cm2.expired(), loop.time())
                await asyncio.sleep(10)
    except TimeoutError:
        print("outer TimeoutError", cm1.expired(), cm2.expired(), loop.time())


async def concurrent(name, a, b):
    try:
        async with asyncio.timeout(a):
            try:
                async with asyncio.timeout(b):
                    await asyncio.sleep(1)
            except TimeoutError:
                print(name, "inner expired")
            await asyncio.sleep(1)
    except TimeoutError:
        print(name, "outer expired")


async def main():
    await nested()
    await asyncio.gather(concurrent("x", 0.5, 0.2), concurrent("y", 0.3, 0.1))
    print(asyncio.current_task().cancelling(), asyncio.get_running_loop().time())


asyncio.run(main())
