# test_timeouts test_nested_timeout_in_finally / test_foreign_exception_passed
# / test_foreign_exception_on_timeout: a timeout inside a finally of an
# expired timeout; a foreign exception leaves the block unchanged.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(1)
            finally:
                try:
                    async with asyncio.timeout(0.01):
                        await asyncio.sleep(1)
                except TimeoutError:
                    print("inner TimeoutError", loop.time())
    except TimeoutError:
        print("outer TimeoutError", loop.time())
    try:
        async with asyncio.timeout(0.01):
            raise KeyError("k")
    except KeyError as e:
        print("KeyError", e, repr(e.__context__))
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                raise KeyError("during")
    except KeyError as e:
        c = e.__context__
        print("KeyError", e, type(c).__name__)
    print(asyncio.current_task().cancelling())


asyncio.run(main())
