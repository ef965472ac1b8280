# concurrent.futures.ThreadPoolExecutor on the simulated pool: submit
# returns a Future already running; the job runs whole when the loop next
# waits (a `thread` decision, default 0), in its "thread" (no running
# loop, time.sleep moves nothing), and sets the Future, whose done
# callbacks run there; wrap_future brings the outcome to the loop.
import asyncio
import concurrent.futures
import time
from concurrent.futures import Future, ThreadPoolExecutor


def work(name, x):
    time.sleep(1.0)
    try:
        asyncio.get_running_loop()
    except RuntimeError as e:
        print(name, "in thread:", e)
    print(name, "works at", time.monotonic())
    if x < 0:
        raise ValueError("negative: %d" % x)
    return x * 10


def on_done(f):
    print("callback: done", f.done(), "cancelled", f.cancelled())


async def main():
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="w") as pool:
        f = pool.submit(work, "a", 1)
        print("submitted: running", f.running(), "done", f.done())
        print("cancel a running job:", f.cancel())
        f.add_done_callback(on_done)
        print("a ->", await asyncio.wrap_future(f))
        print("result", f.result(), "exception", f.exception())
        f.add_done_callback(on_done)   # already done: called at once

        g = pool.submit(work, "b", -2)
        try:
            await asyncio.wrap_future(g)
        except ValueError as e:
            print("wrapped b raised", repr(e))
        print("b done", g.done())
        try:
            g.result()
        except ValueError as e:
            print("b raised", repr(e))
        print("b exception", repr(g.exception()))

        h = pool.submit(work, x=3, name="c")
        w = asyncio.wrap_future(h)
        print("wrap_future of an asyncio future is itself:", asyncio.wrap_future(w) is w)
        print("c ->", await w)

        fs = [pool.submit(work, n, i) for n, i in (("d", 4), ("e", 5))]
        await asyncio.gather(*map(asyncio.wrap_future, fs))
        done, not_done = concurrent.futures.wait(fs)
        print("wait:", sorted(f.result() for f in done), len(not_done))
        print("as_completed:", sorted(f.result() for f in concurrent.futures.as_completed(fs)))
    print("after with: clock", asyncio.get_running_loop().time())


def states():
    f = Future()
    print("new Future: running", f.running(), "done", f.done())
    print("set_running_or_notify_cancel", f.set_running_or_notify_cancel())
    f.set_result(5)
    try:
        f.set_result(6)
    except concurrent.futures.InvalidStateError as e:
        print("InvalidStateError is Error:", isinstance(e, concurrent.futures.Future) or
              issubclass(type(e), Exception))
    c = Future()
    print("cancel a pending Future:", c.cancel(), c.cancelled(), c.done())
    try:
        c.result()
    except concurrent.futures.CancelledError:
        print("CancelledError; an asyncio one?",
              concurrent.futures.CancelledError is asyncio.CancelledError)
    print("TimeoutError is the builtin:", concurrent.futures.TimeoutError is TimeoutError)
    print("BrokenExecutor is a RuntimeError:",
          issubclass(concurrent.futures.BrokenExecutor, RuntimeError))
    from concurrent.futures.thread import BrokenThreadPool
    print("BrokenThreadPool is a BrokenExecutor:",
          issubclass(BrokenThreadPool, concurrent.futures.BrokenExecutor))


states()
asyncio.run(main())
