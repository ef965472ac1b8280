# The older loop API on the one virtual clock: loop.run_until_complete,
# run_forever/stop, close/is_closed, shutdown_asyncgens,
# shutdown_default_executor, new_event_loop/set_event_loop, and several
# asyncio.run calls in one program (the clock goes on).
import asyncio
import time


async def work(name, delay):
    await asyncio.sleep(delay)
    print(name, "at", asyncio.get_running_loop().time(), time.monotonic())
    return name * 2


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(loop.is_running(), loop.is_closed(), asyncio.get_event_loop() is loop)
print(loop.run_until_complete(work("a", 0.5)))
t = loop.create_task(work("b", 0.25))
print(loop.run_until_complete(t), t.done())


async def both():
    return await asyncio.gather(work("c", 0.1), work("cc", 0.2))


print(loop.run_until_complete(both()))
loop.call_later(0.3, loop.stop)
loop.call_soon(print, "soon")
loop.run_forever()
print("stopped at", loop.time())
loop.run_until_complete(loop.shutdown_asyncgens())
loop.run_until_complete(loop.shutdown_default_executor())
loop.close()
print(loop.is_closed())
loop.close()
try:
    loop.run_until_complete(work("d", 0))
except RuntimeError as e:
    print("RuntimeError", e)
asyncio.set_event_loop(None)
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("RuntimeError", e)


async def main(n):
    await asyncio.sleep(1)
    print("run", n, time.monotonic(), asyncio.current_task().get_name())
    return n


print(asyncio.run(main(1)))
print(asyncio.run(main(2)))
loop2 = asyncio.new_event_loop()
print(loop2.run_until_complete(work("e", 2)), loop2.time())
loop2.close()
print("end", time.monotonic())
