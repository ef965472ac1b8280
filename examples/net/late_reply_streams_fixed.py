# late_reply_streams.py fixed: a connection whose reply timed out is
# closed and a new one opened, so a late answer can never be read by the
# next request.
import asyncio

handlers_done = []
opened = [1]

async def handle(reader, writer):
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            await asyncio.sleep(0.01)             # the work
            writer.write(b"answer:" + line)
            await writer.drain()
    except ConnectionError:
        pass                                      # the client went away
    finally:
        writer.close()
        handlers_done.append(1)


async def call(conn, port, req):
    reader, writer = conn
    writer.write(req.encode() + b"\n")
    await writer.drain()
    try:
        line = await asyncio.wait_for(reader.readline(), 0.05)
    except asyncio.TimeoutError:
        writer.close()                            # FIX: never reuse it
        await writer.wait_closed()
        conn[:] = await asyncio.open_connection("127.0.0.1", port)
        opened[0] += 1
        return None
    return line.decode().strip()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    conn = list(await asyncio.open_connection("127.0.0.1", port))
    for req in ["a", "b", "c"]:
        reply = await call(conn, port, req)
        print("request", req, "reply", reply)
        if reply is not None:
            assert reply == "answer:" + req, f"{req!r} got {reply!r}"
        await asyncio.sleep(0.1)
    conn[1].close()
    await conn[1].wait_closed()
    while len(handlers_done) < opened[0]:             # every handler saw its EOF
        await asyncio.sleep(0.01)
    server.close()
    await server.wait_closed()


asyncio.run(main())
