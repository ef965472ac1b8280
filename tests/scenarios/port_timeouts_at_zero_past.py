# test_timeouts test_timeout_at_basic / test_timeout_zero /
# test_timeout_zero_sleep_zero / test_timeout_in_the_past_sleep_zero: an
# already-expired deadline fires through call_soon, so even sleep(0) is
# interrupted.
import asyncio


async def attempt(label, cm, d):
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with cm as cmv:
            await asyncio.sleep(d)
        print(label, "finished", cmv.expired())
    except TimeoutError:
        print(label, "TimeoutError", cmv.expired(), loop.time() - t0)


async def main():
    loop = asyncio.get_running_loop()
    await attempt("at", asyncio.timeout_at(loop.time() + 0.01), 10)
    await attempt("zero", asyncio.timeout(0), 10)
    await attempt("zero/sleep0", asyncio.timeout(0), 0)
    await attempt("past/sleep0", asyncio.timeout(-11), 0)
    await attempt("none", asyncio.timeout(None), 0.5)
    print(asyncio.current_task().cancelling(), loop.time())


asyncio.run(main())
