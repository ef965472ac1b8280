# test_base_events.test__run_once_cancelled_event_cleanup, made observable:
# once more than 100 timers are scheduled and more than half of them are
# cancelled, _run_once rebuilds the heap with heapify, which changes the
# order of timers with equal deadlines (research 1.3).
import asyncio


async def run(ncancel):
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    order = []
    fillers = [loop.call_at(t0 + 100 + i, order.append, "f") for i in range(120)]
    for name in "ABCDEFGH":
        loop.call_at(t0 + 5, order.append, name)
    for h in fillers[:ncancel]:
        h.cancel()
    await asyncio.sleep(6)
    print(ncancel, "".join(order))
    for h in fillers:
        h.cancel()


async def main():
    await run(60)
    await run(70)
    await asyncio.sleep(0)
    print("end", asyncio.get_running_loop().time())


asyncio.run(main())
