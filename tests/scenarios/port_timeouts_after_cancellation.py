# test_timeouts test_timeout_after_cancellation /
# test_cancel_in_timeout_after_cancellation (the gh-102780 fix of 3.11.3):
# a cancellation already requested before the block.
import asyncio


async def after_cancellation():
    t = asyncio.current_task()
    t.cancel()
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        pass
    print("cancelling", t.cancelling())
    try:
        async with asyncio.timeout(0.0):
            await asyncio.sleep(1)
        print("no error")
    except TimeoutError:
        print("TimeoutError")
    except asyncio.CancelledError:
        print("CancelledError")
    print("cancelling", t.cancelling())


async def cancel_in_timeout():
    t = asyncio.current_task()
    t.cancel()
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        pass
    try:
        async with asyncio.timeout(0.0):
            asyncio.current_task().cancel()
            await asyncio.sleep(1)
        print("no error")
    except TimeoutError:
        print("TimeoutError")
    except asyncio.CancelledError:
        print("CancelledError")
    print("cancelling", t.cancelling())


async def main():
    await asyncio.create_task(after_cancellation())
    await asyncio.create_task(cancel_in_timeout())


asyncio.run(main())
