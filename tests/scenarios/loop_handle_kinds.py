# Handles run by the loop: plain and with a context, raising (reported),
# cancelled; sleeps with results (the timer's _set_result_unless_cancelled),
# the pool's waiter, a task woken by a failed future, a sleeping task cancelled.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="none")


def boom(tag):
    raise ValueError(tag)


def show(tag):
    print("cb", tag, var.get())


async def sleeper(i):
    total = 0
    for k in range(5):
        d = ((i * 7 + k * 13) % 5) / 10
        r = await asyncio.sleep(d, result=k)
        total += r
    return total


async def failing():
    await asyncio.sleep(0.05)
    raise KeyError("f")


async def waits_failing(fut):
    try:
        await fut
    except RuntimeError as e:
        print("waiter got", e)


async def cancelled_sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("sleeper cancelled")
        raise


def handler(loop, ctx):
    print("handler:", ctx["message"].split(" at ")[0], type(ctx["exception"]).__name__)


def blocking(x):
    return x * 2


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    ctx = contextvars.copy_context()
    ctx.run(var.set, "inner")
    loop.call_soon(show, "plain")
    loop.call_soon(show, "ctx", context=ctx)
    loop.call_soon(boom, "soon")
    h = loop.call_later(0.01, boom, "later")
    loop.call_later(0.02, show, "later2", context=ctx)
    loop.call_later(0.03, boom, "later-ctx", context=ctx)
    t = asyncio.create_task(cancelled_sleeper())
    fut = loop.create_future()
    w = asyncio.create_task(waits_failing(fut))
    await asyncio.sleep(0)
    fut.set_exception(RuntimeError("bad"))
    await asyncio.sleep(0.015)
    t.cancel("stop")
    h.cancel()
    res = await asyncio.gather(*[sleeper(i) for i in range(20)], failing(), return_exceptions=True)
    print(res)
    print(await loop.run_in_executor(None, blocking, 21))
    try:
        await t
    except asyncio.CancelledError as e:
        print("t:", e.args)
    await w
    print(loop.time())


asyncio.run(main())
