# stale_pool_streams.py, fixed: a request that finds its pooled connection
# closed (the end of the stream, or a reset) is retried once on a new
# connection.
import asyncio

handlers = []                                     # the server's handler tasks


async def handle(reader, writer):
    handlers.append(asyncio.current_task())
    idle_limit = None                             # a new connection waits for its request
    try:
        while True:
            try:
                req = await asyncio.wait_for(reader.readline(), idle_limit)
            except asyncio.TimeoutError:
                print("server: idle connection closed", asyncio.get_running_loop().time())
                break
            if not req:
                break
            idle_limit = 0.1                      # then closes after 0.1 s idle
            writer.write(b"ok " + req)
            await writer.drain()
    except ConnectionError:
        pass                                      # the client went away
    writer.close()


async def request(conn, req):
    reader, writer = conn
    try:
        writer.write(req.encode() + b"\n")
        await writer.drain()
        return await reader.readline()
    except ConnectionError:
        return b""


async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    pool = [await asyncio.open_connection("127.0.0.1", port)]
    for req in ["1", "2", "3"]:
        conn = pool.pop()
        reply = await request(conn, req)
        if not reply:                             # FIX: stale, retry on a new connection
            conn[1].close()
            try:
                await conn[1].wait_closed()
            except ConnectionError:
                pass                              # it broke: wait_closed says how
            conn = await asyncio.open_connection("127.0.0.1", port)
            reply = await request(conn, req)
        assert reply == ("ok " + req + "\n").encode(), f"request {req!r} got {reply!r}"
        print("reply", reply.decode().strip(), loop.time())
        pool.append(conn)
        await asyncio.sleep(0.09)
    reader, writer = pool.pop()
    writer.close()
    await writer.wait_closed()
    await asyncio.gather(*handlers)               # each saw its connection end
    server.close()
    await server.wait_closed()


asyncio.run(main())
