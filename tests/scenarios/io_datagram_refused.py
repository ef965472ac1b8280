# The simulated network has no datagrams: loop.create_datagram_endpoint
# and socket.socket(AF_INET, SOCK_DGRAM) fail with the OSError the
# simulated host's socket() gives, after create_datagram_endpoint's own
# checks and resolution (ValueError, TypeError, gaierror). And programs
# written for Python 3.9 still pass loop= to open_connection and
# start_server, which hand it on to the loop's create_connection /
# create_server, whose TypeError names them.
import asyncio
import socket


class Echo(asyncio.DatagramProtocol):
    def datagram_received(self, data, addr):
        print("received", data, addr)


async def attempt(label, make):
    try:
        await make()
    except (OSError, ValueError, TypeError) as e:
        print(label, type(e).__name__, e)


async def main():
    loop = asyncio.get_running_loop()
    print(socket.SOCK_DGRAM, socket.SOCK_RAW)
    await attempt("local", lambda: loop.create_datagram_endpoint(Echo, local_addr=("127.0.0.1", 9999)))
    await attempt("remote", lambda: loop.create_datagram_endpoint(Echo, remote_addr=("localhost", 9)))
    await attempt("family", lambda: loop.create_datagram_endpoint(Echo, family=socket.AF_INET))
    await attempt("nothing", lambda: loop.create_datagram_endpoint(Echo))
    await attempt("not a pair", lambda: loop.create_datagram_endpoint(Echo, local_addr="127.0.0.1"))
    await attempt("unknown host", lambda: loop.create_datagram_endpoint(
        Echo, remote_addr=("no-such-host.invalid", 9)))
    try:
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    except OSError as e:
        print("socket", type(e).__name__, e)
    try:
        await asyncio.open_connection("127.0.0.1", 8888, loop=loop)
    except TypeError as e:
        print("open_connection", e)
    try:
        await asyncio.start_server(lambda r, w: None, "127.0.0.1", 8888, loop=loop)
    except TypeError as e:
        print("start_server", e)


asyncio.run(main())
