import asyncio

def cb(tag, *args):
    print("callback", tag, args, asyncio.get_running_loop().time())

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(cb, "soon", 1)
    h = loop.call_later(0.5, cb, "later")
    loop.call_at(0.2, cb, "at")
    h2 = loop.call_later(0.3, cb, "cancelled")
    h2.cancel()
    print(h.when(), h2.cancelled())
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("done cb", f.result()))
    loop.call_later(0.4, fut.set_result, "value")
    print(await fut)
    await asyncio.sleep(1)

asyncio.run(main())
