# test_locks LockTests test_acquire (FIFO) / test_release_not_acquired /
# test_context_manager: waiters get the lock in arrival order; a newcomer
# queues behind a woken waiter.
import asyncio


async def main():
    lock = asyncio.Lock()
    result = []
    print(await lock.acquire())

    async def c(n):
        if await lock.acquire():
            result.append(n)
        return True

    ts = [asyncio.create_task(c(i)) for i in (1, 2, 3)]
    await asyncio.sleep(0)
    print(result)
    lock.release()
    t4 = asyncio.create_task(c(4))
    await asyncio.sleep(0)
    print(result)
    lock.release()
    await asyncio.sleep(0)
    lock.release()
    await asyncio.sleep(0)
    lock.release()
    await asyncio.sleep(0)
    print(result, [t.done() for t in ts + [t4]])
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError", e)
    async with lock:
        print("inside", lock.locked())
    print("outside", lock.locked())


asyncio.run(main())
