# A job and its retry both lost: an ack timeout shorter than a slow callback.
#
# A dispatcher hands jobs to a worker and waits for the acknowledgement,
# which comes back over a link with 10 ms of round trip. Two clients send
# bulk jobs, which wait up to 5 s for their ack; then one interactive job
# waits only 1 s, and is retried once before it is reported failed.
# Under default timing every ack is back in 10 ms. If the callback that
# sends the interactive job is slow (0.99 s or more: a GC pause, a swapped
# out process), its ack misses the deadline and the job is sent again; the job is
# reported failed only if the retry's send is slow as well. Two particular
# slow callbacks among a few hundred: random schedules rarely line them up.
import asyncio

LATENCY = 0.005  # each way


class Worker:
    def __init__(self, name):
        self.name = name
        self.handled = []

    def receive(self, job, ack):
        # The worker does the job at once and acknowledges it over the link.
        self.handled.append(job)
        loop = asyncio.get_running_loop()
        loop.call_later(2 * LATENCY, self.ack_arrives, ack)

    def ack_arrives(self, ack):
        if not ack.done():
            ack.set_result(self.name)


async def dispatch(worker, job, timeout, failed):
    loop = asyncio.get_running_loop()
    for attempt in (1, 2):
        ack = loop.create_future()
        loop.call_soon(worker.receive, job, ack)
        done, _ = await asyncio.wait({ack}, timeout=timeout)
        if ack in done:
            return attempt
        print(f"{job}: no ack within {timeout} s (attempt {attempt})")
    failed.append(job)
    return 0


async def client(name, worker, jobs, failed):
    retried = 0
    for job, timeout in jobs:
        if await dispatch(worker, f"{name}/{job}", timeout, failed) > 1:
            retried += 1
        await asyncio.sleep(0.005)  # think time between requests
    return retried


async def main():
    failed = []
    workers = [Worker("w1"), Worker("w2")]
    bulk = [(f"bulk{i}", 5.0) for i in range(20)]
    results = await asyncio.gather(
        client("a", workers[0], bulk, failed),
        client("b", workers[1], bulk, failed),
    )
    await asyncio.sleep(0.5)  # a quiet moment, then a user clicks
    results.append(await client("a", workers[0], [("interactive", 1.0)], failed))
    print(f"handled {sum(len(w.handled) for w in workers)} sends, retried {sum(results)}")
    assert not failed, f"jobs reported failed: {failed}"


asyncio.run(main())
