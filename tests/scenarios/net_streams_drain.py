# A slow reader makes drain() block under streams: the writer's transport
# buffers what the connection (64 KiB) does not take; once the buffer is
# above the high-water mark the protocol pauses writing and drain() waits
# until the reader has made room and the buffer is back under the
# low-water mark (resume_writing). The server's StreamReader has a small
# limit, so it pauses reading and the connection fills. The buffer sizes
# and times show when drain() waits and when it returns.
import asyncio

handlers = []                         # the server's handler tasks


async def slow_handler(reader, writer):
    handlers.append(asyncio.current_task())
    loop = asyncio.get_running_loop()
    total = 0
    while True:
        await asyncio.sleep(0.05)
        chunk = await reader.read(20000)
        if not chunk:
            break
        total += len(chunk)
        print("server read", len(chunk), "total", total, loop.time())
    print("server eof", reader.at_eof(), total)
    writer.write(f"got {total}\n".encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    loop = asyncio.get_running_loop()
    server = await asyncio.start_server(slow_handler, "127.0.0.1", 0, limit=8192)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.transport.set_write_buffer_limits(high=30000, low=10000)
    print("limits", writer.transport.get_write_buffer_limits())
    for i in range(6):
        writer.write(bytes(30000))
        size = writer.transport.get_write_buffer_size()
        print("wrote", i, "buffered", size, loop.time())
        await writer.drain()
        print("drained", i, "buffered", writer.transport.get_write_buffer_size(), loop.time())
    writer.write_eof()
    print("reply", await reader.readline(), loop.time())
    writer.close()
    await writer.wait_closed()
    await asyncio.gather(*handlers)       # 3.11's wait_closed does not wait for them
    server.close()
    await server.wait_closed()


asyncio.run(main())
