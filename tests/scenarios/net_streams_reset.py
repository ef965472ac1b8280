# A peer reset mid-stream under streams (docs/io.md "Faults"). Under the
# default schedule every exchange completes; under `--faults` schedules a
# write may reset the connection: the reader's read() raises
# ConnectionResetError (the protocol's connection_lost(exc) sets it on the
# StreamReader), drain() raises it too, or the reader sees the end of the
# stream (a write to a peer that is gone: BrokenPipeError). Every outcome
# is printed with the time, so the traces show which one each side saw.
import asyncio

handlers = []                         # the server's handler tasks


async def handle(reader, writer):
    handlers.append(asyncio.current_task())
    name = "server"
    try:
        while True:
            data = await reader.read(100)
            if not data:
                print(name, "eof", reader.at_eof(), asyncio.get_running_loop().time())
                break
            writer.write(b"ok " + data)
            await writer.drain()
    except ConnectionError as e:
        print(name, "reset:", type(e).__name__, e, asyncio.get_running_loop().time())
        print(name, "exception() is", type(reader.exception()).__name__)
    writer.close()
    try:
        await writer.wait_closed()
    except ConnectionError as e:
        print(name, "wait_closed:", type(e).__name__)


async def client(port, name, n):
    loop = asyncio.get_running_loop()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for i in range(n):
        try:
            writer.write(f"{name}-{i};".encode())
            await writer.drain()
            reply = await reader.read(100)
        except ConnectionError as e:
            print(name, "reset:", type(e).__name__, e, loop.time())
            break
        if not reply:
            print(name, "server went away", reader.at_eof(), loop.time())
            break
        print(name, "got", reply, loop.time())
    print(name, "closing, is_closing", writer.is_closing())
    writer.close()
    try:
        await writer.wait_closed()
    except ConnectionError as e:
        print(name, "wait_closed:", type(e).__name__)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    await asyncio.gather(client(port, "a", 4), client(port, "b", 3))
    await asyncio.gather(*handlers)       # 3.11's wait_closed does not wait for them
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
