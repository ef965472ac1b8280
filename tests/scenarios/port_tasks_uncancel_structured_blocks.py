# test_tasks.test_uncancel_structured_blocks: a timeout block that expires
# uncancels what it cancelled; an outer cancel that arrives inside the
# block is passed through.
import asyncio


async def make_request_with_timeout(sleep, timeout):
    task = asyncio.current_task()
    loop = task.get_loop()
    timed_out = False
    structured_block_finished = False
    outer_code_reached = False

    def on_timeout():
        nonlocal timed_out
        timed_out = True
        task.cancel()

    timeout_handle = loop.call_later(timeout, on_timeout)
    try:
        try:
            await asyncio.sleep(sleep)
        finally:
            if timed_out and task.uncancel() == 0:
                try:
                    raise TimeoutError
                except TimeoutError:
                    pass
            structured_block_finished = True
        outer_code_reached = True
    except asyncio.CancelledError:
        pass
    finally:
        timeout_handle.cancel()
    return timed_out, structured_block_finished, outer_code_reached


async def main():
    print(await make_request_with_timeout(sleep=10, timeout=0.1))
    print(await make_request_with_timeout(sleep=0, timeout=10))
    t = asyncio.create_task(make_request_with_timeout(sleep=10, timeout=10))
    await asyncio.sleep(0.1)
    t.cancel()
    print(await t, t.cancelling())
    print(asyncio.get_running_loop().time())


asyncio.run(main())
