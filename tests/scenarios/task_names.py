import asyncio

async def noop():
    await asyncio.sleep(0)

async def main():
    me = asyncio.current_task()
    print(me.get_name())
    a = asyncio.create_task(noop())
    b = asyncio.create_task(noop(), name="custom")
    c = asyncio.create_task(noop())
    print(a.get_name(), b.get_name(), c.get_name())
    c.set_name(42)
    print(c.get_name(), len(asyncio.all_tasks()))
    await asyncio.gather(a, b, c)
    print(len(asyncio.all_tasks()), a.done(), a.result())

asyncio.run(main())
