/* The CPython releases simloop reproduces (see profile.h): one table of
 * switches, each with the range of releases that have it and the change it
 * mirrors, from which every release's row is generated at compile time.
 * research/cpython-asyncio-semantics.md section 6 has a program showing
 * each difference. */
#include "core/profile.h"

#include <string.h>

/* The table below is laid out by hand, a switch per two lines. */
/* clang-format off */
/* A release as one number that orders releases: 3.13.2 -> 31302. */
#define V(major, minor, micro) ((major) * 10000 + (minor) * 100 + (micro))
/* Last release of a switch still on in the newest release we reproduce. */
#define NOW V(99, 0, 0)

/* Every switch: the first and the last CPython release that behaves this
 * way, and the change it mirrors (profile.h says what each switch does;
 * docs/profiles.md names the scenario that shows it). A release's row is
 * generated from this table, so a switch that ends, such as
 * taskgroup_eager_sync_done in 3.13.2, shows here as its last release.
 * X(ver, switch, first, last, change). */
#define SL_PROFILE_SWITCHES(X, ver)                                                     \
  X(ver, timeout_cancelling_level, V(3, 11, 3), NOW,                                   \
    "gh-102780: timeout() keeps cancelling() from __aenter__")                         \
  X(ver, timeout_raise_from, V(3, 11, 3), NOW,                                         \
    "gh-102780: raise TimeoutError from exc_val")                                      \
  X(ver, taskgroup_enter_checks_parent, V(3, 11, 3), NOW,                              \
    "taskgroups.py 3.11.3: parent task found before _entered; 'has already been entered'") \
  X(ver, wait_for_uses_timeout, V(3, 12, 0), NOW,                                      \
    "tasks.py 3.12: wait_for rebuilt on timeouts.timeout")                             \
  X(ver, gather_sync_done_children, V(3, 12, 0), NOW,                                  \
    "tasks.py 3.12: _done_callback called at once for children already done")          \
  X(ver, eager_tasks, V(3, 12, 0), NOW, "3.12: eager task factories, eager_start")     \
  X(ver, runner_run_takes_awaitables, V(3, 14, 0), NOW,                                \
    "runners.py 3.14: Runner.run checks the loop first and wraps awaitables; "        \
    "anything else is a TypeError")                                                    \
  X(ver, shutdown_executor_timeout, V(3, 12, 0), NOW,                                  \
    "base_events.py 3.12: shutdown_default_executor(timeout) in timeouts.timeout, "   \
    "Runner passes THREAD_JOIN_TIMEOUT, _do_shutdown uses _set_result_unless_cancelled") \
  X(ver, taskgroup_eager_sync_done, V(3, 12, 0), V(3, 13, 1),                          \
    "taskgroups.py 3.12: on_task_done at once for a finished eager task; "             \
    "reverted by gh-128550 in 3.13.2")                                                 \
  X(ver, set_exception_refuses_stopiteration_subclass, V(3, 12, 0), NOW,               \
    "_asynciomodule.c 3.12: set_exception refuses any StopIteration (3.11: exact type)") \
  /* First seen in 3.12.7 of the releases checked (3.12.1 lacks it). */              \
  X(ver, set_exception_stopiteration_runtimeerror, V(3, 12, 7), NOW,                   \
    "futures.py: set_exception(StopIteration) stores a RuntimeError")                  \
  X(ver, uncancel_resets_must_cancel, V(3, 13, 0), NOW,                                \
    "tasks.py 3.13: uncancel() clears _must_cancel at zero")                           \
  X(ver, named_task_keeps_counter, V(3, 13, 0), NOW,                                   \
    "tasks.py/taskgroups.py 3.13: name= passed to create_task, no Task-N used")        \
  X(ver, factory_names_none, V(3, 13, 0), V(3, 13, 2),                                 \
    "base_events.py 3.13: set_name(None) with a task factory; 3.14 passes kwargs")     \
  X(ver, factory_sets_name_after, V(3, 11, 0), V(3, 13, 2),                            \
    "base_events.py <=3.13.2: the task factory gets no name; set_name after it")       \
  X(ver, semaphore_wake_many, V(3, 13, 0), NOW,                                        \
    "locks.py 3.13: Semaphore.acquire wakes as many waiters as _value allows")         \
  X(ver, condition_notify_on_error, V(3, 13, 0), NOW,                                  \
    "locks.py 3.13: any exception out of Condition.wait notifies one waiter")          \
  X(ver, taskgroup_313_cancel_levels, V(3, 13, 0), NOW,                                \
    "taskgroups.py 3.13: uncancel after waiting, re-cancel on errors")                 \
  X(ver, taskgroup_refusal_closes_coro, V(3, 13, 0), NOW,                              \
    "taskgroups.py:187-194@3.13.2: create_task closes a refused coroutine")            \
  X(ver, timeout_insert_timeout_error, V(3, 13, 0), NOW,                               \
    "timeouts.py 3.13: _insert_timeout_error into a foreign exception's chain")        \
  X(ver, as_completed_iterator, V(3, 13, 0), NOW,                                      \
    "tasks.py 3.13: as_completed returns an _AsCompletedIterator")                     \
  X(ver, queue_shutdown, V(3, 13, 0), NOW, "queues.py 3.13: Queue.shutdown, QueueShutDown") \
  X(ver, sleep_nan_error, V(3, 13, 0), NOW, "tasks.py 3.13: sleep(nan) raises ValueError") \
  X(ver, callback_repr_hides_args, V(3, 13, 0), NOW,                                   \
    "format_helpers.py 3.13: callback arguments shown only in debug mode")             \
  X(ver, barrier_parties_ge1_message, V(3, 13, 0), NOW,                                \
    "locks.py 3.13: Barrier(0) says 'parties must be >= 1'")                           \
  X(ver, shield_awaited_by_callbacks, V(3, 14, 0), NOW,                                \
    "tasks.py 3.14: shield adds _clear_awaited_by_callback, _log_on_exception")        \
  X(ver, create_task_kwargs, V(3, 14, 0), NOW,                                         \
    "tasks.py/base_events.py 3.14: create_task(**kwargs) passed to factories")         \
  /* Language level: builtins and error texts. */                                   \
  X(ver, sum_float_compensated, V(3, 12, 0), NOW,                                      \
    "gh-100425: sum() adds floats with Neumaier compensation")                         \
  X(ver, minmax_empty_iterable_message, V(3, 12, 0), NOW,                              \
    "3.12: min()/max() of nothing: 'iterable argument is empty'")                      \
  X(ver, str_replace_clinic_message, V(3, 13, 0), NOW,                                 \
    "3.13: str.replace takes count by keyword (Argument Clinic message)")              \
  X(ver, not_container_message, V(3, 14, 0), NOW,                                      \
    "3.14: 'argument of type X is not a container or iterable'")                       \
  X(ver, unhashable_key_message, V(3, 14, 0), NOW,                                     \
    "3.14: 'cannot use X as a dict key (unhashable type: X)'")                         \
  X(ver, list_index_generic_message, V(3, 14, 0), NOW,                                 \
    "3.14: 'list.index(x): x not in list'")                                            \
  X(ver, dict_update_not_iterable_message, V(3, 14, 0), NOW,                           \
    "3.14: dict.update with a non-iterable element: 'object is not iterable'")         \
  X(ver, unpack_reports_count, V(3, 14, 0), NOW,                                       \
    "3.14: 'too many values to unpack (expected 2, got 3)'")                           \
  X(ver, iter_sentinel_object_message, V(3, 12, 0), V(3, 12, 99),                      \
    "3.12 only: 'iter(object, sentinel): object must be callable'")                    \
  X(ver, class_static_attributes, V(3, 13, 0), NOW,                                  \
    "3.13: a class __dict__ holds __firstlineno__ and __static_attributes__")         \
  X(ver, const_set_remade, V(3, 11, 0), V(3, 13, 99),                                \
    "compile.c <=3.13 merge_consts_recursive rebuilds a frozenset constant")          \
  X(ver, gen_close_returns_value, V(3, 13, 0), NOW,                                    \
    "gh-104770: generator.close() returns the value returned after GeneratorExit") \
  X(ver, setattr_no_dict_message, V(3, 13, 0), NOW,                                    \
    "3.13: 'and no __dict__ for setting new attributes'")                              \
  X(ver, abstract_class_quoted_message, V(3, 12, 0), NOW,                              \
    "typeobject.c 3.12: 'without an implementation for abstract method 'f''")        \
  X(ver, namespace_module_repr_path, V(3, 12, 0), NOW,                                 \
    "_bootstrap.py 3.12: \"<module 'a' (namespace) from ['/dir/a']>\"")              \
  X(ver, mro_error_one_line, V(3, 13, 0), NOW,                                         \
    "3.13: 'Cannot create a consistent method resolution order (MRO)' on one line")   \
  X(ver, await_type_message, V(3, 14, 0), NOW, "3.14: \"'int' object can't be awaited\"") \
  X(ver, as_completed_awaitables_message, V(3, 13, 0), NOW,                            \
    "tasks.py 3.13: 'expects an iterable of awaitables, not Future'")                  \
  X(ver, str_ctor_clinic_message, V(3, 13, 0), NOW,                                    \
    "3.13: str() arguments checked by Argument Clinic: 'str expected at most 3 arguments'") \
  X(ver, errno_wasi, V(3, 12, 0), NOW,                                                 \
    "platform: the 3.12-3.14 oracles are Pyodide (Emscripten), errno numbered as WASI") \
  X(ver, errno_ehwpoison, V(3, 14, 0), NOW, "errnomodule.c 3.14: EHWPOISON")             \
  X(ver, syntax_error_metadata, V(3, 14, 0), NOW,                                      \
    "exceptions.c 3.14: SyntaxError's info tuple takes _metadata (at most 7 items)")    \
  X(ver, chr_big_value_error, V(3, 13, 0), NOW,                                        \
    "3.13: chr() beyond C int raises ValueError, not OverflowError")                   \
  X(ver, tee_copies_tee_input, V(3, 13, 0), NOW,                                       \
    "gh-123884 (3.13): itertools.tee() of a tee gives n new copies, not it first")     \
  X(ver, strptime_percent_at_end_literal, V(3, 13, 0), V(3, 13, 2),                    \
    "_strptime.py 3.13: TimeRE.pattern's re.sub leaves a final '%' as a literal")      \
  X(ver, token_context_manager, V(3, 14, 0), NOW,                                      \
    "context.c 3.14: contextvars.Token is a context manager (exit resets the var)")  \
  X(ver, flag_strict_boundary, V(3, 11, 7), NOW,                                      \
    "enum.py (in 3.11.7, not 3.11.2): Flag boundary STRICT, aliases in pseudo names")  \
  X(ver, argparse_combined_flags_rest, V(3, 12, 0), NOW,                               \
    "argparse.py 3.12: -xyz with an unknown tail goes to the extras")                  \
  X(ver, argparse_metavar_once, V(3, 13, 0), NOW,                                      \
    "argparse.py 3.13: help lists '-f, --foo FOO' (metavar once)")                     \
  X(ver, argparse_choices_str, V(3, 13, 0), NOW,                                       \
    "argparse.py 3.13: 'invalid choice' prints str() of value and choices")            \
  X(ver, argparse_action_deprecated, V(3, 13, 0), NOW,                                 \
    "argparse.py 3.13: Action(deprecated=False)")                                      \
  X(ver, argparse_remainder_optional, V(3, 13, 0), NOW,                                \
    "argparse.py 3.13: a REMAINDER positional is not required")                        \
  X(ver, argparse_suggest_and_color, V(3, 14, 0), NOW,                                 \
    "argparse.py 3.14: ArgumentParser(suggest_on_error=, color=)")                     \
  X(ver, argparse_unknown_action_repr, V(3, 14, 0), NOW,                               \
    "argparse.py 3.14: 'unknown action %r'")                                           \
  /* The loop's I/O surface. */                                                       \
  X(ver, transport_sendmsg, V(3, 12, 0), NOW,                                          \
    "selector_events.py 3.12: _write_sendmsg, writelines sends at once")               \
  X(ver, transport_writelines_pauses, V(3, 13, 0), NOW,                                \
    "selector_events.py 3.13: writelines calls _maybe_pause_protocol")                 \
  X(ver, transport_write_type_message, V(3, 14, 0), NOW,                               \
    "selector_events.py 3.14: 'data argument must be a bytes, bytearray, or ...'")     \
  X(ver, accept_backlog_plus_one, V(3, 14, 0), NOW,                                    \
    "selector_events.py 3.14: _accept_connection accepts backlog + 1")                 \
  X(ver, server_wait_closed_for_clients, V(3, 12, 1), NOW,                             \
    "gh-79033 (3.12.1): Server.wait_closed waits for the connections")                 \
  X(ver, server_close_clients, V(3, 13, 0), NOW,                                       \
    "base_events.py 3.13: Server.close_clients/abort_clients")                         \
  X(ver, create_server_bind_str_message, V(3, 12, 0), NOW,                             \
    "base_events.py 3.12: create_server's, _connect_sock's bind errors: str(err).lower()")           \
  X(ver, add_reader_unless_paused, V(3, 11, 7), NOW,                                   \
    "gh-103607 (3.12.0; in 3.11.7, not 3.11.2): pause_reading() in connection_made holds") \
  X(ver, streams_client_task_callback, V(3, 11, 7), NOW,                               \
    "gh-110894 (3.12.1, 3.11.7): connection_made.<locals>.callback on the client task")  \
  X(ver, streams_client_callback_cancelled, V(3, 12, 2), NOW,                          \
    "gh-113538 (3.12.2): the client task's callback closes the transport if cancelled")
/* clang-format on */

/* One switch's value in release `ver`: on from `first` to `last`. */
#define SWITCH_IN(ver, name, first, last, change) .name = (ver) >= (first) && (ver) <= (last),

/* A release's row, every switch set from the table. */
#define PROFILE(name, major, minor, micro)                                                         \
  { name, major, minor, micro, SL_PROFILE_SWITCHES(SWITCH_IN, V(major, minor, micro)) }

/* The releases simloop reproduces. */
static const sl_profile profiles[] = {
    PROFILE("3.11.2", 3, 11, 2), PROFILE("3.11.7", 3, 11, 7), PROFILE("3.12.1", 3, 12, 1),
    PROFILE("3.12.7", 3, 12, 7), PROFILE("3.13.0", 3, 13, 0), PROFILE("3.13.2", 3, 13, 2),
    PROFILE("3.14.2", 3, 14, 2),
};

/* A minor version alone resolves to the newest release we reproduce. */
static const struct {
  const char *alias;
  const char *exact;
} aliases[] = {
    {"3.11", "3.11.7"},
    {"3.12", "3.12.7"},
    {"3.13", "3.13.2"},
    {"3.14", "3.14.2"},
};

const sl_profile *sl_profile_default(void) { return sl_profile_find("3.14"); }

const sl_profile *sl_profile_find(const char *version) {
  for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
    if (strcmp(version, aliases[i].alias) == 0) version = aliases[i].exact;
  for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
    if (strcmp(version, profiles[i].name) == 0) return &profiles[i];
  return NULL;
}

const char *sl_profile_names(void) {
  return "3.11, 3.11.2, 3.11.7, 3.12, 3.12.1, 3.12.7, 3.13, 3.13.0, 3.13.2, 3.14, 3.14.2";
}
