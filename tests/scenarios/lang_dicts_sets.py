import asyncio

async def main():
    d = {"a": 1, "b": 2}
    d["c"] = 3
    print(d, d.get("a"), d.get("z"), d.get("z", 0), len(d), "a" in d)
    print(list(d.keys()), list(d.values()), list(d.items()))
    print(d.setdefault("d", 4), d.pop("a"), d.pop("zz", None), d)
    for k, v in d.items():
        print(k, v)
    del d["b"]
    d.update({"e": 5}, f=6)
    print(d, sorted(d), dict(zip("xy", [1, 2])))
    counts = {}
    for w in "the cat the hat".split():
        counts[w] = counts.get(w, 0) + 1
    print(counts)
    s = {1, 2, 3}
    s.add(4)
    s.discard(1)
    print(s, 2 in s, s | {9}, s & {2, 3}, s - {4}, len(s))
    try:
        d["missing"]
    except KeyError as e:
        print("KeyError", e, repr(e))

asyncio.run(main())
