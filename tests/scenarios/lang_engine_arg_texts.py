# The TypeError texts of wrong calls to asyncio's callables that CPython
# writes in Python (ceval's missing_arguments and too_many_positional):
# every missing argument is named ("'exc' and 'tb'", "'a', 'b', and 'c'"),
# and a function with optional positionals takes "from 1 to 2".
import asyncio


async def main():
    lock = asyncio.Lock()
    loop = asyncio.get_running_loop()
    calls = [
        lambda: lock.__aexit__(None),
        lambda: lock.__aexit__(),
        lambda: asyncio.sleep(1, 2, 3),
        lambda: asyncio.sleep(),
        lambda: asyncio.wait_for(),
        lambda: asyncio.wait_for(1, 2, 3),
        lambda: asyncio.Queue().put(),
        lambda: loop.call_later(),
        lambda: asyncio.shield(),
        lambda: asyncio.Event().wait(1),
        lambda: asyncio.Condition().wait_for(),
        lambda: asyncio.wait(),
        lambda: asyncio.Semaphore(1, 2, 3),
        lambda: asyncio.Lock().acquire(1),
        lambda: asyncio.Queue().put_nowait(),
    ]
    for call in calls:
        try:
            result = call()
        except TypeError as e:
            print("TypeError:", e)
        else:
            print("ok", type(result).__name__)
            if asyncio.iscoroutine(result):
                result.close()
    await asyncio.sleep(0.1)
    try:
        await asyncio.sleep(0.1, "result", None)
    except TypeError as e:
        print("awaited:", e)
    print("done at", loop.time())


asyncio.run(main())
