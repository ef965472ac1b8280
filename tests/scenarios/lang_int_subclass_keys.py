# int subclasses as hash keys, heap and PriorityQueue items, in %-format and str.format.
import asyncio, heapq
class Pri(int):
    def __str__(self):
        return f"P{int(self)}"
print(hash(Pri(-1)), hash(Pri(7)) == hash(7), Pri(-2**63), Pri(2**63 - 1) + 1)
h = []
for p in (Pri(3), Pri(1), Pri(2)):
    heapq.heappush(h, (p, str(p)))
print([heapq.heappop(h) for _ in range(3)])
print(max([Pri(1), Pri(5)]), min(Pri(4), 2), sorted({Pri(2): 1, Pri(1): 2}), Pri(5) in {5}, 5 in {Pri(5)})
print(Pri(5) is Pri(5), Pri(7) == Pri(7), Pri(3) != 3, -Pri(0), Pri(10) >> 1, Pri(3) << 70)
print("%s %r %d %5.1f" % (Pri(4), Pri(4), Pri(4), Pri(4)), "{0} {0!r} {0:>4}".format(Pri(9)))
async def main():
    q = asyncio.PriorityQueue()
    for p in (Pri(2), Pri(1)):
        await q.put((p, f"job{p}"))
    while not q.empty():
        print(await q.get())
asyncio.run(main())
