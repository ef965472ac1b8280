# stale_pool.py, fixed: a request that finds its pooled connection closed
# (end of stream or broken pipe) is retried once on a new connection.
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
        try:
            await loop.sock_sendall(conn[0], ("ok " + req + "\n").encode())
        except BrokenPipeError:
            conn[0].close()
            return


def connect(loop, servers):
    c, s = socket.socketpair()
    servers.append(asyncio.create_task(server(loop, [s, ""])))
    return [c, ""]


async def request(loop, conn, req):
    try:
        await loop.sock_sendall(conn[0], (req + "\n").encode())
    except BrokenPipeError:
        return None
    return await read_line(loop, conn)


async def main():
    loop = asyncio.get_running_loop()
    servers = []
    pool = [connect(loop, servers)]
    for req in ["1", "2", "3"]:
        conn = pool.pop()
        reply = await request(loop, conn, req)
        if reply is None:                          # stale: retry on a new connection
            conn[0].close()
            conn = connect(loop, servers)
            reply = await request(loop, conn, req)
        assert reply == "ok " + req, f"request {req!r} got {reply!r}"
        print("reply", reply, loop.time())
        pool.append(conn)
        await asyncio.sleep(0.09)
    pool.pop()[0].close()
    await asyncio.gather(*servers)


asyncio.run(main())
