# asyncio's submodules, as programs import them: the same objects as the
# package's names, reachable as attributes of the package too.
import asyncio
import asyncio.events
import asyncio.tasks as tasks_mod
from asyncio.exceptions import CancelledError, TimeoutError as AioTimeout
from asyncio.locks import Event, Lock
from asyncio.queues import Queue, QueueEmpty

print(CancelledError is asyncio.CancelledError, AioTimeout is asyncio.TimeoutError)
print(Lock is asyncio.Lock, Queue is asyncio.Queue, asyncio.exceptions.CancelledError is CancelledError)
print(tasks_mod.gather is asyncio.gather, asyncio.events.get_running_loop is asyncio.get_running_loop)
print(asyncio.tasks.FIRST_COMPLETED, asyncio.locks.Semaphore is asyncio.Semaphore)


async def main():
    ev, q = Event(), Queue()
    try:
        q.get_nowait()
    except QueueEmpty:
        print("empty")

    async def setter():
        await asyncio.sleep(0.1)
        ev.set()

    t = tasks_mod.create_task(setter())
    await ev.wait()
    await t
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.05)
    except AioTimeout:
        print("timed out")
    t2 = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    t2.cancel()
    try:
        await t2
    except CancelledError:
        print("cancelled")


asyncio.run(main())
