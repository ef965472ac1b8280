# bytes and bytearray methods for taking a received buffer apart: rsplit,
# partition, rpartition, splitlines, rfind, index, rindex, removeprefix,
# removesuffix and the isX predicates; bytearray's answer in bytearrays.
import asyncio


def show(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


async def main():
    reader = asyncio.StreamReader()
    reader.feed_data(b"GET /a/b/c HTTP/1.1\r\nHost: x\r\n\r\nline1\nline2\rline3\r\n")
    reader.feed_eof()
    raw = await reader.read()
    head, sep, body = raw.partition(b"\r\n\r\n")
    print(head, sep, body)
    show("splitlines", lambda: body.splitlines())
    show("splitlines keep", lambda: body.splitlines(keepends=True))
    show("splitlines head", lambda: head.splitlines(True))
    show("empty splitlines", lambda: b"".splitlines())
    show("rpartition", lambda: b"/a/b/c".rpartition(b"/"))
    show("rpartition miss", lambda: b"abc".rpartition(b"x"))
    show("partition miss", lambda: b"abc".partition(b"x"))
    show("partition empty", lambda: b"abc".partition(b""))
    show("partition str", lambda: b"abc".partition("b"))
    show("rsplit", lambda: b" a  b c ".rsplit())
    show("rsplit max", lambda: b" a  b c ".rsplit(None, 1))
    show("rsplit sep", lambda: b"a,b,,c".rsplit(b",", 2))
    show("rsplit kw", lambda: b"k=v=w".rsplit(sep=b"=", maxsplit=1))
    show("rsplit empty sep", lambda: b"abc".rsplit(b""))
    show("rfind", lambda: (b"abcabc".rfind(b"bc"), b"abcabc".rfind(b"x"), b"abc".rfind(b""),
                           b"abcabc".rfind(99, 0, 4), b"abcabc".rfind(b"a", -3)))
    show("index", lambda: (b"abcabc".index(b"c"), b"abcabc".rindex(b"c")))
    show("index miss", lambda: b"abc".index(b"z"))
    show("rindex miss", lambda: b"abc".rindex(b"a", 1))
    show("removeprefix", lambda: (b"v1.2".removeprefix(b"v"), b"v1.2".removeprefix(b"x"),
                                  b"name.py".removesuffix(b".py"), b"ab".removesuffix(b"")))
    for v in (b"", b"123", b"12a", b"abc", b"ABC", b"aBc", b"a1", b" \t\n", b"\xe9", b"a b",
              b"abc1", b"ABC!"):
        print(repr(v), [v.isdigit(), v.isalpha(), v.isalnum(), v.isspace(), v.islower(),
                        v.isupper(), v.isascii()])
    buf = bytearray(b"  key: value\r\nnext\n")
    show("ba strip", lambda: buf.strip())
    show("ba split", lambda: buf.split(b":"))
    show("ba partition", lambda: buf.partition(b": "))
    show("ba splitlines", lambda: buf.splitlines())
    show("ba find", lambda: (buf.find(b"key"), buf.rfind(b"e"), buf.count(b"e")))
    show("ba upper", lambda: buf.upper())
    show("ba startswith", lambda: (buf.startswith(b"  k"), buf.endswith(b"\n")))
    show("ba replace", lambda: buf.replace(b"e", b"E", 2))
    show("ba join", lambda: bytearray(b"-").join([b"a", b"b"]))
    show("ba isdigit", lambda: (bytearray(b"42").isdigit(), bytearray(b"").isalpha()))
    show("ba hex", lambda: bytearray(b"\x01\xff").hex())
    show("ba removeprefix", lambda: buf.removeprefix(b"  "))
    show("ba index miss", lambda: buf.index(b"zz"))
    print(type(buf.lstrip()).__name__, buf)


asyncio.run(main())
