# TypeError texts of Future's and Task's C methods called with the wrong
# arguments: 3.11's METH_NOARGS / METH_O wording, 3.12+'s argument
# clinic wording for the positional-only ones, cancel(msg=None)'s keyword,
# named after the method's own type (Task's table repeats Future's).
import asyncio


class MyFuture(asyncio.Future):
    pass


def attempt(label, call):
    try:
        call()
        print(label, "ok")
    except TypeError as e:
        print(label, e)


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    attempt("set_result()", lambda: f.set_result())
    attempt("set_result(1, 2)", lambda: f.set_result(1, 2))
    attempt("set_result(result=1)", lambda: f.set_result(result=1))
    attempt("set_result(1, x=2)", lambda: f.set_result(1, x=2))
    attempt("set_exception()", lambda: f.set_exception())
    attempt("set_exception(exception=...)", lambda: f.set_exception(exception=ValueError()))
    attempt("remove_done_callback()", lambda: f.remove_done_callback())
    attempt("remove_done_callback(fn=print)", lambda: f.remove_done_callback(fn=print))
    attempt("remove_done_callback(1, 2)", lambda: f.remove_done_callback(1, 2))
    attempt("done(1)", lambda: f.done(1))
    attempt("result(x=1)", lambda: f.result(x=1))
    attempt("exception(1)", lambda: f.exception(1))
    attempt("cancelled(k=1)", lambda: f.cancelled(k=1))
    attempt("cancel(1, 2)", lambda: f.cancel(1, 2))
    attempt("cancel(m=1)", lambda: f.cancel(m=1))
    print("still pending:", not f.done())
    t = asyncio.current_task()
    attempt("task.done(1)", lambda: t.done(1))
    attempt("task.result(x=1)", lambda: t.result(x=1))
    attempt("task.remove_done_callback()", lambda: t.remove_done_callback())
    g = MyFuture()
    attempt("sub.done(1)", lambda: g.done(1))
    attempt("sub.set_result()", lambda: g.set_result())
    print(f.remove_done_callback(print), f.cancel(msg="bye"), f.cancelled())
    g.set_result(5)
    print(g.result())


asyncio.run(main())
