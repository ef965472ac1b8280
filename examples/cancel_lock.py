# A lock never released when a task is cancelled.
#
# update() takes the lock with acquire() and releases it at the end, but
# not in a `finally`: when wait_for() times out it cancels update() in the
# middle, and the lock stays held forever. The next user of the lock then
# waits forever (a deadlock). The fix: `async with lock:`.
import asyncio


async def update(lock, log):
    await lock.acquire()
    for i in range(3):
        await asyncio.sleep(0.01)        # write one chunk
        log.append(i)
    lock.release()                       # BUG: skipped when cancelled


async def main():
    lock = asyncio.Lock()
    log = []
    try:
        await asyncio.wait_for(update(lock, log), timeout=0.05)
    except asyncio.TimeoutError:
        print(f"update timed out after {len(log)} chunks")
    async with lock:                     # the next writer
        print("cleanup done")


asyncio.run(main())
