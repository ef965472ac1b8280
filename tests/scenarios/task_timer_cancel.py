import asyncio

async def main():
    loop = asyncio.get_running_loop()
    hs = [loop.call_later(d, print, "fired", d) for d in (0.3, 0.1, 0.2)]
    hs[0].cancel()
    print([h.cancelled() for h in hs], [h.when() for h in hs])
    await asyncio.sleep(0.5)
    h = loop.call_soon(print, "soon")
    h.cancel()
    await asyncio.sleep(0)
    print("end", loop.time())

asyncio.run(main())
