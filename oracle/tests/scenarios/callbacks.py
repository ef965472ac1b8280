# loop.run_until_complete used directly; call_later ties; a failing callback
# (error event); a cancelled timer.
import asyncio


def cb(tag):
    print("cb", tag)


def fail():
    raise RuntimeError("callback failed")


async def main():
    loop = asyncio.get_running_loop()
    for tag in "ABCDEFGH":
        loop.call_at(5.0, cb, tag)
    h = loop.call_later(3, cb, "never")
    loop.call_soon(fail)
    await asyncio.sleep(1)
    h.cancel()
    await asyncio.sleep(10)


loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
