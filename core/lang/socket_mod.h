/* The `socket` module of the scenario language: simulated sockets only
 * (docs/io.md). A socket object is a descriptor of the simulated network
 * (core/io/backend.h); a real OS socket is never created.
 *
 * Ownership: a socket object owns nothing but its descriptor number; it
 * does not close the descriptor when freed (close() does), so when it
 * disappears never depends on reference counting. */
#ifndef SL_LANG_SOCKET_MOD_H
#define SL_LANG_SOCKET_MOD_H

#include "core/object.h"

extern const sl_type sl_socket_type;

typedef struct sl_socket {
  sl_obj hdr;
  int fd;     /* -1 once closed */
  int family; /* SL_AF_* */
  int proto;  /* 0, or IPPROTO_TCP (6) for sockets made from getaddrinfo() */
  bool blocking;
  sl_value connecting_to; /* owned: the address of a connect in progress
                             (SL_V_UNDEF when none), for the SO_ERROR text */
} sl_socket;

static inline sl_socket *sl_as_socket(sl_obj *o) { return (sl_socket *)o; }

/* `import socket`: a new reference to the module in *out. */
int sl_socket_module_new(sl_rt *rt, sl_value *out);

/* Raises the exception CPython raises for the negative errno `err`
 * (BlockingIOError, BrokenPipeError, ...). Returns -1. */
int sl_socket_raise_errno(sl_rt *rt, long err);
/* The same with CPython's message instead of strerror's (OSError(errno, msg)). */
int sl_socket_raise_errno_msg(sl_rt *rt, long err, const char *message);

/* sock.send(data) / sock.recv(n) as the methods do: 0 and *out (new ref:
 * an int / bytes), or -1 with the exception raised. */
int sl_socket_send(sl_rt *rt, sl_obj *sock, sl_value data, sl_value *out);
int sl_socket_recv(sl_rt *rt, sl_obj *sock, int64_t n, sl_value *out);
/* sock.recv_into(buffer, nbytes): reads into a writable bytes-like buffer
 * (bytearray, memoryview of one); *out the count (an int). */
int sl_socket_recv_into(sl_rt *rt, sl_obj *sock, sl_value buffer, int64_t nbytes, sl_value *out);
/* socket.socket(family, SOCK_STREAM, proto): a new simulated socket (new
 * reference), or NULL with the exception raised. */
sl_obj *sl_socket_create(sl_rt *rt, int family, int proto);
/* sock.close(): 0, or -1 on a fatal error. */
int sl_socket_close(sl_rt *rt, sl_obj *sock);
/* sock.bind(address): 0 or -1 with the exception raised. */
int sl_socket_bind(sl_rt *rt, sl_obj *sock, sl_value address);
/* sock.getsockname() (peer false) / getpeername() (peer true) into *out. */
int sl_socket_name(sl_rt *rt, sl_obj *sock, bool peer, sl_value *out);
/* sock.getsockopt(SOL_SOCKET, SO_ERROR): 0 and the error in *err. */
int sl_socket_so_error(sl_rt *rt, sl_obj *sock, int *err);
/* sock.connect(address) (0 or -1) / sock.accept() (*out: (conn, address)). */
int sl_socket_connect(sl_rt *rt, sl_obj *sock, sl_value address);
int sl_socket_accept(sl_rt *rt, sl_obj *sock, sl_value *out);

/* loop.sock_recv, sock_sendall, add_reader, ...: methods of the loop
 * object (io_loop.c). 1 found, 0 not a loop I/O method, -1 error. */
int sl__io_loop_getattr(sl_rt *rt, sl_value loop, const char *name, sl_value *out);
/* _sock_connect(fut, sock, address): connects, or registers the writer
 * _sock_connect_cb that resolves fut when the connect is done. */
int sl__sock_connect_start(sl_rt *rt, sl_obj *fut, sl_value sock, sl_value address);

#endif
