# print from tasks, from plain callbacks, and outside the loop; Task-N names.
# plain-stdout
import asyncio

print("before run")


async def named():
    print("I am", asyncio.current_task().get_name())


async def main():
    loop = asyncio.get_running_loop()
    print("main is", asyncio.current_task().get_name())
    loop.call_soon(lambda: print("from a callback"))
    a = asyncio.create_task(named(), name="explicit")
    b = asyncio.create_task(named())
    print("partial", end="")
    print(" line")
    await asyncio.gather(a, b)
    print("no newline at the end", end="")


asyncio.run(main())
print()
print("after run")
