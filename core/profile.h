/* Profiles: which CPython version's behaviour the engine reproduces.
 *
 * Every behavioural difference between the supported versions is one named
 * switch in sl_profile, set in the table in profile.c together with the
 * CPython change it mirrors. Code tests the switch, never a version number. */
#ifndef SL_PROFILE_H
#define SL_PROFILE_H

#include <stdbool.h>

typedef struct sl_profile {
  const char *name; /* exact version reproduced, e.g. "3.11.2", "3.14.2" */
  int major, minor, micro;

  /* gh-102780 (3.11.3): timeout() remembers cancelling() on enter and
   * converts to TimeoutError if uncancel() <= that level. */
  bool timeout_cancelling_level;
  /* gh-102780 (3.11.3): `raise TimeoutError from exc_val`. */
  bool timeout_raise_from;
  /* 3.12: wait_for rebuilt on timeouts.timeout (no inner task). */
  bool wait_for_uses_timeout;
  /* 3.12: gather calls _done_callback synchronously for done children. */
  bool gather_sync_done_children;
  /* 3.12: eager task factories and Task(eager_start=...). */
  bool eager_tasks;
  /* 3.12: shutdown_default_executor(timeout=None) awaits the shutdown
   * thread inside timeouts.timeout(timeout), asyncio.run passes
   * THREAD_JOIN_TIMEOUT (300 s), and the thread delivers through
   * futures._set_result_unless_cancelled (3.11: future.set_result). */
  bool shutdown_executor_timeout;
  /* 3.14: Runner.run(coro) checks for a running loop and initializes
   * before the argument, and refuses a non-awaitable with TypeError (3.11:
   * ValueError "a coroutine was expected, got ..." first). */
  bool runner_run_takes_awaitables;
  /* 3.12: set_exception refuses an instance of a StopIteration subclass too
   * (3.11's _asyncio checks the exact type only, so stores it). */
  bool set_exception_refuses_stopiteration_subclass;
  /* 3.12.7/3.13: set_exception(StopIteration) stores a RuntimeError. */
  bool set_exception_stopiteration_runtimeerror;
  /* 3.13: uncancel() resets _must_cancel when the count reaches zero. */
  bool uncancel_resets_must_cancel;
  /* 3.13: create_task(name=...) passes the name through (no Task-N used). */
  bool named_task_keeps_counter;
  /* 3.13: setting or deleting an attribute of an object without a
   * __dict__ adds "and no __dict__ for setting new attributes". */
  bool setattr_no_dict_message;
  /* 3.12: instantiating an abstract class says "without an implementation
   * for abstract method 'f'" (3.11: "with abstract method f"). */
  bool abstract_class_quoted_message;
  /* importlib/_bootstrap.py 3.12 _module_repr_from_spec: a namespace
   * package reads "<module 'a' (namespace) from ['/dir/a']>" (3.11: its
   * loader's repr, "<module 'a' (<..._NamespaceLoader object at 0x...>)>"). */
  bool namespace_module_repr_path;
  /* 3.13: set_mro_error's message is one line ("... resolution order
   * (MRO) for bases A, B"; before: a newline after "resolution"). */
  bool mro_error_one_line;
  /* 3.14: awaiting a non-awaitable: "'int' object can't be awaited". */
  bool await_type_message;
  /* 3.13: as_completed(future) says "expects an iterable of awaitables". */
  bool as_completed_awaitables_message;
  /* 3.13: str() with more than 3 arguments: "str expected at most 3
   * arguments, got 4" (3.11/3.12: "str() takes at most 3 arguments (4 given)"). */
  bool str_ctor_clinic_message;
  /* 3.13.0-3.13.2: a custom task factory makes unnamed tasks "None". */
  bool factory_names_none;
  /* 3.11-3.13.2: with a task factory, create_task(name=) names the task
   * after the factory made it (numbered; an eager first step shows it). */
  bool factory_sets_name_after;
  /* 3.13: Semaphore wakes as many waiters as it can. */
  bool semaphore_wake_many;
  /* 3.13: any exception out of Condition.wait() notifies one waiter, and a
   * cancelled re-acquire re-raises the same instance. */
  bool condition_notify_on_error;
  /* 3.13: TaskGroup uncancel after waiting, re-cancel on errors. */
  bool taskgroup_313_cancel_levels;
  /* 3.12.0-3.13.1: TaskGroup calls _on_task_done synchronously for an
   * eager task that finished during create_task. (gh-128550) */
  bool taskgroup_eager_sync_done;
  /* 3.13 taskgroups.py:187-194: create_task closes the coroutine it
   * refuses (3.11/3.12 leave it unstarted, so it can still be awaited). */
  bool taskgroup_refusal_closes_coro;
  /* 3.13: timeouts insert TimeoutError into a foreign exception's chain. */
  bool timeout_insert_timeout_error;
  /* 3.13: as_completed is an _AsCompletedIterator. */
  bool as_completed_iterator;
  /* 3.13: Queue.shutdown / QueueShutDown. */
  bool queue_shutdown;
  /* 3.13: sleep(nan) raises ValueError. */
  bool sleep_nan_error;
  /* 3.14: shield() adds _clear_awaited_by_callback and _log_on_exception. */
  bool shield_awaited_by_callbacks;
  /* 3.13: _make_cancelled_error no longer sets __context__ (never observable). */
  /* 3.13: format_helpers._format_callback shows a callback's arguments
   * only in debug mode ("Exception in callback boom()"). */
  bool callback_repr_hides_args;
  /* The platform: Pyodide (3.12-3.14) is CPython built with Emscripten,
   * whose C library numbers errno values as WASI does (core/errno_tab.h). */
  bool errno_wasi;
  /* 3.14's errnomodule.c adds EHWPOISON (Pyodide's libc defines it). */
  bool errno_ehwpoison;
  /* 3.14: SyntaxError's info tuple takes a seventh item (_metadata). */
  bool syntax_error_metadata;
  /* Language-level differences (builtins and error texts). */
  /* 3.12 (gh-100425): sum() adds floats with Neumaier compensation. */
  bool sum_float_compensated;
  /* 3.12: min()/max() of an empty iterable: "iterable argument is empty". */
  bool minmax_empty_iterable_message;
  /* 3.13: str.replace takes `count` by keyword (Argument Clinic message). */
  bool str_replace_clinic_message;
  /* 3.13: chr() of an int beyond C int is the ValueError
   * "chr() arg not in range(0x110000)", no longer an OverflowError. */
  bool chr_big_value_error;
  /* 3.14: "argument of type 'int' is not a container or iterable". */
  bool not_container_message;
  /* 3.14: "cannot use 'list' as a dict key (unhashable type: 'list')". */
  bool unhashable_key_message;
  /* 3.14: list.index says "list.index(x): x not in list". */
  bool list_index_generic_message;
  /* 3.14: dict.update with a non-iterable element: "object is not iterable". */
  bool dict_update_not_iterable_message;
  /* 3.14: "too many values to unpack (expected 2, got 3)". */
  bool unpack_reports_count;
  /* 3.12 only: iter(x, sentinel) with x not callable says "iter(object,
   * sentinel): object must be callable" (3.11 and 3.13+: "iter(v, w): v
   * must be callable"). */
  bool iter_sentinel_object_message;
  /* <=3.13: the compiler rebuilds a set display's frozenset constant from
   * its own order when it merges the constants (compile.c
   * merge_consts_recursive); 3.14 folds it in the flow graph and keeps it
   * as built. It decides the iteration order of `{3, 1, 2}`. */
  bool const_set_remade;
  /* 3.13: a class's __dict__ holds __firstlineno__ and
   * __static_attributes__ (dir() of its instances lists them). */
  bool class_static_attributes;
  /* 3.13 (gh-104770): generator.close() returns the value the generator
   * returns after catching GeneratorExit (None before). */
  bool gen_close_returns_value;
  /* gh-123884 (3.13): tee(t) of a tee t returns n new copies of t (3.11,
   * 3.12: t itself first, then copies). */
  bool tee_copies_tee_input;
  /* 3.13 (TimeRE.pattern rebuilt on re.sub): a format ending in a lone
   * '%' matches a literal '%' (3.11, 3.12 and 3.14 raise "stray % in
   * format"). */
  bool strptime_percent_at_end_literal;
  /* 3.14: `with var.set(v):` (Token.__enter__/__exit__, exit resets). */
  bool token_context_manager;
  /* 3.14: create_task(**kwargs) passes kwargs to factories. */
  bool create_task_kwargs;
  /* enum.py after 3.11.2 (present in 3.11.7): Flag's boundary is STRICT
   * (a value with unknown bits raises ValueError; 3.11.2 CONFORMs it away),
   * _flag_mask_ holds every member's bits, pseudo-members are named after
   * multi-bit members too and always cached, and ~ complements within the
   * single-bit members without linking the two values back. */
  bool flag_strict_boundary;
  /* argparse (mod_argparse*.c). 3.12: -xyz whose tail names no option
   * puts "-yz" in the extras (3.11: "ignored explicit argument"), and
   * "-x=..." on a flag is an error. */
  bool argparse_combined_flags_rest;
  /* 3.13: an option with a value is listed "-f, --foo FOO" in help (before:
   * "-f FOO, --foo FOO"); "invalid choice" prints str() of the value and
   * choices (before: repr()); Action has `deprecated`; a REMAINDER
   * positional is not required. */
  bool argparse_metavar_once;
  bool argparse_choices_str;
  bool argparse_action_deprecated;
  bool argparse_remainder_optional;
  /* 3.14: ArgumentParser(suggest_on_error=False, color=True); "unknown
   * action %r" (before: "unknown action \"%s\""). */
  bool argparse_suggest_and_color;
  bool argparse_unknown_action_repr;

  /* ---- the loop's I/O surface (core/lang/io_*.c, docs/io.md) ---- */
  /* selector_events.py 3.12: socket transports write with sendmsg (the
   * writer is _write_sendmsg), writelines() sends at once, and
   * _add_reader() checks is_reading(). */
  bool transport_sendmsg;
  /* selector_events.py 3.13: writelines() calls _maybe_pause_protocol()
   * when data is left in the buffer. */
  bool transport_writelines_pauses;
  /* selector_events.py 3.14: "data argument must be a bytes, bytearray, or
   * memoryview object, not 'str'". */
  bool transport_write_type_message;
  /* selector_events.py 3.14: _accept_connection accepts backlog + 1. */
  bool accept_backlog_plus_one;
  /* base_events.py 3.12.1 (gh-79033): Server.wait_closed() waits until the
   * server is closed and every connection is gone; _wakeup sets None. */
  bool server_wait_closed_for_clients;
  /* base_events.py 3.13: Server.close_clients() / abort_clients(). */
  bool server_close_clients;
  /* base_events.py 3.12: create_server's bind error shows str(err).lower(). */
  bool create_server_bind_str_message;
  /* gh-103607 (3.12.0; present in 3.11.7, absent in 3.11.2): the transport's
   * deferred _add_reader is skipped unless is_reading(), so pause_reading()
   * in connection_made() holds (3.11.2 checks only _closing). */
  bool add_reader_unless_paused;
  /* gh-110894 (3.12.1, backported to 3.11.7): start_server's client task
   * gets a done callback that closes the transport (and reports the
   * exception) when it fails. */
  bool streams_client_task_callback;
  /* gh-113538 (3.12.2, not in 3.11.7 nor 3.12.1): that callback closes the
   * transport of a cancelled client task; before, its task.exception()
   * raised CancelledError, reported as "Exception in callback ...". */
  bool streams_client_callback_cancelled;

  /* ---- synchronisation primitives and combinators (core/locks.c,
   * taskgroup.c, ...); docs/profiles.md lists each with its scenario. ---- */
  /* 3.11.3 (released with the gh-102780 backport; research 6.1):
   * TaskGroup.__aenter__ finds the
   * parent task before setting _entered, and says "has already been
   * entered" (3.11.2: "has been already entered"). */
  bool taskgroup_enter_checks_parent;
  /* 3.13.0 locks.py: Barrier(0) says "parties must be >= 1" (3.11/3.12
   * locks.py: "parties must be > 0"); the message is all that changed. */
  bool barrier_parties_ge1_message;
} sl_profile;

/* The default profile (3.14). */
const sl_profile *sl_profile_default(void);
/* Resolves "3.11", "3.11.2", "3.14", ... to a profile; NULL if unknown. A
 * minor version alone means that minor's newest known behaviour. */
const sl_profile *sl_profile_find(const char *version);
/* Comma-separated list of accepted version strings, for error messages. */
const char *sl_profile_names(void);

#endif
