# Bad input at the network's edges gets CPython's exceptions: binding an
# address that is not this host's (directly and through start_server,
# whose wording changed in 3.12), connecting to a port nobody listens on,
# and descriptors the program did not get from the simulated host (a
# number that is not open: epoll's EBADF; stdin/stdout: not sockets, and
# not watchable in a simulation); something that is not a socket given to
# the loop's sock_* coroutines.
import asyncio
import socket


async def attempt(what, coro):
    try:
        await coro
        print(what, "ok")
    except Exception as e:
        print(what, type(e).__name__, e)


def call(what, fn, *args, **kwargs):
    try:
        print(what, "->", fn(*args, **kwargs))
    except Exception as e:
        print(what, type(e).__name__, e)


async def main():
    loop = asyncio.get_running_loop()
    s = socket.socket()
    call("bind 10.0.0.1", s.bind, ("10.0.0.1", 8080))
    call("bind 192.168.1.5", s.bind, ("192.168.1.5", 0))
    s.close()
    await attempt("start_server 10.0.0.1", asyncio.start_server(lambda r, w: None, "10.0.0.1", 0))
    await attempt("open_connection to a closed port",
                  asyncio.open_connection("127.0.0.1", 9))
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen()
    port = lsock.getsockname()[1]
    lsock.close()
    await attempt("open_connection after the listener closed",
                  asyncio.open_connection("127.0.0.1", port))
    call("add_reader(50)", loop.add_reader, 50, print, "never")
    call("add_writer(77)", loop.add_writer, 77, print, "never")
    call("remove_reader(50)", loop.remove_reader, 50)
    call("add_reader(0)", loop.add_reader, 0, print, "stdin")
    call("add_writer(1)", loop.add_writer, 1, print, "stdout")
    call("socket(fileno=0)", socket.socket, fileno=0)
    call("socket(fileno=40)", socket.socket, fileno=40)
    a, b = socket.socketpair()
    a.close()
    call("add_reader(closed fd)", loop.add_reader, a.fileno() if a.fileno() >= 0 else 3, print)
    await attempt("sock_recv(99)", loop.sock_recv(99, 10))
    await attempt("sock_sendall(5)", loop.sock_sendall(5, b"x"))
    await attempt("sock_connect('x')", loop.sock_connect("x", ("127.0.0.1", 1)))
    b.setblocking(False)
    await attempt("sock_sendall(peer closed)", loop.sock_sendall(b, b"x"))
    b.close()
    await attempt("sock_recv(closed)", loop.sock_recv(b, 10))


asyncio.run(main())
