# Bad input on streams, as CPython reports it: a port nobody listens on
# (ConnectionRefusedError "Connect call failed"), by address and by
# localhost; a name with no DNS (socket.gaierror); a server on an address
# that is not this host's (3.11: the bind error; 3.12+: skipped, then
# "could not bind on any address").
import asyncio
async def main():
    try:
        await asyncio.open_connection('127.0.0.1', 1)
    except Exception as e:
        print(type(e).__name__, e, e.errno)
    loop = asyncio.get_running_loop()
    try:
        await loop.create_connection(asyncio.Protocol, 'localhost', 1)
    except Exception as e:
        print(type(e).__name__, e, e.errno)
    try:
        await asyncio.open_connection('example.invalid', 1)
    except Exception as e:
        print(type(e).__name__, e, e.errno)
    try:
        await asyncio.start_server(lambda r, w: None, '10.1.2.3', 0)
    except Exception as e:
        print(type(e).__name__, e, e.errno)
asyncio.run(main())
