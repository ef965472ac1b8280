# random.seed() and random.Random() without an argument take a `seed`
# decision each (the OS entropy of a real process): default 0, varied by
# exploration, replayed by the oracle. Called from a task, the decision is
# taken at that step.
import asyncio
import random

print(random.random())
random.seed()
print(random.random())
r = random.Random()
print(r.random(), r.randrange(100))


async def reseed(n):
    await asyncio.sleep(0.1 * n)
    random.seed()
    print("reseeded", n, random.randrange(1000))


async def main():
    await asyncio.gather(reseed(1), reseed(2))
    print(random.random())


asyncio.run(main())
