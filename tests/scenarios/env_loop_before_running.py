# Tasks and gathers made before the loop runs, as older programs do:
# ensure_future() and gather() outside a running loop take the current
# loop (set_event_loop), then run_until_complete drives them.
import asyncio


async def work(i):
    await asyncio.sleep(i / 10)
    print("work", i)
    return i


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
tasks = [asyncio.ensure_future(work(i)) for i in range(3)]
print("before:", [t.done() for t in tasks])
g = asyncio.gather(*tasks)
g.add_done_callback(lambda f: print("gathered", f.result()))
both = asyncio.gather(work(5), tasks[0])
print(loop.run_until_complete(both))
print("after:", g.done(), loop.is_running())
loop.close()
asyncio.set_event_loop(None)
try:
    asyncio.ensure_future(work(9))
except RuntimeError as e:
    print("no loop:", e)
