import asyncio

async def child(name):
    print("child", name, "starts")
    await asyncio.sleep(0)
    print("child", name, "ends")
    return name

async def main():
    loop = asyncio.get_running_loop()
    if hasattr(asyncio, "eager_task_factory"):
        loop.set_task_factory(asyncio.eager_task_factory)
        print("factory set:", loop.get_task_factory() is not None)
    else:
        print("no eager tasks in this version")
    t = asyncio.create_task(child("a"))
    print("created, done =", t.done())
    print(await t)
    loop.set_task_factory(None)
    t2 = asyncio.create_task(child("b"))
    print("created, done =", t2.done())
    print(await t2)

asyncio.run(main())
