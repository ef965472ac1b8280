# research 6.1 (gh-102780): a caught cancel leaves cancelling() == 1.
# 3.11.2: CancelledError escapes the timeout block; 3.11.3+: TimeoutError.
import asyncio


async def main():
    t = asyncio.current_task()
    t.cancel()
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        pass
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(1)
    except TimeoutError:
        print("TimeoutError")
    except asyncio.CancelledError:
        print("CancelledError")
    print(t.cancelling())


asyncio.run(main())
