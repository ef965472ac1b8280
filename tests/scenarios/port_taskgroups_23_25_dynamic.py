# test_taskgroups test_taskgroup_23 / _24 / _25: children created while the
# group runs, by the body and by other children.
import asyncio


async def do_job(delay, log, i):
    await asyncio.sleep(delay)
    log.append(i)


async def root(g, log):
    await asyncio.sleep(0.1)
    g.create_task(do_job(0.1, log, "r1"))
    g.create_task(do_job(0.2, log, "r2"))


async def main():
    loop = asyncio.get_running_loop()
    log = []
    async with asyncio.TaskGroup() as g:
        for count in range(6):
            await asyncio.sleep(0.1)
            g.create_task(do_job(0.3, log, count))
        await asyncio.sleep(1.35)
    print(log, loop.time())
    log = []
    async with asyncio.TaskGroup() as g:
        g.create_task(root(g, log))
    print(log, loop.time())
    n = [0]

    async def hydra(g):
        n[0] += 1
        await asyncio.sleep(0.01)
        g.create_task(hydra(g))
        g.create_task(hydra(g))

    async def hercules():
        while n[0] < 10:
            await asyncio.sleep(0.015)
        1 / 0

    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(hydra(g))
            g.create_task(hercules())
    except ExceptionGroup as eg:
        print([type(e).__name__ for e in eg.exceptions], n[0], loop.time())


asyncio.run(main())
