# asyncio.get_event_loop() outside a running loop, per version: until 3.13
# the main thread gets a loop created on first use (with a
# DeprecationWarning on stderr from 3.12); 3.14 raises RuntimeError. Inside
# a coroutine it is the running loop. After asyncio.run (which calls
# set_event_loop) no loop is created implicitly any more.
import asyncio


async def hello(n):
    await asyncio.sleep(0.5)
    print("hello", n, asyncio.get_event_loop() is asyncio.get_running_loop())
    return n


try:
    loop = asyncio.get_event_loop()
    print("implicit loop", loop.is_running(), loop.is_closed(), asyncio.get_event_loop() is loop)
    print(loop.run_until_complete(hello(1)))
    loop.close()
    print(asyncio.get_event_loop() is loop, loop.is_closed())
except RuntimeError as e:
    print("RuntimeError", e)

print(asyncio.run(hello(2)))
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("RuntimeError", e)
