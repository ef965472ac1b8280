# research 6.1: TimeoutError.__cause__ is None on 3.11.2, the
# CancelledError from 3.11.3 on (raise TimeoutError from exc_val).
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.1):
            await asyncio.sleep(1)
    except TimeoutError as e:
        print(type(e.__cause__).__name__, type(e.__context__).__name__, e.__suppress_context__)


asyncio.run(main())
