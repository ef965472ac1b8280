# sys.exit() inside a task: Task.__step stores the SystemExit and re-raises it,
# Handle._run lets it through, so it leaves the loop in the middle of a step
# (the handles after it stay ready); asyncio.run's close() then cancels the
# remaining tasks (the main task wakes from the leftover wakeup, cancelled)
# and the SystemExit reaches the caller with its code.
import asyncio
import sys


async def other():
    try:
        await asyncio.sleep(10)
    finally:
        print("other cleanup")


async def worker():
    await asyncio.sleep(0.1)
    print("worker exits")
    sys.exit(3)


async def main():
    asyncio.create_task(other())
    t = asyncio.create_task(worker())
    try:
        await t
    finally:
        print("main finally")


try:
    asyncio.run(main())
except SystemExit as e:
    print("SystemExit", e.code)
print("after")
