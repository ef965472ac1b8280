/* Observer fan-out: one sl_observer that forwards every event to several.
 *
 * The scenario runner takes one observer; a command that wants a recorder,
 * a live printer and a detector at once gives it a fan-out of them. Events
 * reach the observers in the order they were added. Also here: a decider
 * that forwards to another and reports each decision taken to a recorder,
 * since decisions are not observer events (core never sees them).
 *
 * Ownership: the fan-out copies the observers it is given (their ctx
 * pointers stay borrowed and must outlive it); it allocates nothing, so it
 * can live on the stack. */
#ifndef SL_OBSERVERS_H
#define SL_OBSERVERS_H

#include <stddef.h>

#include "core/observer.h"
#include "sim/vselector.h"

#define SL_FANOUT_MAX 8

typedef struct sl_fanout {
  sl_observer to[SL_FANOUT_MAX];
  size_t n;
  size_t handle_only; /* the one observer with handle_run, if only one has it */
} sl_fanout;

/* Empties the fan-out. */
void sl_fanout_init(sl_fanout *fo);
/* Adds `o` (copied); returns false when SL_FANOUT_MAX are already there. A
 * NULL `o` is ignored (returns true). */
bool sl_fanout_add(sl_fanout *fo, const sl_observer *o);
/* The observer to hand the engine; its ctx is `fo`, which must outlive it.
 * Slots that no added observer has stay NULL, so the engine skips them. */
sl_observer sl_fanout_observer(sl_fanout *fo);

typedef struct sl_recorder sl_recorder;

/* A decider that asks `inner` (NULL decide: every value 0) and tells `rec`
 * about each decision. */
typedef struct sl_logged_decider {
  sl_decider inner; /* copied */
  sl_recorder *rec; /* borrowed */
} sl_logged_decider;

/* The decider to hand the runner; its ctx is `ld`, which must outlive it. */
sl_decider sl_logged_decider_make(sl_logged_decider *ld, const sl_decider *inner, sl_recorder *rec);

#endif
