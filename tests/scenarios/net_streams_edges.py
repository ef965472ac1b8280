# Streams at their edges: a slow reader makes drain() wait, a reply that
# comes after wait_for's timeout, readuntil/readline limits
# (LimitOverrunError, ValueError), read(n), read() to EOF, a handler that
# raises (3.12+ closes the transport and reports it).
import asyncio


async def slow_handler(reader, writer):
    cmd = await reader.readline()
    if cmd == b"slow\n":
        await asyncio.sleep(1.0)
        writer.write(b"late\n")
    elif cmd == b"flood\n":
        got = 0
        while True:
            await asyncio.sleep(0.01)
            chunk = await reader.read(30000)
            if not chunk:
                break
            got += len(chunk)
        print("flood server got", got)
        writer.write(b"done\n")
    elif cmd == b"boom\n":
        raise ValueError("handler failed")
    else:
        writer.write(b"a" * 100 + b"\n" + b"b" * 80 + b";rest")
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(slow_handler, "127.0.0.1", 0, limit=64)
    port = server.sockets[0].getsockname()[1]

    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"slow\n")
    try:
        await asyncio.wait_for(r.readline(), 0.5)
    except asyncio.TimeoutError:
        print("timed out at", asyncio.get_running_loop().time())
    print("late reply:", await r.readline())
    w.close()
    await w.wait_closed()

    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"flood\n")
    for i in range(10):
        w.write(bytes(20000))
        await w.drain()
        print("drained", i, "at", asyncio.get_running_loop().time())
    w.write_eof()
    print("reply:", await r.readline())
    w.close()

    r, w = await asyncio.open_connection("127.0.0.1", port, limit=50)
    w.write(b"other\n")
    try:
        await r.readline()
    except ValueError as e:
        print("ValueError:", e)
    try:
        await r.readuntil(b";")
    except asyncio.LimitOverrunError as e:
        print("LimitOverrunError:", e, e.consumed)
    print(len(await r.readexactly(81)), await r.read())
    print("at_eof", r.at_eof())
    w.close()

    r, w = await asyncio.open_connection("127.0.0.1", port)
    w.write(b"boom\n")
    try:
        print("after boom:", await asyncio.wait_for(r.read(), 1.0))
    except asyncio.TimeoutError:
        print("after boom: the connection stays open (3.11)")
    w.close()
    await w.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
