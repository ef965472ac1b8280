/* The report's network section (see report_net.h). */
#include "sim/report_net.h"

#include <inttypes.h>
#include <string.h>

#include "core/alloc.h"
#include "core/num/numfmt.h"

/* What the section says about one connection. */
typedef struct conn_row {
  int fd[2];          /* the two ends, in the order they appeared */
  uint64_t sent[2];   /* bytes sent from fd[i] */
  uint64_t writes[2]; /* send events from fd[i] */
  uint64_t step;      /* where it began */
  double t0;
  bool reset, closed[2];
  double reset_t, closed_t[2];
} conn_row;

static int end_of(const conn_row *c, int fd) { return fd == c->fd[1] ? 1 : 0; }

static void put_time(sl_strbuf *h, double t) { sl_float_repr(h, t); }

static void put_row(sl_strbuf *h, uint64_t k, const conn_row *c) {
  sl_strbuf_printf(h, "<tr><td>C%" PRIu64 "</td><td>%d &harr; %d</td><td>#%" PRIu64 " t=", k,
                   c->fd[0], c->fd[1], c->step);
  put_time(h, c->t0);
  sl_strbuf_puts(h, "</td>");
  for (int i = 0; i < 2; i++)
    sl_strbuf_printf(h, "<td>%" PRIu64 " B in %" PRIu64 " write%s</td>", c->sent[i], c->writes[i],
                     c->writes[i] == 1 ? "" : "s");
  sl_strbuf_puts(h, "<td>");
  if (c->reset) {
    sl_strbuf_puts(h, "<b>reset</b> at t=");
    put_time(h, c->reset_t);
  }
  for (int i = 0; i < 2; i++) {
    if (!c->closed[i]) continue;
    sl_strbuf_printf(h, "%sfd %d closed at t=", c->reset || (i && c->closed[0]) ? "; " : "",
                     c->fd[i]);
    put_time(h, c->closed_t[i]);
  }
  if (!c->reset && !c->closed[0] && !c->closed[1]) sl_strbuf_puts(h, "open at the end");
  sl_strbuf_puts(h, "</td></tr>\n");
}

void sl_report_network(const sl_trace *tr, sl_strbuf *h) {
  uint64_t max = 0;
  for (size_t i = 0; i < tr->nev; i++)
    if (tr->ev[i].kind == SL_TEV_SOCK && tr->ev[i].conn > max && tr->ev[i].conn <= tr->nev)
      max = tr->ev[i].conn;
  if (!max) return;
  conn_row *rows = sl_calloc(max + 1, sizeof *rows);
  bool *seen = sl_calloc(max + 1, sizeof *seen);
  if (!rows || !seen) {
    sl_free(rows);
    sl_free(seen);
    h->failed = true;
    return;
  }
  for (size_t i = 0; i < tr->nev; i++) {
    const sl_tev *e = &tr->ev[i];
    if (e->kind != SL_TEV_SOCK || !e->conn || e->conn > max) continue;
    conn_row *c = &rows[e->conn];
    const char *op = sl_tstr_or(&e->a, "");
    if (!seen[e->conn]) {
      seen[e->conn] = true;
      c->fd[0] = e->fd;
      c->fd[1] = e->peer;
      c->step = e->step;
      c->t0 = e->t;
    }
    int end = end_of(c, e->fd);
    if (!strcmp(op, "send")) {
      c->sent[end] += e->n;
      c->writes[end]++;
    } else if (!strcmp(op, "reset")) {
      c->reset = true;
      c->reset_t = e->t;
    } else if (!strcmp(op, "close")) {
      c->closed[end] = true;
      c->closed_t[end] = e->t;
    }
  }
  sl_strbuf_puts(
      h, "<h2>Network</h2><table><tr><th>connection</th><th>descriptors</th><th>opened</th>"
         "<th>sent by the first</th><th>sent by the second</th><th>how it ended</th></tr>\n");
  for (uint64_t k = 1; k <= max; k++)
    if (seen[k]) put_row(h, k, &rows[k]);
  sl_strbuf_puts(h, "</table>\n");
  sl_free(rows);
  sl_free(seen);
}
