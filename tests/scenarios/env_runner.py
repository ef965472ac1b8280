# asyncio.Runner: several run() calls on one loop, get_loop(), the context
# manager's close() (cancel the rest, shutdown_asyncgens,
# shutdown_default_executor), and a closed Runner refusing.
import asyncio


async def background():
    try:
        await asyncio.sleep(10)
    finally:
        print("background cancelled at", asyncio.get_running_loop().time())


async def step(n):
    await asyncio.sleep(0.1 * n)
    print("step", n, asyncio.get_running_loop().time())
    if n == 1:
        asyncio.create_task(background())
    return n * 10


with asyncio.Runner() as runner:
    loop = runner.get_loop()
    print(loop is asyncio.get_event_loop(), loop.is_running())
    print(runner.run(step(1)))
    print(runner.run(step(2)))
    print(loop.run_until_complete(step(3)))
    try:
        runner.run(42)
    except (ValueError, TypeError) as e:  # 3.14: TypeError
        print(type(e).__name__, e)
print("closed", loop.is_closed())
try:
    runner.run(step(4))
except RuntimeError as e:
    print("RuntimeError", e)
runner.close()

r = asyncio.Runner()
print(r.run(asyncio.to_thread(sum, [1, 2, 3])))
r.close()
print(asyncio.run(step(5)))
