# bytearray and memoryview, as much as recv_into and BufferedProtocol programs
# use: construction, len, indexing, slicing, slice assignment and deletion,
# append/extend/clear/decode, bytes(), ==, in, iteration, views that write
# through, read-only views, release (a held export refuses a resize:
# BufferError), a with block, and the errors CPython raises.
import asyncio


async def main():
    b = bytearray(5)
    print(b, len(b), bytearray(b"abc"), bytearray(), bytearray("hé", "utf-8"), bytearray([1, 2, 255]))
    b[0] = 65
    b[1:3] = b"xyz"
    print(b, b[0], b[-1], b[1:4], bytes(b), b == b"Axyz\x00\x00", bytearray(b"a") == bytearray(b"a"))
    del b[:2]
    print(b, len(b))
    b.extend(b"!!")
    b.append(63)
    print(b, b.decode(), 120 in b, b"yz" in b, list(b)[:3])
    m = memoryview(b)
    print(len(m), m[0], bytes(m[1:3]), m.nbytes, m.readonly, m.tobytes())
    m[0:2] = b"QQ"
    print(b)
    try:
        b.extend(b"more")
    except BufferError as e:
        print("BufferError", e)
    m.release()
    b.extend(b"more")
    print(b)
    try:
        len(m)
    except ValueError as e:
        print("ValueError", e)
    r = memoryview(b"readonly")
    try:
        r[0] = 1
    except TypeError as e:
        print("TypeError", e)
    try:
        memoryview(b)[0:2] = b"abc"
    except ValueError as e:
        print("ValueError", e)
    with memoryview(b) as mv:
        print(bytes(mv[-4:]), mv[:0].tobytes())
    try:
        memoryview(3)
    except TypeError as e:
        print("TypeError", e)
    try:
        hash(b)
    except TypeError as e:
        print("TypeError", e)
    try:
        b[100]
    except IndexError as e:
        print("IndexError", e)
    try:
        b[0] = 300
    except ValueError as e:
        print("ValueError", e)
    print(type(b).__name__, type(m).__name__, isinstance(b, bytearray), bool(bytearray()))
    buf = bytearray(8)
    view = memoryview(buf)
    view[2:5] = b"abc"
    print(buf, bytes(view[2:5]), view[2:5] == b"abc")


asyncio.run(main())
