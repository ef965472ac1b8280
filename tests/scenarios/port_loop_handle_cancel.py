# events.Handle.cancel: a handle cancelled before it runs is skipped, also
# when it is cancelled by an earlier handle of the same iteration; a
# cancelled timer never fires; cancel() is idempotent.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    log = []
    h2 = None

    def first():
        log.append("first")
        h2.cancel()
        h2.cancel()

    loop.call_soon(first)
    h2 = loop.call_soon(log.append, "second")
    loop.call_soon(log.append, "third")
    t = loop.call_later(0.5, log.append, "timer")
    t2 = loop.call_later(0.5, log.append, "timer2")
    await asyncio.sleep(0)
    t.cancel()
    print(log, h2.cancelled(), t.cancelled(), t2.cancelled())
    await asyncio.sleep(1)
    print(log, loop.time())


asyncio.run(main())
