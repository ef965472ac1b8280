# late_reply.py, fixed: after a timeout the connection is in an unknown
# state, so the client drops it and opens a new one for the next request.
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
    while True:
        req = await read_line(loop, conn)
        if req is None:
            conn[0].close()
            return
        await asyncio.sleep(0.01)                 # the work
        try:
            await loop.sock_sendall(conn[0], ("answer:" + req + "\n").encode())
        except BrokenPipeError:
            conn[0].close()
            return


def connect(loop, servers):
    c, s = socket.socketpair()
    servers.append(asyncio.create_task(server(loop, [s, ""])))
    return [c, ""]


async def call(loop, conn, req):
    await loop.sock_sendall(conn[0], (req + "\n").encode())
    try:
        return await asyncio.wait_for(read_line(loop, conn), 0.05)
    except asyncio.TimeoutError:
        return None


async def main():
    loop = asyncio.get_running_loop()
    servers = []
    conn = connect(loop, servers)
    for req in ["a", "b", "c"]:
        reply = await call(loop, conn, req)
        print("request", req, "reply", reply)
        if reply is None:
            conn[0].close()                       # never reuse a timed-out connection
            conn = connect(loop, servers)
        else:
            assert reply == "answer:" + req, f"{req!r} got {reply!r}"
        await asyncio.sleep(0.1)
    conn[0].close()
    await asyncio.gather(*servers)


asyncio.run(main())
