# test_locks LockTests test_cancel_race / test_acquire_cancel /
# test_finished_waiter_cancelled: a waiter cancelled while the lock is
# released passes the lock on; FIFO order among the rest.
import asyncio


async def lockit(name, lock, log, hold):
    await lock.acquire()
    log.append(name)
    try:
        await asyncio.sleep(hold)
    finally:
        lock.release()


async def main():
    lock = asyncio.Lock()
    log = []
    await lock.acquire()
    ta = asyncio.create_task(lockit("A", lock, log, 0))
    await asyncio.sleep(0)
    tb = asyncio.create_task(lockit("B", lock, log, 0))
    await asyncio.sleep(0)
    tc = asyncio.create_task(lockit("C", lock, log, 0))
    await asyncio.sleep(0)
    lock.release()   # wakes A
    ta.cancel()      # A was woken but not yet run: B must get it
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(log, ta.cancelled(), lock.locked())
    await asyncio.gather(tb, tc)
    print(log, lock.locked())
    # a waiter cancelled before acquiring
    await lock.acquire()
    td = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    td.cancel()
    try:
        await td
    except asyncio.CancelledError:
        print("acquire cancelled", lock.locked())
    lock.release()
    print(lock.locked(), await lock.acquire())
    lock.release()


asyncio.run(main())
