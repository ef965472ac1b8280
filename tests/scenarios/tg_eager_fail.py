# research 6.4 (gh-128550): with the eager task factory, a child failing
# during create_task: 3.12/3.13.0 call _on_task_done synchronously
# (cancelling() is 1 at once); 3.13.2+/3.14 schedule it (0).
import asyncio


async def fail_now():
    raise ValueError("now")


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_now())
            print("cancelling", asyncio.current_task().cancelling())
            await asyncio.sleep(0)
    except* ValueError:
        print("failed")


asyncio.run(main())
