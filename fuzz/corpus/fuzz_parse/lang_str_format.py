import asyncio

async def main():
    rows = [("alice", 3, 1.5), ("bob", 12, 22.25)]
    for name, n, v in rows:
        print("{:<8}|{:>4}|{:8.2f}|".format(name, n, v))
    print("{0[1]} {1[k]} {name}".format([1, 2], {"k": "v"}, name="x"))
    print("{:{w}.{p}f}".format(3.14159, w=10, p=3))
    print("%5.1f%% of %s" % (42.123, "total"), "%-6s|" % "ab", "%03d" % 7)
    print(f"{'x':*^9}", f"{12345:_}", f"{255:08b}", f"{-3:+d}", f"{3:+d}")

asyncio.run(main())
