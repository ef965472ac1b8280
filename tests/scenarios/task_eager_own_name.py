# An eager task that shows its own name in its first step (run inside
# create_task) sees the Task-N number a fresh interpreter gives it. Until
# 3.13.2, a name passed to create_task with a task factory (and, until
# 3.12, to asyncio.create_task) is set only after the factory made the
# task: the first step still shows the number, which the task used up.
# 3.11 has no eager tasks: every task starts at the next step.
import asyncio


async def worker(tag):
    task = asyncio.current_task()
    print(tag, "first step:", task.get_name())
    await asyncio.sleep(0)
    print(tag, "second step:", task.get_name())
    return tag


async def quiet():
    await asyncio.sleep(0)


async def main():
    print("main:", asyncio.current_task().get_name())
    loop = asyncio.get_running_loop()
    if hasattr(asyncio, "eager_task_factory"):
        loop.set_task_factory(asyncio.eager_task_factory)
    a = asyncio.create_task(worker("a"))
    b = asyncio.create_task(worker("b"), name="named-b")
    c = loop.create_task(worker("c"), name="named-c")
    q = asyncio.create_task(quiet(), name="named-quiet")
    d = asyncio.create_task(worker("d"))
    print("after create:", a.get_name(), b.get_name(), c.get_name(), q.get_name(), d.get_name())
    print(await asyncio.gather(a, b, c, d, q))
    async with asyncio.TaskGroup() as tg:
        e = tg.create_task(worker("e"))
        f = tg.create_task(worker("f"), name="named-f")
    print("group:", e.get_name(), f.get_name())
    loop.set_task_factory(None)
    g = asyncio.create_task(worker("g"))
    print("no factory:", g.get_name(), await g)


asyncio.run(main())
