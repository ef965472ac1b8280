# A pooled connection the server has closed, on streams: the server closes
# a used connection after 0.1 s idle; the client reuses its pooled
# connection after 0.09 s. When the request reaches the server late, the
# server has already closed it and the client reads the end of the stream.
# The stream twin of stale_pool.py.
import asyncio

handlers = []                                     # the server's handler tasks


async def handle(reader, writer):
    handlers.append(asyncio.current_task())
    idle_limit = None                             # a new connection waits for its request
    while True:
        try:
            req = await asyncio.wait_for(reader.readline(), idle_limit)
        except asyncio.TimeoutError:
            print("server: idle connection closed", asyncio.get_running_loop().time())
            break
        if not req:
            break
        idle_limit = 0.1                          # then closes after 0.1 s idle
        writer.write(b"ok " + req)
        await writer.drain()
    writer.close()


async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    pool = [await asyncio.open_connection("127.0.0.1", port)]
    for req in ["1", "2", "3"]:
        reader, writer = pool.pop()
        writer.write(req.encode() + b"\n")
        await writer.drain()
        reply = await reader.readline()           # BUG: no retry on a closed connection
        assert reply, f"request {req!r}: the pooled connection was closed"
        print("reply", reply.decode().strip(), loop.time())
        pool.append((reader, writer))
        await asyncio.sleep(0.09)
    reader, writer = pool.pop()
    writer.close()
    await writer.wait_closed()
    await asyncio.gather(*handlers)               # each saw its connection end
    server.close()
    await server.wait_closed()


asyncio.run(main())
