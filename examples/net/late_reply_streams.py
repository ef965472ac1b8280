# A late reply read by the next request, on streams (start_server,
# open_connection): the client gives up on a slow reply (wait_for) but
# keeps using the connection, so the next readline() returns the previous
# request's answer. The stream twin of late_reply.py.
import asyncio

handlers_done = []

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


async def call(reader, writer, req):
    writer.write(req.encode() + b"\n")
    await writer.drain()
    try:
        line = await asyncio.wait_for(reader.readline(), 0.05)
    except asyncio.TimeoutError:
        return None                               # BUG: the reply may still come
    return line.decode().strip()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for req in ["a", "b", "c"]:
        reply = await call(reader, writer, req)
        print("request", req, "reply", reply)
        if reply is not None:
            assert reply == "answer:" + req, f"{req!r} got {reply!r}"
        await asyncio.sleep(0.1)
    writer.close()
    await writer.wait_closed()
    while len(handlers_done) < 1:             # every handler saw its EOF
        await asyncio.sleep(0.01)
    server.close()
    await server.wait_closed()


asyncio.run(main())
