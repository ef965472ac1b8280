import asyncio

class JobFailed(Exception):
    def __init__(self, job, reason):
        super().__init__(f"job {job}: {reason}")
        self.job = job

async def run_job(i):
    await asyncio.sleep(0.1)
    if i == 2:
        raise JobFailed(i, "disk full")
    print("job", i, "ok")

async def main():
    for i in range(4):
        await run_job(i)

asyncio.run(main())
