# A set of plain objects iterates in address order (their hash is their
# id): CPython mode must make that order the same in every run (no
# address-space randomisation, the same memory image in every child).
import asyncio


class Job:
    def __init__(self, n):
        self.n = n


async def work(job, done):
    await asyncio.sleep(0.001 * (job.n % 3))
    done.append(job.n)


async def main():
    jobs = {Job(i) for i in range(12)}
    print("set order:", [j.n for j in jobs])
    done = []
    await asyncio.gather(*(work(j, done) for j in jobs))
    print("done order:", done)


asyncio.run(main())
