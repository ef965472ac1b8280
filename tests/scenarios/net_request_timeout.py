# Request/response with a timeout: the server answers the first request
# late, the client gives up (wait_for), and the late answer is still in
# the socket when the second request's reply is read.
import asyncio
import socket


async def server(loop, sock):
    for delay in (0.2, 0.0):
        req = await loop.sock_recv(sock, 100)
        print("server got", req, loop.time())
        await asyncio.sleep(delay)
        await loop.sock_sendall(sock, b"reply to " + req)


async def main():
    loop = asyncio.get_running_loop()
    c, s = socket.socketpair()
    c.setblocking(False)
    s.setblocking(False)
    srv = asyncio.create_task(server(loop, s))
    for req in (b"one", b"two"):
        await loop.sock_sendall(c, req)
        try:
            reply = await asyncio.wait_for(loop.sock_recv(c, 100), 0.1)
            print("client", req, "->", reply, loop.time())
        except asyncio.TimeoutError:
            print("client", req, "timed out", loop.time())
    await srv
    await asyncio.sleep(0.5)
    print("left over:", c.recv(100))
    c.close()
    s.close()


asyncio.run(main())
