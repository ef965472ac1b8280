# loop.call_soon(cb) as a statement (its Handle dropped at once) with one
# callback and with more, on an open loop, on the loop of a finished
# asyncio.run (asked while a second run's loop is open) and on a loop the
# program closed: a closed loop refuses after the arguments are checked;
# a callback that is not callable fails when it runs; one with a context
# takes the keyword's path.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="default")


def show(*args):
    print("show", *args, var.get())


def attempt(label, loop, *args):
    try:
        loop.call_soon(*args)
        print(label, "scheduled")
    except (RuntimeError, TypeError) as e:
        print(label, type(e).__name__, e)


def statement_one(loop):
    try:
        loop.call_soon(show)
        print("statement one scheduled")
    except RuntimeError as e:
        print("statement one", type(e).__name__, e)


def statement_two(loop):
    try:
        loop.call_soon(show, "arg")
        print("statement two scheduled")
    except RuntimeError as e:
        print("statement two", type(e).__name__, e)


def statement_none(loop):
    try:
        loop.call_soon()
    except (RuntimeError, TypeError) as e:
        print("statement none", type(e).__name__, e)


def handler(loop, context):
    print("handler:", context["message"].split(" at ")[0], type(context["exception"]).__name__)


async def first():
    loop = asyncio.get_running_loop()
    statement_one(loop)
    statement_two(loop)
    statement_none(loop)
    loop.call_soon(show, "kept")
    await asyncio.sleep(0)
    return loop


old = asyncio.run(first())


async def second():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    print("old closed:", old.is_closed(), "same:", old is loop)
    statement_one(old)
    statement_two(old)
    statement_none(old)
    attempt("old used", old, show)
    statement_one(loop)
    loop.call_soon(42)
    ctx = contextvars.copy_context()
    ctx.run(var.set, "in ctx")
    loop.call_soon(show, context=ctx)
    var.set("main")
    loop.call_soon(show)
    for _ in range(3):
        await asyncio.sleep(0)
    print("second returns")


asyncio.run(second())

own = asyncio.new_event_loop()
own.close()
statement_one(own)
statement_two(own)
statement_none(own)
