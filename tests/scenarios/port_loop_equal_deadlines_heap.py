# research 1.2: equal deadlines pop in heap order, not FIFO; an unrelated
# later timer changes the order (A C G F H B D E with it, A C G F H E B D
# without).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    order = []
    for name in "ABCDEFGH":
        loop.call_at(t0 + 5, order.append, name)
    await asyncio.sleep(10)
    print("".join(order))
    order.clear()
    t1 = loop.time()
    for name in "ABCDEFGH":
        loop.call_at(t1 + 5, order.append, name)
    done = loop.create_future()
    loop.call_at(t1 + 5, done.set_result, None)
    await done
    await asyncio.sleep(0)
    print("".join(order), loop.time())


asyncio.run(main())
