# The reprs of asyncio's locks and queues carry the object's address, as
# object.__repr__ gives it (locks.py opens it up and appends the state;
# queues.py formats `at {id(self):#x}`); str() of a queue leaves it out.
# Addresses differ between any two processes, so each repr is printed with
# its address cut out, checking that it is where CPython puts it.
import asyncio


def masked(text):
    at = text.find(" at 0x")
    if at < 0:
        return text + "   (no address)"
    end = at + 4
    while end < len(text) and text[end] in "0123456789abcdefx":
        end += 1
    return text[:at] + " at ADDR" + text[end:]


class AuditLock(asyncio.Lock):
    pass


class JobQueue(asyncio.Queue):
    pass


async def holder(lock, release):
    async with lock:
        await release.wait()


async def main():
    lock, event, cond = asyncio.Lock(), asyncio.Event(), asyncio.Condition()
    sem, bsem, barrier = asyncio.Semaphore(2), asyncio.BoundedSemaphore(1), asyncio.Barrier(3)
    queues = [asyncio.Queue(), asyncio.PriorityQueue(3), asyncio.LifoQueue(), JobQueue(1)]
    for obj in [lock, event, cond, sem, bsem, barrier, AuditLock(), *queues]:
        print(masked(repr(obj)))
    for q in queues:
        print(str(q), masked(str(q)) == str(q) + "   (no address)")
    release = asyncio.Event()
    task = asyncio.create_task(holder(lock, release))
    await asyncio.sleep(0)
    waiter = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    print(masked(repr(lock)), "|", masked(f"{lock}"))
    await queues[0].put("job")
    print(masked(repr(queues[0])))
    release.set()
    print(masked(repr(release)))
    await task
    await waiter
    lock.release()
    print(masked(repr(lock)))


asyncio.run(main())
