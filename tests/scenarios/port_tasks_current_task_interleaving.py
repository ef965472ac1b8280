# test_tasks.test_current_task_with_interleaving_tasks: current_task() is
# the task running the code, whichever task woke it.
import asyncio


async def coro1(fut1, fut2):
    print("coro1 is", asyncio.current_task().get_name())
    await fut1
    print("coro1 is", asyncio.current_task().get_name())
    fut2.set_result(True)


async def coro2(fut1, fut2):
    print("coro2 is", asyncio.current_task().get_name())
    fut1.set_result(True)
    await fut2
    print("coro2 is", asyncio.current_task().get_name())


async def main():
    loop = asyncio.get_running_loop()
    fut1 = loop.create_future()
    fut2 = loop.create_future()
    t1 = asyncio.create_task(coro1(fut1, fut2), name="one")
    t2 = asyncio.create_task(coro2(fut1, fut2), name="two")
    await asyncio.wait((t1, t2))
    print("main is", asyncio.current_task().get_name())


asyncio.run(main())
