import asyncio

async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_exception(ValueError("inner"))
    try:
        await f
    except ValueError as e:
        print("awaited", repr(e), repr(f.exception()))
    g = loop.create_future()
    g.cancel(msg="why")
    try:
        g.result()
    except asyncio.CancelledError as e:
        print("cancelled", e.args)
    h = loop.create_future()
    h.set_result(1)
    try:
        h.set_result(2)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)

asyncio.run(main())
