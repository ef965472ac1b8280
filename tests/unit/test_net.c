/* The simulated network (sim/net/net.h) and the loop's readers and writers
 * (core/io/iomap.h): byte streams, coalescing, latency and split
 * decisions, flow control, end of stream, errno values, readiness, and the
 * selector waking on the first arrival. */
/* cmocka.h needs these first. */
// clang-format off
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
// clang-format on
#include <string.h>

#include "core/cfunc.h"
#include "core/handle.h"
#include "core/io/iomap.h"
#include "core/loop.h"
#include "core/rt.h"
#include "sim/net/net.h"
#include "sim/vselector.h"

/* A decider answering from a fixed list, then 0; counts the questions. */
typedef struct scripted {
  const double *v;
  size_t n, next, asked_io;
} scripted;

static double scripted_decide(void *ctx, sl_rt *rt, sl_decision_kind kind) {
  (void)rt;
  scripted *s = ctx;
  if (kind != SL_DECISION_IO && kind != SL_DECISION_IO_FAULT) return 0.0;
  s->asked_io++;
  return s->next < s->n ? s->v[s->next++] : 0.0;
}

typedef struct fixture {
  sl_rt *rt;
  sl_vselector vs;
  sl_net net;
  scripted script;
} fixture;

static void setup_with(fixture *f, const double *values, size_t n) {
  memset(f, 0, sizeof *f);
  f->rt = sl_rt_new(NULL, NULL);
  assert_non_null(f->rt);
  f->script = (scripted){values, n, 0, 0};
  f->vs.decider = (sl_decider){&f->script, scripted_decide};
  sl_net_init(&f->net, &f->vs.now, &f->vs.decider);
  f->vs.net = &f->net;
  sl_vselector_install(f->rt, &f->vs);
}

static void teardown(fixture *f) {
  sl_rt_free(f->rt);
  sl_net_free(&f->net);
}

static long recv_str(fixture *f, int fd, char *buf, size_t n) {
  long got = sl_net_recv(&f->net, f->rt, fd, (unsigned char *)buf, n);
  if (got >= 0) buf[got] = 0;
  return got;
}

static void test_default_is_idle_loopback(void **state) {
  (void)state;
  fixture f;
  setup_with(&f, NULL, 0);
  int fds[2];
  assert_int_equal(sl_net_socketpair(&f.net, f.rt, SL_AF_UNIX, fds), 0);
  assert_int_equal(fds[0], 3);
  assert_int_equal(fds[1], 4);
  char buf[64];
  assert_int_equal(recv_str(&f, fds[1], buf, 10), -SL_IO_EAGAIN);
  assert_int_equal(sl_net_send(&f.net, f.rt, fds[0], (const unsigned char *)"hello", 5), 5);
  assert_int_equal(sl_net_send(&f.net, f.rt, fds[0], (const unsigned char *)" world", 6), 6);
  /* Two questions per write of >= 2 bytes: latency, split. */
  assert_int_equal(f.script.asked_io, 4);
  /* Arrived at once, and the two writes coalesce at the reader. */
  assert_int_equal(sl_net_readable(&f.net, fds[1]), 11);
  assert_int_equal(recv_str(&f, fds[1], buf, 7), 7);
  assert_string_equal(buf, "hello w");
  assert_int_equal(recv_str(&f, fds[1], buf, 64), 4);
  assert_string_equal(buf, "orld");
  /* Close: end of stream for the peer, EPIPE for its writes, EBADF after. */
  assert_int_equal(sl_net_close(&f.net, f.rt, fds[0]), 0);
  assert_int_equal(recv_str(&f, fds[1], buf, 64), 0);
  assert_int_equal(sl_net_send(&f.net, f.rt, fds[1], (const unsigned char *)"x", 1), -SL_IO_EPIPE);
  assert_int_equal(recv_str(&f, fds[0], buf, 64), -SL_IO_EBADF);
  /* The lowest free descriptor is reused. */
  int again[2];
  assert_int_equal(sl_net_socketpair(&f.net, f.rt, SL_AF_UNIX, again), 0);
  assert_int_equal(again[0], 3);
  assert_int_equal(again[1], 5);
  teardown(&f);
}

static void test_latency_and_split(void **state) {
  (void)state;
  /* write 1: latency 0.5, split 0.25; write 2: latency 0 (but never
   * before write 1's last piece), split 0. */
  static const double v[] = {0.5, 0.25, 0.0, 0.0};
  fixture f;
  setup_with(&f, v, 4);
  int fds[2];
  assert_int_equal(sl_net_socketpair(&f.net, f.rt, SL_AF_UNIX, fds), 0);
  assert_int_equal(sl_net_send(&f.net, f.rt, fds[0], (const unsigned char *)"abcd", 4), 4);
  assert_int_equal(sl_net_send(&f.net, f.rt, fds[0], (const unsigned char *)"ef", 2), 2);
  char buf[16];
  assert_int_equal(recv_str(&f, fds[1], buf, 16), -SL_IO_EAGAIN);
  double next = -1;
  /* Nothing registered: no arrival counts. */
  assert_false(sl_net_next_arrival(&f.net, &f.rt->loop->io, &next));
  f.vs.now = 0.5;
  assert_int_equal(recv_str(&f, fds[1], buf, 16), 2);
  assert_string_equal(buf, "ab");
  f.vs.now = 0.75;
  assert_int_equal(recv_str(&f, fds[1], buf, 16), 4);
  assert_string_equal(buf, "cdef");
  teardown(&f);
}

static void test_flow_control(void **state) {
  (void)state;
  fixture f;
  setup_with(&f, NULL, 0);
  int fds[2];
  assert_int_equal(sl_net_socketpair(&f.net, f.rt, SL_AF_UNIX, fds), 0);
  static unsigned char big[SL_NET_BUFSIZE + 100];
  assert_int_equal(sl_net_send(&f.net, f.rt, fds[0], big, sizeof big), SL_NET_BUFSIZE);
  assert_int_equal(sl_net_ready(&f.net, fds[0], SL_EVENT_WRITE), 0);
  assert_int_equal(sl_net_send(&f.net, f.rt, fds[0], big, 1), -SL_IO_EAGAIN);
  static unsigned char sink[1000];
  assert_int_equal(sl_net_recv(&f.net, f.rt, fds[1], sink, sizeof sink), 1000);
  assert_int_equal(sl_net_ready(&f.net, fds[0], SL_EVENT_WRITE), SL_EVENT_WRITE);
  assert_int_equal(sl_net_send(&f.net, f.rt, fds[0], big, sizeof big), 1000);
  teardown(&f);
}

static int count_calls(sl_rt *rt, sl_value self, const sl_args *args, sl_value *out) {
  (void)rt, (void)self, (void)args, (void)out;
  return 0;
}
static const sl_cfunc_def cb_def = {"cb", count_calls, NULL, SL_CANON_LABEL};

static void test_select_wakes_on_arrival(void **state) {
  (void)state;
  static const double v[] = {0.3, 0.0};
  fixture f;
  setup_with(&f, v, 2);
  sl_rt *rt = f.rt;
  int fds[2];
  assert_int_equal(sl_net_socketpair(&f.net, rt, SL_AF_UNIX, fds), 0);
  sl_obj *cb = sl_cfunc_new(rt, &cb_def, sl_undef());
  sl_obj *h = sl_loop_add_reader(rt, fds[1], sl_obj_val(cb), NULL, 0);
  assert_non_null(h);
  assert_true(sl_as_handle(h)->is_io);
  assert_int_equal(sl_iomap_events(&rt->loop->io, fds[1]), SL_EVENT_READ);
  assert_int_equal(sl_net_send(&f.net, rt, fds[0], (const unsigned char *)"hi", 2), 2);
  double next;
  assert_true(sl_net_next_arrival(&f.net, &rt->loop->io, &next));
  assert_true(next == 0.3);
  /* select(timeout=10) returns at the arrival with the reader queued. */
  assert_int_equal(rt->loop->selector.select(rt->loop->selector.ctx, rt, true, 10.0), 0);
  assert_true(f.vs.now == 0.3);
  assert_int_equal(rt->loop->ready_len, 1);
  /* A replaced reader is cancelled; removing reports whether one was set. */
  sl_obj *h2 = sl_loop_add_reader(rt, fds[1], sl_obj_val(cb), NULL, 0);
  assert_true(sl_as_handle(h)->cancelled);
  assert_true(sl_loop_remove_reader(rt, fds[1]));
  assert_false(sl_loop_remove_reader(rt, fds[1]));
  assert_int_equal(sl_iomap_events(&rt->loop->io, fds[1]), 0);
  sl_decref(rt, h);
  sl_decref(rt, h2);
  sl_decref(rt, cb);
  teardown(&f);
}

static void test_deadlock_without_arrivals(void **state) {
  (void)state;
  fixture f;
  setup_with(&f, NULL, 0);
  sl_rt *rt = f.rt;
  int fds[2];
  assert_int_equal(sl_net_socketpair(&f.net, rt, SL_AF_UNIX, fds), 0);
  sl_obj *cb = sl_cfunc_new(rt, &cb_def, sl_undef());
  sl_obj *h = sl_loop_add_reader(rt, fds[1], sl_obj_val(cb), NULL, 0);
  assert_int_equal(rt->loop->selector.select(rt->loop->selector.ctx, rt, false, 0.0), -1);
  assert_int_equal(rt->fatal, SL_EDEADLOCK);
  sl_decref(rt, h);
  sl_decref(rt, cb);
  teardown(&f);
}

static void test_listen_connect_accept(void **state) {
  (void)state;
  fixture f;
  setup_with(&f, NULL, 0);
  sl_rt *rt = f.rt;
  int l = sl_net_socket(&f.net, rt, SL_AF_INET);
  assert_int_equal(sl_net_bind(&f.net, rt, l, "10.0.0.1", 0), -SL_IO_EADDRNOTAVAIL);
  assert_int_equal(sl_net_bind(&f.net, rt, l, "127.0.0.1", 0), 0);
  assert_int_equal(sl_net_bind(&f.net, rt, l, "127.0.0.1", 0), -SL_IO_EINVAL);
  const char *ip;
  int port;
  assert_int_equal(sl_net_name(&f.net, l, false, &ip, &port), 0);
  assert_string_equal(ip, "127.0.0.1");
  assert_int_equal(port, SL_NET_FIRST_PORT);
  int c = sl_net_socket(&f.net, rt, SL_AF_INET);
  /* Bound but not listening: refused. */
  assert_int_equal(sl_net_connect(&f.net, rt, c, "127.0.0.1", port), -SL_IO_ECONNREFUSED);
  assert_int_equal(sl_net_listen(&f.net, rt, l), 0);
  assert_int_equal(sl_net_accept(&f.net, rt, l), -SL_IO_EAGAIN);
  assert_int_equal(sl_net_ready(&f.net, l, SL_EVENT_READ), 0);
  assert_int_equal(sl_net_connect(&f.net, rt, c, "10.0.0.1", port), -SL_IO_ENETUNREACH);
  assert_int_equal(sl_net_connect(&f.net, rt, c, "127.0.0.1", port + 1), -SL_IO_ECONNREFUSED);
  assert_int_equal(sl_net_connect(&f.net, rt, c, "127.0.0.1", port), 0);
  assert_int_equal(sl_net_connect(&f.net, rt, c, "127.0.0.1", port), -SL_IO_EISCONN);
  assert_int_equal(sl_net_ready(&f.net, l, SL_EVENT_READ), SL_EVENT_READ);
  int s = sl_net_accept(&f.net, rt, l);
  assert_true(s > c);
  assert_int_equal(sl_net_name(&f.net, s, true, &ip, &port), 0);
  assert_int_equal(port, SL_NET_FIRST_PORT + 1); /* the client's ephemeral port */
  assert_int_equal(sl_net_send(&f.net, rt, c, (const unsigned char *)"hi", 2), 2);
  char buf[8];
  assert_int_equal(recv_str(&f, s, buf, 8), 2);
  assert_string_equal(buf, "hi");
  /* The port is taken while the listener is open. */
  int other = sl_net_socket(&f.net, rt, SL_AF_INET);
  assert_int_equal(sl_net_bind(&f.net, rt, other, "0.0.0.0", SL_NET_FIRST_PORT), -SL_IO_EADDRINUSE);
  /* A connection nobody accepted is closed with its listener. */
  int c2 = sl_net_socket(&f.net, rt, SL_AF_INET);
  assert_int_equal(sl_net_connect(&f.net, rt, c2, "127.0.0.1", SL_NET_FIRST_PORT), 0);
  assert_int_equal(sl_net_close(&f.net, rt, l), 0);
  assert_int_equal(recv_str(&f, c2, buf, 8), 0);
  /* The accepted connection still holds the port (no SO_REUSEADDR). */
  assert_int_equal(sl_net_bind(&f.net, rt, other, "0.0.0.0", SL_NET_FIRST_PORT), -SL_IO_EADDRINUSE);
  assert_int_equal(sl_net_close(&f.net, rt, s), 0);
  assert_int_equal(sl_net_bind(&f.net, rt, other, "0.0.0.0", SL_NET_FIRST_PORT), 0);
  teardown(&f);
}

/* A TCP connection on the loopback: *c the client's end, *s the server's. */
static void tcp_pair(fixture *f, int *c, int *s) {
  sl_rt *rt = f->rt;
  int l = sl_net_socket(&f->net, rt, SL_AF_INET);
  assert_int_equal(sl_net_bind(&f->net, rt, l, "127.0.0.1", 0), 0);
  assert_int_equal(sl_net_listen(&f->net, rt, l), 0);
  *c = sl_net_socket(&f->net, rt, SL_AF_INET);
  assert_int_equal(sl_net_connect(&f->net, rt, *c, "127.0.0.1", SL_NET_FIRST_PORT), 0);
  *s = sl_net_accept(&f->net, rt, l);
  assert_true(*s > 0);
  assert_int_equal(sl_net_close(&f->net, rt, l), 0);
}

static void test_reset(void **state) {
  (void)state;
  /* write 1 (c -> s): latency 0.5, no split, no stall, reset. */
  static const double v[] = {0.5, 0.0, 0.0, 1.0};
  fixture f;
  setup_with(&f, v, 4);
  sl_rt *rt = f.rt;
  int c, s;
  tcp_pair(&f, &c, &s);
  assert_int_equal(sl_net_send(&f.net, rt, c, (const unsigned char *)"req", 3), 3);
  /* Four questions on a TCP write: latency, split, stall, reset. */
  assert_int_equal(f.script.asked_io, 4);
  char buf[16];
  /* The error is pending at once on both ends: the first send reports
   * ECONNRESET, later ones EPIPE. */
  assert_int_equal(sl_net_send(&f.net, rt, c, (const unsigned char *)"x", 1), -SL_IO_ECONNRESET);
  assert_int_equal(sl_net_send(&f.net, rt, c, (const unsigned char *)"x", 1), -SL_IO_EPIPE);
  assert_int_equal(sl_net_ready(&f.net, c, SL_EVENT_WRITE), SL_EVENT_WRITE);
  /* The client already reported it: its recv sees end of stream. */
  assert_int_equal(recv_str(&f, c, buf, 16), 0);
  /* The server reads the request when it arrives, then the reset once,
   * then end of stream. */
  assert_int_equal(sl_net_ready(&f.net, s, SL_EVENT_READ), 0);
  f.vs.now = 0.5;
  assert_int_equal(sl_net_ready(&f.net, s, SL_EVENT_READ), SL_EVENT_READ);
  assert_int_equal(sl_net_readable(&f.net, s), 3);
  assert_int_equal(recv_str(&f, s, buf, 16), 3);
  assert_string_equal(buf, "req");
  assert_int_equal(sl_net_readable(&f.net, s), 0);
  assert_int_equal(recv_str(&f, s, buf, 16), -SL_IO_ECONNRESET);
  assert_int_equal(recv_str(&f, s, buf, 16), 0);
  assert_int_equal(sl_net_send(&f.net, rt, s, (const unsigned char *)"x", 1), -SL_IO_EPIPE);
  assert_int_equal(sl_net_shutdown_write(&f.net, rt, s), -SL_IO_ENOTCONN);
  assert_int_equal(sl_net_close(&f.net, rt, s), 0);
  assert_int_equal(sl_net_close(&f.net, rt, c), 0);
  teardown(&f);
}

static void test_stall(void **state) {
  (void)state;
  /* write 1: latency 0, split 0, stall 2.0, no reset. */
  static const double v[] = {0.0, 0.0, 2.0, 0.0};
  fixture f;
  setup_with(&f, v, 4);
  sl_rt *rt = f.rt;
  int c, s;
  tcp_pair(&f, &c, &s);
  assert_int_equal(sl_net_send(&f.net, rt, c, (const unsigned char *)"ab", 2), 2);
  /* The peer reads nothing for 2 s: no room, not writable, the writer's
   * select wakes when the peer reads again. */
  assert_int_equal(sl_net_send(&f.net, rt, c, (const unsigned char *)"cd", 2), -SL_IO_EAGAIN);
  assert_int_equal(f.script.asked_io, 4);
  assert_int_equal(sl_net_ready(&f.net, c, SL_EVENT_WRITE), 0);
  sl_obj *cb = sl_cfunc_new(rt, &cb_def, sl_undef());
  sl_obj *h = sl_loop_add_writer(rt, c, sl_obj_val(cb), NULL, 0);
  double next = -1;
  assert_true(sl_net_next_arrival(&f.net, &rt->loop->io, &next));
  assert_true(next == 2.0);
  assert_int_equal(rt->loop->selector.select(rt->loop->selector.ctx, rt, false, 0.0), 0);
  assert_true(f.vs.now == 2.0);
  assert_int_equal(rt->loop->ready_len, 1);
  /* What was sent before the stall arrived at once. */
  char buf[8];
  assert_int_equal(recv_str(&f, s, buf, 8), 2);
  assert_int_equal(sl_net_send(&f.net, rt, c, (const unsigned char *)"cd", 2), 2);
  /* A socketpair has no fault questions: two per write. */
  int p[2];
  assert_int_equal(sl_net_socketpair(&f.net, rt, SL_AF_UNIX, p), 0);
  size_t before = f.script.asked_io;
  assert_int_equal(sl_net_send(&f.net, rt, p[0], (const unsigned char *)"ab", 2), 2);
  assert_int_equal(f.script.asked_io - before, 2);
  sl_decref(rt, h);
  sl_decref(rt, cb);
  teardown(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_is_idle_loopback),
      cmocka_unit_test(test_latency_and_split),
      cmocka_unit_test(test_flow_control),
      cmocka_unit_test(test_select_wakes_on_arrival),
      cmocka_unit_test(test_deadlock_without_arrivals),
      cmocka_unit_test(test_listen_connect_accept),
      cmocka_unit_test(test_reset),
      cmocka_unit_test(test_stall),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
