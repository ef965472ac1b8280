# test_taskgroups test_taskgroup_no_create_task_after_failure /
# _finished / _double_enter / _task_name: create_task refused once the
# group is aborting or finished; double entry.
import asyncio


async def coro1():
    await asyncio.sleep(0.001)
    1 / 0


async def coro2(g):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        c1 = coro1()
        try:
            g.create_task(c1)
        except RuntimeError as e:
            print("RuntimeError", e)
        try:
            await c1
        except ZeroDivisionError:
            print("c1 ZeroDivisionError")


async def main():
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(coro1())
            g.create_task(coro2(g))
    except ExceptionGroup as eg:
        print([type(e).__name__ for e in eg.exceptions])
    tg = asyncio.TaskGroup()
    async with tg:
        t = tg.create_task(asyncio.sleep(0), name="yolo")
        print(t.get_name())
    c = asyncio.sleep(0)
    try:
        tg.create_task(c)
    except RuntimeError as e:
        print("RuntimeError", str(e).endswith("is finished"))
    await c
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print("RuntimeError", str(e).endswith("entered"))


asyncio.run(main())
