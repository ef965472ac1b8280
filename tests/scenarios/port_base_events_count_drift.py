# _timer_cancelled_count drift (research 1.3): a cancelled timer popped by the
# due-timer loop (not at the head) is never subtracted, so a later rebuild
# triggers earlier than a plain count would suggest.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    out = []
    # 20 pairs at equal deadlines; the second of each pair is cancelled
    # while the first keeps it from reaching the head.
    for i in range(20):
        loop.call_at(t0 + 1 + i * 0.01, out.append, i)
        loop.call_at(t0 + 1 + i * 0.01, out.append, -i).cancel()
    await asyncio.sleep(2)
    print(len(out), out[:3])
    fillers = [loop.call_at(t0 + 100 + i, out.append, "f") for i in range(110)]
    for name in "ABCDEFGH":
        loop.call_at(t0 + 5, out.append, name)
    for h in fillers[:50]:
        h.cancel()
    await asyncio.sleep(4)
    print("".join(x for x in out if isinstance(x, str)))
    for h in fillers:
        h.cancel()


asyncio.run(main())
