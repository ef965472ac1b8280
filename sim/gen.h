/* A generator of valid scenario programs (docs/fuzzing.md "fuzz_program").
 *
 * The generated program is ordinary asyncio Python in simloop's subset:
 * a few worker tasks that sleep, print, take a Lock or a Semaphore, put to
 * and get from a Queue, set and wait for an Event, run under
 * asyncio.timeout and wait_for, spawn and gather leaf tasks, shield, catch
 * cancellation and raise; main creates them (plainly or in a TaskGroup),
 * may cancel some, and collects them with gather, TaskGroup, wait,
 * wait_for or one by one. Every program terminates under every schedule:
 * each wait that could block forever has a timeout, a Lock or Semaphore is
 * never requested while one is held, and tasks only await tasks created
 * after them. So a compile error, a deadlock or a crash on a generated
 * program is a bug (of the generator or of the engine), never of the
 * program.
 *
 * Choices come from a source: fuzzer bytes (one byte per choice, taken
 * modulo the number of options; once the bytes run out every choice is 0,
 * which is always the option that ends the program soonest) or a seeded
 * PRNG (sim/schedule.h's xoshiro256**), so `simloop gen --seed N` prints
 * the same program on every platform.
 *
 * Ownership: the generator borrows the bytes; the program text is appended
 * to the caller's strbuf (out->failed reports out of memory). */
#ifndef SL_GEN_H
#define SL_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"
#include "core/strbuf.h"

/* Appends the program driven by data[0..n) to out. *used (may be NULL)
 * gets how many bytes the generator consumed (the fuzzer gives the rest to
 * the schedule). SL_ENOMEM when out failed, else SL_EOK. */
sl_errcode sl_gen_from_bytes(const uint8_t *data, size_t n, size_t *used, sl_strbuf *out);

/* Appends program number `seed`: the same text on every platform. */
sl_errcode sl_gen_from_seed(uint64_t seed, sl_strbuf *out);

#endif
