# Hashing code written with Python's unbounded ints: 64-bit FNV-1a and a
# polynomial rolling hash kept in range with masks and moduli, consistent
# hashing on a ring, and big ints as dict and set keys equal to small ints
# and floats. (hash() values themselves are not printed: they depend on
# the machine word, and Pyodide's CPython is 32-bit.)
import asyncio

MASK64 = (1 << 64) - 1
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MERSENNE61 = (1 << 61) - 1


def fnv1a_64(data):
    h = FNV_OFFSET
    for ch in data:
        h ^= ord(ch)
        h = (h * FNV_PRIME) & MASK64
    return h


def rolling(data, base=257):
    h = 0
    for ch in data:
        h = (h * base + ord(ch)) % MERSENNE61
    return h


def unmasked(data):
    # Without a mask the value keeps growing: Python does not wrap.
    h = FNV_OFFSET
    for ch in data:
        h = (h ^ ord(ch)) * FNV_PRIME
    return h


async def worker(name, keys, ring, out):
    for key in keys:
        h = fnv1a_64(key)
        owner = ring[0][1]
        for point, node in ring:
            if point >= h:
                owner = node
                break
        out.append((key, name, owner, hex(h)))
        await asyncio.sleep(0)


async def main():
    for word in ("", "a", "foobar", "asyncio", "simloop"):
        print(repr(word), fnv1a_64(word), hex(fnv1a_64(word)), rolling(word))
    u = unmasked("hello world")
    print(u.bit_length(), u & MASK64 == fnv1a_64("hello world"), u % 1000003, u >> 400)
    ring = sorted((fnv1a_64("node-%d" % i), "node-%d" % i) for i in range(4))
    print([(hex(p), n) for p, n in ring])
    out = []
    await asyncio.gather(worker("w1", ["k1", "k2", "k3"], ring, out),
                         worker("w2", ["k4", "k5", "k6"], ring, out))
    for row in out:
        print(*row)
    # Keys that are equal compare and hash equal whatever their size or type.
    d = {2 ** 64: "big", 1: "one", 2.0 ** 70: "float"}
    d[18446744073709551616] = "big again"
    d[2 ** 70] = "int replaces float's value"
    d[1.0] = "float one"
    print(d, len(d))
    s = {2 ** 100, 2.0 ** 100, 2 ** 100 + 0, -(2 ** 100), 10 ** 30}
    print(len(s), sorted(s), 2 ** 100 in s, 2 ** 100 + 1 in s, 1e30 in s, 10 ** 30 in s)
    print(hash(2 ** 64) == hash(2.0 ** 64), hash(-(2 ** 80)) == hash(-(2.0 ** 80)),
          hash(2 ** 80 + 1) == hash(2.0 ** 80), hash(12345) == 12345, hash(-1), hash(True))
    counts = {}
    for k in [2 ** 64, 2 ** 64 + 1, 2.0 ** 64, 18446744073709551616, 2 ** 64 + 1]:
        counts[k] = counts.get(k, 0) + 1
    print(counts)


asyncio.run(main())
