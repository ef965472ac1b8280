/* Internals shared by the loop's transports, servers and streams
 * (io_transport.c, io_server.c, io_streams.c). Not installed.
 *
 * Ownership: a transport owns its socket object, its protocol and its
 * write buffer until connection_lost ran (then the socket is closed and
 * both are dropped, as CPython sets _sock and _protocol to None). A server
 * owns its listening sockets until close(). */
#ifndef SL_LANG_IO_INT_H
#define SL_LANG_IO_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cfunc.h"
#include "core/coro.h"
#include "core/object.h"

/* selector_events._SelectorSocketTransport */
typedef struct sl_transport {
  sl_obj hdr;
  sl_value sock;      /* owned socket; None once connection_lost ran */
  int fd;             /* _sock_fd */
  sl_value protocol;  /* owned; None once connection_lost ran */
  sl_value server;    /* owned Server, or None */
  sl_obj *extra;      /* owned dict: socket, sockname, peername */
  unsigned char *buf; /* owned _buffer: bytes not sent yet */
  size_t len, cap;
  int64_t conn_lost; /* connection_lost scheduled (and writes since) */
  int64_t high, low; /* write buffer limits */
  bool closing, eof, paused, protocol_paused, protocol_connected;
  bool buffered; /* the protocol is a BufferedProtocol: _read_ready__get_buffer */
} sl_transport;

extern const sl_type sl__transport_type;
static inline sl_transport *sl__as_transport(sl_obj *o) { return (sl_transport *)o; }

/* _SelectorSocketTransport(loop, sock, protocol, waiter, extra, server):
 * new reference. `waiter` may be NULL; `peername` is SL_V_UNDEF when the
 * extra has none (then getpeername() is asked); `server` None or a
 * Server. Schedules connection_made, _add_reader and the waiter. */
sl_obj *sl__transport_new(sl_rt *rt, sl_value sock, sl_value protocol, sl_obj *waiter,
                          sl_value peername, sl_value server);
/* transport.close() */
int sl__transport_close(sl_rt *rt, sl_obj *tr);
/* transport.write(data), data borrowed (bytes). */
int sl__transport_write(sl_rt *rt, sl_obj *tr, sl_value data);
/* transport.pause_reading() / resume_reading() */
int sl__transport_pause_reading(sl_rt *rt, sl_obj *tr);
int sl__transport_resume_reading(sl_rt *rt, sl_obj *tr);
/* getattr of a transport-like object; used by the streams' writer. */
int sl__transport_call(sl_rt *rt, sl_obj *tr, const char *method, const sl_value *args,
                       size_t nargs, sl_value *out);

/* trsock.TransportSocket(sock): new reference (io_serverobj.c); its
 * type, which mod_asyncio_sub.c makes the class asyncio.trsock.TransportSocket. */
sl_obj *sl__trsock_new(sl_rt *rt, sl_value sock);
extern const sl_type sl__trsock_type;

/* base_events.Server: _attach / _detach (io_server.c). */
extern const sl_type sl__server_type;
int sl__server_attach(sl_rt *rt, sl_obj *server, sl_obj *transport);
int sl__server_detach(sl_rt *rt, sl_obj *server, sl_obj *transport);

/* loop.create_connection / create_server / getaddrinfo and the Server
 * class (io_server.c): 1 found, 0 not an I/O method, -1 error. */
int sl__io_server_getattr(sl_rt *rt, sl_value loop, const char *name, sl_value *out);

/* create_connection's keywords beyond host and port, as open_connection
 * passes them on: family=, proto=, flags=, local_addr=, server_hostname=,
 * ssl_handshake_timeout=, ssl_shutdown_timeout=, happy_eyeballs_delay=,
 * interleave= (undef when absent). */
enum { SL_CONNECT_NKW = 9 };
extern const char *const sl__connect_kw_names[SL_CONNECT_NKW];

/* The simulated resolver (io_resolve.c). sl__resolve: getaddrinfo(host,
 * port, family, SOCK_STREAM, 0, flags) on the simulated host, a new list of
 * (family, type, proto, canonname, sockaddr) in *out. sl__addrinfo_int: an
 * item's family or type as an int (they are IntEnum members). */
int sl__resolve(sl_rt *rt, sl_value host, sl_value port, int64_t family, int64_t flags,
                sl_value *out);
int64_t sl__addrinfo_int(sl_value v);
/* The body of a getaddrinfo coroutine whose slots are (host, port,
 * family, flags): loop.getaddrinfo and create_server's
 * _create_server_getaddrinfo tasks. */
enum { SL_GA_HOST, SL_GA_PORT, SL_GA_FAMILY, SL_GA_FLAGS };
sl_coro_status sl__getaddrinfo_resume(sl_rt *rt, sl_ccoro *co, sl_value *out);
/* loop.getaddrinfo (a method of the loop). */
int sl__loop_getaddrinfo(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out);
/* An int keyword argument: undef or None gives dflt. */
int sl__int_kwarg(sl_rt *rt, sl_value v, const char *what, int64_t dflt, int64_t *out);

/* A new create_connection coroutine (io_server.c); kw borrowed, in
 * sl__connect_kw_names' order. */
int sl__create_connection(sl_rt *rt, sl_value factory, sl_value host, sl_value port,
                          const sl_value *kw, sl_value *out);

/* asyncio.open_connection / asyncio.start_server (io_streams.c). */
extern const sl_cfunc_def sl__aio_open_connection_def, sl__aio_start_server_def,
    sl__aio_stream_reader_def, sl__aio_stream_writer_def;
/* StreamReader and StreamWriter instances (asyncio_objs.c makes them
 * classes: isinstance, type(), the constructors above). */
extern const sl_type sl__stream_reader_type, sl__stream_writer_type;

/* streams._DEFAULT_LIMIT: a reader's default buffer limit. */
#define SL_STREAM_DEFAULT_LIMIT (64 * 1024)

/* The StreamReader's side that StreamReaderProtocol and StreamWriter use
 * (io_stream_reader.c); `reader` is a borrowed StreamReader. new: a new
 * reference, NULL with an exception set (limit <= 0, out of memory).
 * raise_pending: raises the reader's exception if it has one (-1), else 0. */
sl_obj *sl__stream_reader_new(sl_rt *rt, int64_t limit);
void sl__stream_reader_set_transport(sl_rt *rt, sl_value reader, sl_value transport);
int sl__stream_reader_feed_data(sl_rt *rt, sl_value reader, sl_value data);
int sl__stream_reader_feed_eof(sl_rt *rt, sl_value reader);
int sl__stream_reader_set_exception(sl_rt *rt, sl_value reader, sl_value exc);
int sl__stream_reader_raise_pending(sl_rt *rt, sl_value reader);

#endif
