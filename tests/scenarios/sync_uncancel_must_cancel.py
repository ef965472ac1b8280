# research 6.3.1: uncancel() resets _must_cancel at zero on 3.13+.
import asyncio


async def main():
    t = asyncio.current_task()
    t.cancel()
    t.uncancel()
    try:
        await asyncio.sleep(0)
        print("not cancelled")
    except asyncio.CancelledError:
        print("cancelled")


asyncio.run(main())
