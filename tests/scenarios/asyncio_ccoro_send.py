# asyncio's own coroutines driven by hand: send(), throw() and close() on
# the coroutine objects that Queue.join(), Event.wait(), Lock.acquire()
# and asyncio.sleep() return, as a program's own scheduler (or a test)
# steps them without a task.
import asyncio


def step(label, coro, value=None):
    try:
        got = coro.send(value)
    except StopIteration as stop:
        print(label, "returned", stop.value)
        return None
    print(label, "yielded", type(got).__name__, got.done() if got is not None else "-")
    return got


async def main():
    q = asyncio.Queue()
    join = q.join()
    print(type(join).__name__, hasattr(join, "send"), hasattr(join, "throw"),
          hasattr(join, "close"))
    step("join on an empty queue", join)

    await q.put("item")
    pending = q.join()
    fut = step("join with one unfinished", pending)
    q.get_nowait()
    q.task_done()
    print("future done after task_done:", fut.done())
    step("join resumed", pending)

    ev = asyncio.Event()
    wait = ev.wait()
    step("wait, not set", wait)
    try:
        wait.throw(KeyError("stop waiting"))
    except KeyError as e:
        print("throw raised back", repr(e))
    try:
        wait.send(None)
    except (StopIteration, RuntimeError) as e:
        print("send after the throw:", type(e).__name__)

    lock = asyncio.Lock()
    acq = lock.acquire()
    step("acquire a free lock", acq)
    print("locked:", lock.locked())
    lock.release()

    nap = asyncio.sleep(0)
    step("sleep(0) first step", nap)
    step("sleep(0) second step", nap)

    left = q.join()
    left.close()
    try:
        left.send(None)
    except (StopIteration, RuntimeError) as e:
        print("send after close:", type(e).__name__)

    try:
        q.join().send(1)
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())
