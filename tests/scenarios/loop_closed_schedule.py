# Scheduling on a closed loop is refused (base_events.py _check_closed),
# after the arguments are checked: call_soon, call_soon_threadsafe,
# call_later and call_at, on the loop asyncio.run closed and on a loop
# the program closed itself.
import asyncio


def attempt(label, fn):
    try:
        fn()
        print(label, "scheduled")
    except (RuntimeError, TypeError) as e:
        print(label, type(e).__name__, e)


def probe(name, loop):
    print(name, "closed:", loop.is_closed())
    attempt("call_soon", lambda: loop.call_soon(print, "never"))
    attempt("call_soon ctx", lambda: loop.call_soon(print, "never", context=None))
    attempt("call_soon_threadsafe", lambda: loop.call_soon_threadsafe(print, "never"))
    attempt("call_later", lambda: loop.call_later(1, print, "never"))
    attempt("call_at", lambda: loop.call_at(5.0, print, "never"))
    attempt("call_later None", lambda: loop.call_later(None, print))
    attempt("call_at None", lambda: loop.call_at(None, print))
    attempt("call_soon no callback", lambda: loop.call_soon())


async def main():
    loop = asyncio.get_running_loop()
    h = loop.call_soon(print, "open loop runs it")
    print("open:", type(h).__name__)
    await asyncio.sleep(0)
    return loop


ran = asyncio.run(main())
probe("after run", ran)

own = asyncio.new_event_loop()
own.call_soon(print, "dropped with the loop")
own.close()
probe("closed by the program", own)


async def arguments():
    # The same argument checks on an open loop, and CPython's messages.
    loop = asyncio.get_running_loop()
    attempt("call_later None", lambda: loop.call_later(None, print))
    attempt("call_at None", lambda: loop.call_at(None, print))
    attempt("call_later only delay", lambda: loop.call_later(1))
    # (call_at() with no argument is left out: the oracle's loop overrides
    # call_at, so its message names VirtualLoop instead of BaseEventLoop.)
    attempt("call_later nothing", lambda: loop.call_later())
    attempt("call_soon_threadsafe nothing", lambda: loop.call_soon_threadsafe())
    attempt("call_soon keyword", lambda: loop.call_soon(print, spam=1))
    attempt("call_at keyword", lambda: loop.call_at(1.0, print, eggs=2))


asyncio.run(arguments())
