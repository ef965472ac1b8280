# Tutorials print the private state of asyncio's primitives to show how they
# work: a semaphore's `_value` (and a bounded one's `_bound_value`) as
# workers come and go, `lock._locked`, `event._value`, and a queue's
# `_maxsize` and `_unfinished_tasks`.
import asyncio


async def worker(name, sem, lock, log):
    async with sem:
        log.append(f"{name} in, sem._value={sem._value}")
        await asyncio.sleep(0.1)
        async with lock:
            log.append(f"{name} holds lock, lock._locked={lock._locked}")
            await asyncio.sleep(0)
    log.append(f"{name} out, sem._value={sem._value}")


async def main():
    sem, bounded = asyncio.Semaphore(2), asyncio.BoundedSemaphore(3)
    lock, event, queue = asyncio.Lock(), asyncio.Event(), asyncio.Queue(maxsize=4)
    print("start:", sem._value, bounded._value, bounded._bound_value, lock._locked, event._value)
    log = []
    workers = [asyncio.create_task(worker(f"w{i}", sem, lock, log)) for i in range(4)]
    await asyncio.sleep(0)
    print("after start:", sem._value, sem.locked())
    await asyncio.gather(*workers)
    print("\n".join(log))
    await bounded.acquire()
    await bounded.acquire()
    print("bounded:", bounded._value, bounded._bound_value)
    bounded.release()
    event.set()
    print("event:", event._value, event.is_set())
    for item in range(3):
        queue.put_nowait(item)
    queue.get_nowait()
    queue.task_done()
    print("queue:", queue._maxsize, queue._unfinished_tasks, queue.qsize())


asyncio.run(main())
