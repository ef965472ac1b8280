# Future state errors: the C _asyncio Future's texts (what programs run).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    for meth in (f.result, f.exception):
        try:
            meth()
        except asyncio.InvalidStateError as e:
            print(type(e).__name__, e)
    f.set_result(1)
    try:
        f.set_result(2)
    except asyncio.InvalidStateError as e:
        print(type(e).__name__, e)
    g = loop.create_future()
    g.cancel("why")
    try:
        g.result()
    except asyncio.CancelledError as e:
        print("cancelled", e.args)
    print(f.done(), f.cancelled(), g.done(), g.cancelled(), f.result())


asyncio.run(main())
