# A future with exactly one done callback (a task awaiting it, or one
# add_done_callback) queues that call by moving the callback into the
# ready queue; two or more callbacks, a callback with its own context, a
# removed callback, a callback added after the result and a callback that
# raises keep CPython's order and reports. Python callbacks queued by
# loop.call_soon (a function, a bound method, a callable object, a
# lambda) run in FIFO order with them.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="outer")
log = []


def cb(name):
    def done(fut):
        log.append((name, fut.result() if not fut.cancelled() else "cancelled", var.get()))

    return done


class Callable:
    def __call__(self, fut):
        log.append(("callable-object", fut.result(), var.get()))


class Recorder:
    def on_done(self, fut):
        log.append(("bound-method", fut.result(), var.get()))


def boom(fut):
    raise ValueError(f"boom {fut.result()}")


async def waiter(fut, name):
    try:
        log.append((name, await fut))
    except asyncio.CancelledError:
        log.append((name, "cancelled"))
        raise


async def main():
    loop = asyncio.get_running_loop()

    # One callback: a task waiting on the future.
    f1 = loop.create_future()
    t1 = asyncio.create_task(waiter(f1, "task-1"))
    await asyncio.sleep(0)
    loop.call_soon(log.append, "soon-before")
    f1.set_result(1)
    loop.call_soon(log.append, "soon-after")
    await t1

    # One callback of each kind of callable, each its own future.
    for i, fn in enumerate([cb("function"), Callable(), Recorder().on_done,
                            lambda f: log.append(("lambda", f.result()))]):
        f = loop.create_future()
        f.add_done_callback(fn)
        f.set_result(10 + i)
        loop.call_soon(log.append, f"after-{i}")
    await asyncio.sleep(0)

    # One callback with its own context.
    ctx = contextvars.copy_context()
    ctx.run(var.set, "inner")
    f2 = loop.create_future()
    f2.add_done_callback(cb("with-context"), context=ctx)
    f2.set_result(2)
    await asyncio.sleep(0)

    # Two callbacks, then one removed again (one left).
    f3 = loop.create_future()
    a, b = cb("first"), cb("second")
    f3.add_done_callback(a)
    f3.add_done_callback(b)
    print("removed", f3.remove_done_callback(a))
    f3.set_result(3)
    await asyncio.sleep(0)

    # Three callbacks in order; a callback added after the result.
    f4 = loop.create_future()
    for name in ("x", "y", "z"):
        f4.add_done_callback(cb(name))
    f4.set_result(4)
    f4.add_done_callback(cb("late"))
    await asyncio.sleep(0)

    # Cancelled with one waiter, and with a message.
    f5 = loop.create_future()
    t5 = asyncio.create_task(waiter(f5, "task-5"))
    await asyncio.sleep(0)
    f5.cancel("stop")
    try:
        await t5
    except asyncio.CancelledError as e:
        log.append(("task-5 raised", e.args))

    # An exception as the outcome, one waiter.
    f6 = loop.create_future()
    t6 = asyncio.create_task(waiter(f6, "task-6"))
    await asyncio.sleep(0)
    f6.set_exception(KeyError("k"))
    try:
        await t6
    except KeyError as e:
        log.append(("task-6 raised", repr(e)))

    # One callback that raises: the handler gets it, the loop goes on.
    seen = []
    loop.set_exception_handler(lambda lp, c: seen.append((c["message"].split(" at ")[0],
                                                          repr(c["exception"]))))
    f7 = loop.create_future()
    f7.add_done_callback(boom)
    f7.set_result(7)
    loop.call_soon(log.append, "after-boom")
    await asyncio.sleep(0)
    print(seen)

    # A subclass of Future with one callback.
    class MyFuture(asyncio.Future):
        pass

    f8 = MyFuture()
    f8.add_done_callback(cb("subclass"))
    f8.set_result(8)
    await asyncio.sleep(0)

    for entry in log:
        print(entry)


asyncio.run(main())
