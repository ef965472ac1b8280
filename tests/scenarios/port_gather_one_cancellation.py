# test_tasks.GatherTests test_one_cancellation /
# test_result_exception_one_cancellation: a cancelled child makes gather
# raise CancelledError (the outer is not cancelled); with
# return_exceptions it becomes a value.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    a, b, c, d, e = [loop.create_future() for _ in range(5)]
    fut = asyncio.gather(a, b, c, d, e)
    a.set_result(1)
    b.cancel()
    await asyncio.sleep(0)
    print(fut.done(), fut.cancelled())
    try:
        fut.result()
    except asyncio.CancelledError as ex:
        print("CancelledError", ex.args)
    c.set_result(3)
    d.cancel()
    e.set_exception(RuntimeError("e"))
    await asyncio.sleep(0)
    f1, f2, f3 = [loop.create_future() for _ in range(3)]
    g = asyncio.gather(f1, f2, f3, return_exceptions=True)
    f1.set_result(1)
    f2.cancel("bye")
    f3.set_exception(ValueError("v"))
    res = await g
    print([type(x).__name__ for x in res], res[0], res[1].args, res[2].args)


asyncio.run(main())
