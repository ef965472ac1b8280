# The simulated environment's random: CPython's Mersenne Twister bit for
# bit. The module is seeded by a `seed` decision before the body runs
# (0 by default), then reseeded with ints (negative, 64-bit), str and bytes
# (sha512 version 2), and every method is drawn from, at module level and
# from tasks that interleave on the virtual clock.
import asyncio
import random
from random import randint, Random

print("first draws", random.random(), random.randrange(1000))

for seed in (0, 1, 42, -42, 2**32, 9223372036854775807, "simloop", "", b"\x00\x01", "héllo"):
    random.seed(seed)
    print(repr(seed), random.random(), random.getrandbits(7), random.getrandbits(33),
          random.getrandbits(63))

random.seed(7)
print(randint(1, 6), randint(-5, 5), random.randrange(10), random.randrange(3, 30, 4),
      random.randrange(20, 3, -3), random.randrange(-10, -1))
print(random.choice("abcdef"), random.choice([1, 2, 3]), random.choice((None, True)))
xs = list(range(12))
random.shuffle(xs)
print(xs)
print(random.sample(range(100), 7), random.sample(["a", "b", "c", "d"], 4))
print(random.sample(range(10000), 40))
print(random.sample("xyz", k=2, counts=[1, 5, 2]))
print(random.choices("abc", k=6), random.choices([1, 2, 3], [1, 5, 10], k=4))
print(random.choices(range(5), cum_weights=[1, 1.5, 4, 4, 9], k=5))
print(random.uniform(1, 3), random.uniform(2.5, -1.0))
print(random.gauss(), random.gauss(5, 2), random.gauss(mu=1.0, sigma=0.5))
print(random.expovariate(2), random.expovariate(0.5))

r1, r2 = Random(5), random.Random("five")
print(r1.random(), r2.random(), r1.randint(0, 9), r2.choice("qwerty"))
r1.seed(5)
print(r1.random())

for bad in (lambda: random.choice([]), lambda: random.randrange(0), lambda: random.randrange(5, 5),
            lambda: random.sample([1, 2], 3), lambda: random.sample({1, 2}, 1),
            lambda: random.choices([1, 2], [0, 0]), lambda: random.seed([1]),
            lambda: random.getrandbits(-1), lambda: random.randrange(1, 10, 0)):
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)


async def jitter(name, base):
    for attempt in range(3):
        delay = base * 2 ** attempt + random.uniform(0, 0.1)
        await asyncio.sleep(delay)
        print(name, attempt, round(delay, 6), random.randint(0, 99))


async def main():
    await asyncio.gather(jitter("a", 0.1), jitter("b", 0.1), jitter("c", 0.05))
    print("done", random.random())


asyncio.run(main())
