# A pooled connection the server has closed: the server closes a used
# connection after 0.1 s idle; the client reuses its pooled connection
# after 0.09 s. When the request reaches the server late, the server has
# already closed it and the client reads the end of the stream.
import asyncio
import socket


async def read_line(loop, conn):
    # conn = [socket, text received but not yet returned]
    while "\n" not in conn[1]:
        data = await loop.sock_recv(conn[0], 1024)
        if not data:
            return None
        conn[1] += data.decode()
    line, conn[1] = conn[1].split("\n", 1)
    return line


async def server(loop, conn):
    idle_limit = None                             # a new connection waits for its request
    while True:
        try:
            req = await asyncio.wait_for(read_line(loop, conn), idle_limit)
        except asyncio.TimeoutError:
            print("server: idle connection closed", loop.time())
            conn[0].close()
            return
        if req is None:
            conn[0].close()
            return
        idle_limit = 0.1                          # then closes after 0.1 s idle
        await loop.sock_sendall(conn[0], ("ok " + req + "\n").encode())


async def main():
    loop = asyncio.get_running_loop()
    c, s = socket.socketpair()
    srv = asyncio.create_task(server(loop, [s, ""]))
    pool = [[c, ""]]
    for req in ["1", "2", "3"]:
        conn = pool.pop()
        await loop.sock_sendall(conn[0], (req + "\n").encode())
        reply = await read_line(loop, conn)       # BUG: no retry on a closed connection
        assert reply is not None, f"request {req!r}: the pooled connection was closed"
        print("reply", reply, loop.time())
        pool.append(conn)
        await asyncio.sleep(0.09)
    pool.pop()[0].close()
    await srv


asyncio.run(main())
