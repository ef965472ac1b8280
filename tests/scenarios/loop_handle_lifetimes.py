# Handles from loop.call_soon/call_later that the program keeps, drops,
# hashes, cancels after they ran, or receives in a callback: each stays the
# object it was (identity, repr, cancelled()), whatever the loop does with
# the memory of handles nobody holds any more.
import asyncio

ran = []


def note(tag, *args):
    ran.append((tag,) + args)


async def main():
    loop = asyncio.get_running_loop()
    kept = loop.call_soon(note, "kept", 1)
    loop.call_soon(note, "dropped")
    loop.call_soon(note, "dropped", 2, 3, 4)
    await asyncio.sleep(0)
    fresh = loop.call_soon(note, "fresh")
    print(kept is fresh, kept == fresh, kept.cancelled(), fresh.cancelled())
    print(repr(kept).split(" at ")[0], repr(fresh).split(" at ")[0])
    kept.cancel()
    print("kept cancelled after it ran:", kept.cancelled(), repr(kept))
    await asyncio.sleep(0)
    table = {kept: "k", fresh: "f"}
    hashed = loop.call_soon(note, "hashed")
    table[hashed] = "h"
    del hashed
    await asyncio.sleep(0)
    later = [loop.call_soon(note, "later", i) for i in range(3)]
    print(len(table), [table[k] for k in table], len({id(h) for h in later}))
    await asyncio.sleep(0)
    timer = loop.call_later(0.5, note, "timer")
    loop.call_later(0.25, note, "timer dropped")
    await asyncio.sleep(1)
    print(timer.cancelled(), timer.when(), repr(timer).split(" at ")[0])
    timer.cancel()
    print(timer.cancelled(), repr(timer))

    def holder():
        note("holder", mine is not None, mine.cancelled())

    mine = loop.call_soon(holder)
    await asyncio.sleep(0)
    mine = None
    for i in range(5):
        loop.call_soon(note, "burst", i)
        if i % 2:
            await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(ran)


asyncio.run(main())
