/* The report's "Network" section: one row per connection of the simulated
 * network, from the trace's socket events (docs/trace.md `sock`). */
#ifndef SL_SIM_REPORT_NET_H
#define SL_SIM_REPORT_NET_H

#include "core/strbuf.h"
#include "traces/trace.h"

/* Appends the section's HTML (a heading and a table) to h; nothing when
 * the run has no socket events. */
void sl_report_network(const sl_trace *tr, sl_strbuf *h);

#endif
