# research 6.3.6: a foreign exception raised while handling the timeout's
# cancellation gets a TimeoutError spliced into its __context__ on 3.13+.
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.1):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                raise KeyError("k")
    except KeyError as e:
        chain = []
        c = e.__context__
        while c is not None:
            chain.append(type(c).__name__)
            c = c.__context__
        print("KeyError", chain)


asyncio.run(main())
