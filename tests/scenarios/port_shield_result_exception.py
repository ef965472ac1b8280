# test_tasks.test_shield_result / test_shield_exception /
# test_shield_shortcut: shield passes result and exception through; a done
# future is returned unchanged.
import asyncio


async def work(d, fail):
    await asyncio.sleep(d)
    if fail:
        raise KeyError("k")
    return d


async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.shield(work(0.1, False)))
    try:
        await asyncio.shield(asyncio.create_task(work(0.1, True)))
    except KeyError as e:
        print("KeyError", e)
    f = loop.create_future()
    f.set_result(42)
    print(asyncio.shield(f) is f, await asyncio.shield(f), loop.time())


asyncio.run(main())
