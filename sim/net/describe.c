/* What a task blocked on the network waits for, in words (net.h
 * sl_net_describe_wait): the deadlock reports of `run` and of the
 * detectors name the socket, its connection and why nothing will come. */
#include <string.h>

#include "core/cfunc.h"
#include "core/handle.h"
#include "core/io/iomap.h"
#include "core/loop.h"
#include "core/rt.h"
#include "sim/net/net.h"

/* Why the socket `fd` will never be ready for what the handle wants. */
static void why(sl_net *net, int fd, bool writing, sl_strbuf *out) {
  const sl_net_sock *s =
      fd >= 0 && (size_t)fd < net->cap && net->socks[fd].used ? &net->socks[fd] : NULL;
  if (!s) {
    sl_strbuf_puts(out, "a closed descriptor");
    return;
  }
  if (s->state == SL_NET_LISTENING) {
    sl_strbuf_printf(out, "listening on %s:%d; no connection is on its way", s->ip, s->port);
    return;
  }
  if (s->state == SL_NET_NEW) {
    sl_strbuf_puts(out, "neither connected nor listening");
    return;
  }
  if (s->conn)
    sl_strbuf_printf(out, "connection %u", s->conn);
  else
    sl_strbuf_puts(out, "a connection");
  if (s->peer < 0) {
    sl_strbuf_puts(out,
                   writing ? "; the peer is gone" : "; the peer is gone and nothing more comes");
    return;
  }
  const sl_net_sock *p = &net->socks[s->peer];
  if (writing)
    sl_strbuf_printf(out, "; its peer fd %d holds %zu unread bytes and nobody reads them", s->peer,
                     p->queued);
  else if (p->wr_shut)
    sl_strbuf_printf(out, "; its peer fd %d shut down writing", s->peer);
  else
    sl_strbuf_printf(out, "; its peer fd %d is open and nobody writes to it", s->peer);
}

bool sl_net_describe_wait(sl_net *net, sl_rt *rt, sl_obj *fut, sl_strbuf *out) {
  const sl_iomap *map = &rt->loop->io;
  for (size_t fd = 0; fd < map->cap; fd++) {
    sl_obj *hs[2] = {map->keys[fd].reader, map->keys[fd].writer};
    for (int k = 0; k < 2; k++) {
      sl_handle *h = hs[k] ? sl_as_handle(hs[k]) : NULL;
      if (!h || !h->nargs || !sl_is_obj(h->args[0]) || h->args[0].u.o != fut) continue;
      const char *what = k ? "writing to" : "reading from";
      if (sl_is_obj(h->callback) && h->callback.u.o->type == &sl_cfunc_type &&
          sl_as_cfunc(h->callback.u.o)->def->label)
        what = sl_as_cfunc(h->callback.u.o)->def->label;
      sl_strbuf_printf(out, "%s on socket fd %zu (", what, fd);
      why(net, (int)fd, k == 1, out);
      sl_strbuf_putc(out, ')');
      return true;
    }
  }
  return false;
}
