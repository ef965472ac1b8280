# wait()'s argument checks.
import asyncio


async def main():
    for args, kw in (([], {}), ([asyncio.sleep(0)], {}), ([], {"return_when": "X"})):
        coro = args[0] if args else None
        try:
            await asyncio.wait(args if args else [asyncio.get_running_loop().create_future()] if kw else [], **kw)
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
        if coro is not None:
            coro.close()


asyncio.run(main())
