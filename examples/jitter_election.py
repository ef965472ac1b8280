# Leader election with jittered retries. Each candidate waits a random
# backoff, then checks the shared store and claims leadership; writing the
# claim takes a round trip, during which the store still looks empty. Two
# candidates whose jitter draws collide both see no leader: split brain.
# Whether it happens depends on the random draws, that is on the seed
# simloop gives random (a `seed` decision): the default seed 0 is fine,
# some seeds are not. `simloop explore` varies the seed and finds one.
import asyncio
import random

leader = None


async def claim(name):
    global leader
    await asyncio.sleep(0)  # the write's round trip to the store
    assert leader is None, f"split brain: {name} and {leader} both lead"
    leader = name


async def candidate(name):
    for attempt in range(3):
        backoff = random.randint(1, 4) / 10  # jitter: 0.1 .. 0.4 s
        await asyncio.sleep(backoff)
        if leader is None:
            await claim(name)
            print(f"{name} leads after {attempt + 1} tries")
            return
        if leader != name:
            print(f"{name} follows {leader}")
            return


async def main():
    await asyncio.gather(candidate("a"), candidate("b"), candidate("c"))
    print("leader:", leader)


asyncio.run(main())
