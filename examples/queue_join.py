# Queue.join() that never returns: a worker skips task_done() on one path.
#
# The worker gives each job 20 ms; a job normally takes 10 ms. When a job
# is slow the worker logs the timeout and moves on, but forgets
# task_done(), so the queue's count of unfinished jobs never reaches zero
# and `await queue.join()` waits forever.
import asyncio


async def handle(job):
    await asyncio.sleep(0.01)            # the actual work
    return job * 2


async def worker(queue, results):
    while True:
        job = await queue.get()
        try:
            results.append(await asyncio.wait_for(handle(job), timeout=0.02))
        except asyncio.TimeoutError:
            print(f"job {job} timed out")
            continue                     # BUG: no queue.task_done()
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    results = []
    w = asyncio.create_task(worker(queue, results))
    for job in range(3):
        queue.put_nowait(job)
    await queue.join()
    w.cancel()
    print(f"results {results}")


asyncio.run(main())
