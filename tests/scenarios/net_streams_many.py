# Many connections accepted in one step, each half closed: five clients
# connect at once (one _accept_connection accepts them all), send a
# request and write_eof(); the server reads to EOF, answers on the still
# open direction and closes.
import asyncio

accepted = []


async def handle(reader, writer):
    accepted.append(asyncio.get_running_loop().time())
    data = await reader.read()
    print("server read", data, "eof", reader.at_eof())
    writer.write(b"len=" + str(len(data)).encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(i, port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"x" * i)
    writer.write_eof()
    print("client", i, "can_write_eof", writer.can_write_eof(), "closing", writer.is_closing())
    reply = await reader.read()
    print("client", i, "reply", reply)
    writer.close()
    await writer.wait_closed()
    return reply


async def main():
    server = await asyncio.start_server(handle, "localhost", 0, backlog=10)
    host, port = server.sockets[0].getsockname()
    print("listening on", host)
    replies = await asyncio.gather(*(client(i, port) for i in range(1, 6)))
    print(replies)
    print("accepted at", accepted)
    server.close()
    await server.wait_closed()
    print("serving", server.is_serving())


asyncio.run(main())
