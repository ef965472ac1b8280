# test_queues test_why_are_getters_waiting / test_why_are_putters_waiting:
# producers and consumers on a bounded queue; nobody is left waiting.
import asyncio


async def consumer(queue, num_expected, log):
    for _ in range(num_expected):
        log.append(await queue.get())


async def producer(queue, num_items):
    for i in range(num_items):
        await queue.put(i)


async def putter(queue, item):
    await queue.put(item)


async def main():
    loop = asyncio.get_running_loop()
    log = []
    queue = asyncio.Queue(maxsize=1)
    await asyncio.gather(producer(queue, 3), consumer(queue, 3, log))
    print(log, loop.time())
    queue = asyncio.Queue(2)
    ts = [asyncio.create_task(putter(queue, i)) for i in range(4)]
    await asyncio.sleep(0)
    print(queue.qsize(), queue.full())
    got = []
    for _ in range(4):
        got.append(await queue.get())
    await asyncio.gather(*ts)
    print(got, queue.empty())


asyncio.run(main())
