# The bytes methods a program uses on what a stream reader hands it:
# strip, split, startswith/endswith, find, count, replace, join, upper and
# lower, with ASCII-only whitespace and case, and CPython's errors.
import asyncio


async def reader(queue):
    for raw in (b"  GET /index.html HTTP/1.1\r\n", b"\tHost: example\x0b\n", b"\xe9t\xc3\xa9 \xa0\n",
                b"QUIT\n"):
        await asyncio.sleep(0.01)
        await queue.put(raw)
    await queue.put(b"")


async def handler(queue):
    log = []
    while line := await queue.get():
        bare = line.strip()
        words = bare.split()
        print(repr(bare), words, bare.lower(), bare.upper())
        print(" ", line.lstrip(b" \t"), line.rstrip(), line.rstrip(b"\n"), bare.strip(b"QT"))
        print(" ", bare.startswith(b"GET"), bare.endswith((b".1", b"x")), bare.startswith(b"E", 1),
              bare.endswith(b"T", 0, 3), bare.startswith(b""), bare.startswith(b"G", 5, 2))
        print(" ", bare.find(b"/"), bare.find(32), bare.find(b"zz"), bare.find(b"", 3),
              bare.find(b"T", -3), bare.count(b"T"), bare.count(b""), bare.count(b"e", 2, -1))
        print(" ", bare.split(b" ", 1), bare.split(b"/"), bare.split(maxsplit=1), bare.split(b"T", -1))
        print(" ", bare.replace(b"T", b"t"), bare.replace(b"", b"-", 3), bare.replace(b"E", b"", 1))
        log.append(words[0] if words else b"?")
    return b"|".join(log), b", ".join(iter([b"a", b"b"])), b"".join([])


async def main():
    queue = asyncio.Queue()
    result = await asyncio.gather(reader(queue), handler(queue))
    print(result[1])
    print(b" a  b ".split(None, 0), b"".split(), b"".split(b","), b"a,,b,".split(b","))
    print(b"abc".upper() != b"abc", b"x".strip() == b"x", b"AbC1".lower())
    bad = [lambda: b"a".strip("a"), lambda: b"a".split(""), lambda: b"a".split(b""),
           lambda: b"a".startswith("a"), lambda: b"a".endswith(("a",)), lambda: b"a".find("a"),
           lambda: b"a".find(256), lambda: b"a".replace("a", b"b"), lambda: b"-".join([b"a", "b"]),
           lambda: b"a".upper(1), lambda: b"a".split(b",", "1"), lambda: b"a".count(),
           lambda: b"a".startswith(), lambda: b"a".find(1, 2, 3, 4), lambda: b"a".split(b",", 1, 2),
           lambda: b"a".strip(b"a", b"b"), lambda: b"a".replace(b"a")]
    for call in bad:
        try:
            call()
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)


asyncio.run(main())
