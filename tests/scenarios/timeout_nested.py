# Nested timeouts: only the one that expired converts; the outer sees it.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(5) as outer:
            try:
                async with asyncio.timeout(1) as inner:
                    await asyncio.sleep(3)
            except TimeoutError:
                print("inner expired", inner.expired(), outer.expired(), loop.time())
            await asyncio.sleep(10)
    except TimeoutError:
        print("outer expired", outer.expired(), loop.time())
    print(asyncio.current_task().cancelling())


asyncio.run(main())
