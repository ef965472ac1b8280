# test_tasks.test_cancel_with_message_then_future_result /
# _then_future_exception / _before_starting_task: the message reaches the
# coroutine; the awaiting task gets it once; later result() calls get a
# fresh CancelledError.
import asyncio


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("inside:", e.args)
        raise


async def never():
    print("never runs")


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.cancel("my message")
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiter:", e.args)
    for meth in (t.result, t.exception):
        try:
            meth()
        except asyncio.CancelledError as e:
            print("again:", e.args)
    t2 = asyncio.create_task(never())
    t2.cancel("before start")
    try:
        await t2
    except asyncio.CancelledError as e:
        print("unstarted:", e.args)
    f = asyncio.get_running_loop().create_future()
    f.cancel("fut msg")
    try:
        f.result()
    except asyncio.CancelledError as e:
        print("future:", e.args)


asyncio.run(main())
