# test_tasks.test_task_awaits_on_itself: awaiting the current task raises
# RuntimeError inside it (scheduled as an error step).
import asyncio


async def selfish():
    t = asyncio.current_task()
    try:
        await t
    except RuntimeError as e:
        print("RuntimeError", str(e).startswith("Task cannot await on itself"))
    return "ok"


async def main():
    t = asyncio.create_task(selfish())
    print(await t)


asyncio.run(main())
