# repr() of tasks and futures as asyncio shows them: state, name, where the
# coroutine is (running at / done, defined at), what it waits for, the
# result shortened by reprlib, the callbacks with their source lines.
import asyncio


async def work(n):
    await asyncio.sleep(1)
    return "ab" * n


async def fails():
    await asyncio.sleep(0)
    raise ValueError("no", 3)


def on_done(fut):
    pass


async def main():
    t = asyncio.create_task(work(20))
    print(t)
    await asyncio.sleep(0)
    print(t)
    await t
    print(t)
    print(repr(asyncio.create_task(work(2))))
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.add_done_callback(lambda f: None)
    f.add_done_callback(on_done)
    print(f)
    f.add_done_callback(on_done)
    print(f)
    f.set_result(list(range(10)))
    print(f)
    for result in ["x" * 29, "y" * 31, 1234567890123456789, (1,), {"b": 2, "a": [1, {3}]},
                   {5, 3, 1, 9, 7, 11, 13}, 3.5, None, True, "é" * 40]:
        g = loop.create_future()
        g.set_result(result)
        print(g)
    e = loop.create_future()
    e.set_exception(KeyError("k"))
    print(e)
    e.exception()
    t2 = asyncio.create_task(work(1))
    await asyncio.sleep(0)
    t2.cancel()
    print(t2)
    await asyncio.sleep(0)
    print(t2)
    t3 = asyncio.create_task(fails())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(t3)
    t3.exception()
    c = loop.create_future()
    c.cancel()
    print(c, str(c))


asyncio.run(main())
