# test_waitfor test_wait_for_reraises_exception_during_cancellation /
# test_wait_for_self_cancellation-free variant: an exception raised by the
# inner while handling the timeout's cancellation propagates.
import asyncio


class FooException(Exception):
    pass


async def foo():
    try:
        await asyncio.sleep(0.2)
    finally:
        raise FooException


async def swallow():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        return "swallowed"


async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(foo(), timeout=0.1)
    except FooException:
        print("FooException", loop.time())
    except TimeoutError:
        print("TimeoutError")
    try:
        print(await asyncio.wait_for(foo(), timeout=0))
    except FooException:
        print("FooException (timeout 0)", loop.time())
    print(await asyncio.wait_for(swallow(), 0.1), loop.time())


asyncio.run(main())
