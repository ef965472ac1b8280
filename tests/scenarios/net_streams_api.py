# StreamReader and StreamWriter as classes (isinstance, type, repr as
# CPython prints them), `async for line in reader` (readline until b''),
# open_connection's keywords passed on to create_connection: local_addr
# (bound before connecting; a failed bind and a family without a local
# address reworded as _connect_sock does), interleave, and the ssl-only
# keywords refused without ssl.
import asyncio

handlers = []                         # the server's handler tasks


async def handle(reader, writer):
    handlers.append(asyncio.current_task())
    print(type(reader).__name__, isinstance(reader, asyncio.StreamReader),
          isinstance(writer, asyncio.StreamWriter), isinstance(reader, asyncio.StreamWriter))
    print(repr(reader))
    print(repr(writer))
    print("peer", writer.get_extra_info("peername")[0])
    async for line in reader:
        print("line", line)
    print(repr(reader))
    writer.write(b"bye\n")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(asyncio.StreamReader, asyncio.StreamWriter, asyncio.StreamReader.__name__)
    r, w = await asyncio.open_connection("127.0.0.1", port, local_addr=("127.0.0.1", 0),
                                         interleave=1)
    w.write(b"a\nb\nc")
    w.write_eof()
    print(await r.read(), repr(r))
    w.close()
    await w.wait_closed()
    tries = [dict(local_addr=("127.0.0.5", 0)), dict(local_addr=("10.0.0.1", 0)),
             dict(server_hostname="x"), dict(ssl_handshake_timeout=1.0),
             dict(local_addr=("::1", 0)), dict(local_addr=("127.0.0.1", port))]
    for kw in tries:
        try:
            r, w = await asyncio.open_connection("127.0.0.1", port, **kw)
            print(kw, "connected from", w.get_extra_info("sockname")[0])
            w.write_eof()
            print(await r.readline())
            w.close()
            await w.wait_closed()
        except Exception as e:
            print(kw, type(e).__name__, e)
    reader = asyncio.StreamReader(limit=10)
    reader.feed_data(b"x\ny\n")
    reader.feed_eof()
    print(repr(reader), [line async for line in reader], repr(reader))
    await asyncio.gather(*handlers)       # 3.11's wait_closed does not wait for them
    server.close()
    await server.wait_closed()


asyncio.run(main())
