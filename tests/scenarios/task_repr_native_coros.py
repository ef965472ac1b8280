# A Task's repr names where its coroutine stands, for asyncio's own
# coroutines too (coroutines._format_coroutine): "running at" the def line
# before the coroutine starts, at the pending `await` while it is
# suspended, and "done, defined at" the def line once it returned, raised
# or was cancelled. The file is the interpreter's own asyncio source.
import asyncio


def show(label, task):
    print(label, task)


async def step(n=1):
    for _ in range(n):
        await asyncio.sleep(0)


async def sleeps():
    t = asyncio.create_task(asyncio.sleep(0, "r"))
    show("sleep(0) not started:", t)
    await step()
    show("sleep(0) at __sleep0:", t)
    await step()
    show("sleep(0) done:", t)
    t = asyncio.create_task(asyncio.sleep(5, "later"))
    await step()
    show("sleep(5) at future:", t)
    await t
    show("sleep(5) done:", t)
    t = asyncio.create_task(asyncio.sleep(5))
    await step()
    t.cancel()
    show("sleep(5) cancelling:", t)
    await step()
    show("sleep(5) cancelled:", t)
    t = asyncio.create_task(asyncio.sleep(5))
    t.cancel()
    await step()
    show("sleep(5) cancelled before start:", t)


async def queues():
    q = asyncio.Queue(maxsize=1)
    get = asyncio.create_task(q.get())
    show("Queue.get not started:", get)
    await step()
    show("Queue.get at getter:", get)
    await q.put("x")
    await step()
    show("Queue.get done:", get)
    get = asyncio.create_task(q.get())
    await step()
    get.cancel()
    await step()
    show("Queue.get cancelled:", get)
    await q.put(1)
    put = asyncio.create_task(q.put(2))
    await step()
    show("Queue.put at putter:", put)
    q.get_nowait()
    await step()
    show("Queue.put done:", put)
    join = asyncio.create_task(q.join())
    await step()
    show("Queue.join at wait:", join)
    q.get_nowait()
    q.task_done()
    q.task_done()
    q.task_done()
    await step(2)
    show("Queue.join done:", join)


async def locks():
    ev = asyncio.Event()
    t = asyncio.create_task(ev.wait())
    show("Event.wait not started:", t)
    await step()
    show("Event.wait at fut:", t)
    ev.set()
    await step()
    show("Event.wait done:", t)

    lock = asyncio.Lock()
    await lock.acquire()
    t = asyncio.create_task(lock.acquire())
    await step()
    show("Lock.acquire at fut:", t)
    lock.release()
    await step()
    show("Lock.acquire done:", t)
    t2 = asyncio.create_task(lock.acquire())
    await step()
    t2.cancel()
    await step()
    show("Lock.acquire cancelled:", t2)
    lock.release()

    sem = asyncio.Semaphore(0)
    t = asyncio.create_task(sem.acquire())
    show("Semaphore.acquire not started:", t)
    await step()
    show("Semaphore.acquire at fut:", t)
    sem.release()
    await step()
    show("Semaphore.acquire done:", t)

    cond = asyncio.Condition()
    await cond.acquire()
    c = asyncio.create_task(cond.wait())
    await step()
    show("Condition.wait at fut:", c)
    await cond.acquire()
    cond.notify_all()
    await step()
    show("Condition.wait at acquire:", c)
    cond.release()
    await step(2)
    show("Condition.wait done:", c)
    cond.release()


async def waits():
    fut = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(asyncio.wait_for(fut, None))
    show("wait_for not started:", t)
    await step()
    show("wait_for(timeout=None) at await fut:", t)
    fut.set_result(3)
    await step(3)
    show("wait_for done:", t)

    inner = asyncio.create_task(asyncio.sleep(5))
    t = asyncio.create_task(asyncio.wait_for(inner, 0))
    await step()
    show("wait_for(timeout=0) at _cancel_and_wait:", t)
    await step(3)
    show("wait_for(timeout=0) done:", t)
    print(type(t.exception()).__name__)

    fut = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(asyncio.wait_for(fut, 10))
    await step()
    show("wait_for(timeout=10) waiting:", t)
    t.cancel()
    await step(3)
    show("wait_for(timeout=10) cancelled:", t)

    fut = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(asyncio.wait([fut]))
    show("wait not started:", t)
    await step()
    show("wait at _wait:", t)
    fut.set_result(None)
    await step(2)
    done, pending = t.result()
    print("wait done:", len(done), len(pending), repr(t).split(" result=")[0])


async def main():
    await sleeps()
    await queues()
    await locks()
    await waits()


asyncio.run(main())
