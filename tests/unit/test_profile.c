/* Tests of core/profile.c: every version string resolves to exactly the
 * profile, and the switches, it resolved to when each release's row was
 * written out by hand (before the rows were generated from one table of
 * switch ranges). A switch turned on or off for a release fails here. */
// clang-format off
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
// clang-format on

#include <stdbool.h>
#include <string.h>

#include "core/profile.h"

/* Every switch of sl_profile, by name (written out here, not taken from
 * profile.c, so the test does not share the table it checks). */
/* The tables below are laid out by hand, a row per entry. */
/* clang-format off */
static const struct {
  const char *name;
  size_t offset;
} switches[] = {
    {"timeout_cancelling_level", offsetof(sl_profile, timeout_cancelling_level)},
    {"timeout_raise_from", offsetof(sl_profile, timeout_raise_from)},
    {"wait_for_uses_timeout", offsetof(sl_profile, wait_for_uses_timeout)},
    {"gather_sync_done_children", offsetof(sl_profile, gather_sync_done_children)},
    {"eager_tasks", offsetof(sl_profile, eager_tasks)},
    {"shutdown_executor_timeout", offsetof(sl_profile, shutdown_executor_timeout)},
    {"runner_run_takes_awaitables", offsetof(sl_profile, runner_run_takes_awaitables)},
    {"set_exception_stopiteration_runtimeerror", offsetof(sl_profile, set_exception_stopiteration_runtimeerror)},
    {"set_exception_refuses_stopiteration_subclass", offsetof(sl_profile, set_exception_refuses_stopiteration_subclass)},
    {"uncancel_resets_must_cancel", offsetof(sl_profile, uncancel_resets_must_cancel)},
    {"named_task_keeps_counter", offsetof(sl_profile, named_task_keeps_counter)},
    {"factory_names_none", offsetof(sl_profile, factory_names_none)},
    {"factory_sets_name_after", offsetof(sl_profile, factory_sets_name_after)},
    {"setattr_no_dict_message", offsetof(sl_profile, setattr_no_dict_message)},
    {"abstract_class_quoted_message", offsetof(sl_profile, abstract_class_quoted_message)},
    {"mro_error_one_line", offsetof(sl_profile, mro_error_one_line)},
    {"await_type_message", offsetof(sl_profile, await_type_message)},
    {"as_completed_awaitables_message", offsetof(sl_profile, as_completed_awaitables_message)},
    {"str_ctor_clinic_message", offsetof(sl_profile, str_ctor_clinic_message)},
    {"semaphore_wake_many", offsetof(sl_profile, semaphore_wake_many)},
    {"condition_notify_on_error", offsetof(sl_profile, condition_notify_on_error)},
    {"taskgroup_313_cancel_levels", offsetof(sl_profile, taskgroup_313_cancel_levels)},
    {"taskgroup_eager_sync_done", offsetof(sl_profile, taskgroup_eager_sync_done)},
    {"taskgroup_refusal_closes_coro", offsetof(sl_profile, taskgroup_refusal_closes_coro)},
    {"timeout_insert_timeout_error", offsetof(sl_profile, timeout_insert_timeout_error)},
    {"as_completed_iterator", offsetof(sl_profile, as_completed_iterator)},
    {"queue_shutdown", offsetof(sl_profile, queue_shutdown)},
    {"sleep_nan_error", offsetof(sl_profile, sleep_nan_error)},
    {"shield_awaited_by_callbacks", offsetof(sl_profile, shield_awaited_by_callbacks)},
    {"callback_repr_hides_args", offsetof(sl_profile, callback_repr_hides_args)},
    {"sum_float_compensated", offsetof(sl_profile, sum_float_compensated)},
    {"minmax_empty_iterable_message", offsetof(sl_profile, minmax_empty_iterable_message)},
    {"str_replace_clinic_message", offsetof(sl_profile, str_replace_clinic_message)},
    {"chr_big_value_error", offsetof(sl_profile, chr_big_value_error)},
    {"not_container_message", offsetof(sl_profile, not_container_message)},
    {"unhashable_key_message", offsetof(sl_profile, unhashable_key_message)},
    {"list_index_generic_message", offsetof(sl_profile, list_index_generic_message)},
    {"dict_update_not_iterable_message", offsetof(sl_profile, dict_update_not_iterable_message)},
    {"unpack_reports_count", offsetof(sl_profile, unpack_reports_count)},
    {"iter_sentinel_object_message", offsetof(sl_profile, iter_sentinel_object_message)},
    {"gen_close_returns_value", offsetof(sl_profile, gen_close_returns_value)},
    {"tee_copies_tee_input", offsetof(sl_profile, tee_copies_tee_input)},
    {"strptime_percent_at_end_literal", offsetof(sl_profile, strptime_percent_at_end_literal)},
    {"token_context_manager", offsetof(sl_profile, token_context_manager)},
    {"create_task_kwargs", offsetof(sl_profile, create_task_kwargs)},
    {"taskgroup_enter_checks_parent", offsetof(sl_profile, taskgroup_enter_checks_parent)},
    {"barrier_parties_ge1_message", offsetof(sl_profile, barrier_parties_ge1_message)},
    {"transport_sendmsg", offsetof(sl_profile, transport_sendmsg)},
    {"transport_writelines_pauses", offsetof(sl_profile, transport_writelines_pauses)},
    {"transport_write_type_message", offsetof(sl_profile, transport_write_type_message)},
    {"accept_backlog_plus_one", offsetof(sl_profile, accept_backlog_plus_one)},
    {"server_wait_closed_for_clients", offsetof(sl_profile, server_wait_closed_for_clients)},
    {"server_close_clients", offsetof(sl_profile, server_close_clients)},
    {"create_server_bind_str_message", offsetof(sl_profile, create_server_bind_str_message)},
    {"streams_client_task_callback", offsetof(sl_profile, streams_client_task_callback)},
    {"add_reader_unless_paused", offsetof(sl_profile, add_reader_unless_paused)},
    {"streams_client_callback_cancelled", offsetof(sl_profile, streams_client_callback_cancelled)},
    {"argparse_combined_flags_rest", offsetof(sl_profile, argparse_combined_flags_rest)},
    {"argparse_metavar_once", offsetof(sl_profile, argparse_metavar_once)},
    {"argparse_choices_str", offsetof(sl_profile, argparse_choices_str)},
    {"argparse_action_deprecated", offsetof(sl_profile, argparse_action_deprecated)},
    {"argparse_remainder_optional", offsetof(sl_profile, argparse_remainder_optional)},
    {"argparse_suggest_and_color", offsetof(sl_profile, argparse_suggest_and_color)},
    {"argparse_unknown_action_repr", offsetof(sl_profile, argparse_unknown_action_repr)},
};

/* Version string, exact profile it resolves to, and the switches on. */
static const struct {
  const char *version, *name;
  int major, minor, micro;
  const char *on;
} expected[] = {
    {"3.11", "3.11.7", 3, 11, 7,
       "timeout_cancelling_level timeout_raise_from "
       "taskgroup_enter_checks_parent"
       " streams_client_task_callback add_reader_unless_paused"
       " factory_sets_name_after"},
    {"3.11.2", "3.11.2", 3, 11, 2,
       "factory_sets_name_after"},
    {"3.11.7", "3.11.7", 3, 11, 7,
       "timeout_cancelling_level timeout_raise_from "
       "taskgroup_enter_checks_parent"
       " streams_client_task_callback add_reader_unless_paused"
       " factory_sets_name_after"},
    {"3.12", "3.12.7", 3, 12, 7,
       "timeout_cancelling_level timeout_raise_from wait_for_uses_timeout "
       "gather_sync_done_children eager_tasks shutdown_executor_timeout "
       "set_exception_stopiteration_runtimeerror taskgroup_eager_sync_done "
       "sum_float_compensated minmax_empty_iterable_message "
       "iter_sentinel_object_message taskgroup_enter_checks_parent"
       " set_exception_refuses_stopiteration_subclass"
       " transport_sendmsg create_server_bind_str_message server_wait_closed_for_clients streams_client_task_callback add_reader_unless_paused streams_client_callback_cancelled"
       " factory_sets_name_after"
       " argparse_combined_flags_rest abstract_class_quoted_message"},
    {"3.12.1", "3.12.1", 3, 12, 1,
       "timeout_cancelling_level timeout_raise_from wait_for_uses_timeout "
       "gather_sync_done_children eager_tasks shutdown_executor_timeout taskgroup_eager_sync_done "
       "sum_float_compensated minmax_empty_iterable_message "
       "iter_sentinel_object_message taskgroup_enter_checks_parent"
       " set_exception_refuses_stopiteration_subclass"
       " transport_sendmsg create_server_bind_str_message server_wait_closed_for_clients streams_client_task_callback add_reader_unless_paused"
       " factory_sets_name_after"
       " argparse_combined_flags_rest abstract_class_quoted_message"},
    {"3.12.7", "3.12.7", 3, 12, 7,
       "timeout_cancelling_level timeout_raise_from wait_for_uses_timeout "
       "gather_sync_done_children eager_tasks shutdown_executor_timeout "
       "set_exception_stopiteration_runtimeerror taskgroup_eager_sync_done "
       "sum_float_compensated minmax_empty_iterable_message "
       "iter_sentinel_object_message taskgroup_enter_checks_parent"
       " set_exception_refuses_stopiteration_subclass"
       " transport_sendmsg create_server_bind_str_message server_wait_closed_for_clients streams_client_task_callback add_reader_unless_paused streams_client_callback_cancelled"
       " factory_sets_name_after"
       " argparse_combined_flags_rest abstract_class_quoted_message"},
    {"3.13", "3.13.2", 3, 13, 2,
       "timeout_cancelling_level timeout_raise_from wait_for_uses_timeout "
       "gather_sync_done_children eager_tasks shutdown_executor_timeout "
       "set_exception_stopiteration_runtimeerror uncancel_resets_must_cancel "
       "named_task_keeps_counter factory_names_none semaphore_wake_many "
       "condition_notify_on_error taskgroup_313_cancel_levels "
       "taskgroup_refusal_closes_coro timeout_insert_timeout_error "
       "as_completed_iterator queue_shutdown sleep_nan_error "
       "callback_repr_hides_args sum_float_compensated "
       "minmax_empty_iterable_message str_replace_clinic_message "
       "chr_big_value_error gen_close_returns_value tee_copies_tee_input "
       "taskgroup_enter_checks_parent barrier_parties_ge1_message"
       " set_exception_refuses_stopiteration_subclass"
       " transport_sendmsg create_server_bind_str_message transport_writelines_pauses server_close_clients server_wait_closed_for_clients streams_client_task_callback add_reader_unless_paused streams_client_callback_cancelled"
       " factory_sets_name_after"
       " setattr_no_dict_message mro_error_one_line as_completed_awaitables_message str_ctor_clinic_message"
       " strptime_percent_at_end_literal"
       " argparse_combined_flags_rest argparse_metavar_once argparse_choices_str argparse_action_deprecated argparse_remainder_optional abstract_class_quoted_message"},
    {"3.13.0", "3.13.0", 3, 13, 0,
       "timeout_cancelling_level timeout_raise_from wait_for_uses_timeout "
       "gather_sync_done_children eager_tasks shutdown_executor_timeout "
       "set_exception_stopiteration_runtimeerror uncancel_resets_must_cancel "
       "named_task_keeps_counter factory_names_none semaphore_wake_many "
       "condition_notify_on_error taskgroup_313_cancel_levels "
       "taskgroup_eager_sync_done taskgroup_refusal_closes_coro "
       "timeout_insert_timeout_error as_completed_iterator queue_shutdown "
       "sleep_nan_error callback_repr_hides_args sum_float_compensated "
       "minmax_empty_iterable_message str_replace_clinic_message "
       "chr_big_value_error gen_close_returns_value tee_copies_tee_input "
       "taskgroup_enter_checks_parent barrier_parties_ge1_message"
       " set_exception_refuses_stopiteration_subclass"
       " transport_sendmsg create_server_bind_str_message transport_writelines_pauses server_close_clients server_wait_closed_for_clients streams_client_task_callback add_reader_unless_paused streams_client_callback_cancelled"
       " factory_sets_name_after"
       " setattr_no_dict_message mro_error_one_line as_completed_awaitables_message str_ctor_clinic_message"
       " strptime_percent_at_end_literal"
       " argparse_combined_flags_rest argparse_metavar_once argparse_choices_str argparse_action_deprecated argparse_remainder_optional abstract_class_quoted_message"},
    {"3.13.2", "3.13.2", 3, 13, 2,
       "timeout_cancelling_level timeout_raise_from wait_for_uses_timeout "
       "gather_sync_done_children eager_tasks shutdown_executor_timeout "
       "set_exception_stopiteration_runtimeerror uncancel_resets_must_cancel "
       "named_task_keeps_counter factory_names_none semaphore_wake_many "
       "condition_notify_on_error taskgroup_313_cancel_levels "
       "taskgroup_refusal_closes_coro timeout_insert_timeout_error "
       "as_completed_iterator queue_shutdown sleep_nan_error "
       "callback_repr_hides_args sum_float_compensated "
       "minmax_empty_iterable_message str_replace_clinic_message "
       "chr_big_value_error gen_close_returns_value tee_copies_tee_input "
       "taskgroup_enter_checks_parent barrier_parties_ge1_message"
       " set_exception_refuses_stopiteration_subclass"
       " transport_sendmsg create_server_bind_str_message transport_writelines_pauses server_close_clients server_wait_closed_for_clients streams_client_task_callback add_reader_unless_paused streams_client_callback_cancelled"
       " factory_sets_name_after"
       " setattr_no_dict_message mro_error_one_line as_completed_awaitables_message str_ctor_clinic_message"
       " strptime_percent_at_end_literal"
       " argparse_combined_flags_rest argparse_metavar_once argparse_choices_str argparse_action_deprecated argparse_remainder_optional abstract_class_quoted_message"},
    {"3.14", "3.14.2", 3, 14, 2,
       "timeout_cancelling_level timeout_raise_from wait_for_uses_timeout "
       "gather_sync_done_children eager_tasks shutdown_executor_timeout "
       "set_exception_stopiteration_runtimeerror uncancel_resets_must_cancel "
       "named_task_keeps_counter semaphore_wake_many "
       "condition_notify_on_error taskgroup_313_cancel_levels "
       "taskgroup_refusal_closes_coro timeout_insert_timeout_error "
       "as_completed_iterator queue_shutdown sleep_nan_error "
       "shield_awaited_by_callbacks runner_run_takes_awaitables callback_repr_hides_args "
       "sum_float_compensated minmax_empty_iterable_message "
       "str_replace_clinic_message chr_big_value_error not_container_message "
       "unhashable_key_message list_index_generic_message "
       "dict_update_not_iterable_message unpack_reports_count "
       "gen_close_returns_value tee_copies_tee_input token_context_manager create_task_kwargs "
       "taskgroup_enter_checks_parent barrier_parties_ge1_message"
       " set_exception_refuses_stopiteration_subclass"
       " transport_sendmsg create_server_bind_str_message transport_writelines_pauses server_close_clients transport_write_type_message accept_backlog_plus_one server_wait_closed_for_clients streams_client_task_callback add_reader_unless_paused streams_client_callback_cancelled"
       " setattr_no_dict_message mro_error_one_line as_completed_awaitables_message str_ctor_clinic_message await_type_message"
       " argparse_combined_flags_rest argparse_metavar_once argparse_choices_str argparse_action_deprecated argparse_remainder_optional argparse_suggest_and_color argparse_unknown_action_repr abstract_class_quoted_message"},
    {"3.14.2", "3.14.2", 3, 14, 2,
       "timeout_cancelling_level timeout_raise_from wait_for_uses_timeout "
       "gather_sync_done_children eager_tasks shutdown_executor_timeout "
       "set_exception_stopiteration_runtimeerror uncancel_resets_must_cancel "
       "named_task_keeps_counter semaphore_wake_many "
       "condition_notify_on_error taskgroup_313_cancel_levels "
       "taskgroup_refusal_closes_coro timeout_insert_timeout_error "
       "as_completed_iterator queue_shutdown sleep_nan_error "
       "shield_awaited_by_callbacks runner_run_takes_awaitables callback_repr_hides_args "
       "sum_float_compensated minmax_empty_iterable_message "
       "str_replace_clinic_message chr_big_value_error not_container_message "
       "unhashable_key_message list_index_generic_message "
       "dict_update_not_iterable_message unpack_reports_count "
       "gen_close_returns_value tee_copies_tee_input token_context_manager create_task_kwargs "
       "taskgroup_enter_checks_parent barrier_parties_ge1_message"
       " set_exception_refuses_stopiteration_subclass"
       " transport_sendmsg create_server_bind_str_message transport_writelines_pauses server_close_clients transport_write_type_message accept_backlog_plus_one server_wait_closed_for_clients streams_client_task_callback add_reader_unless_paused streams_client_callback_cancelled"
       " setattr_no_dict_message mro_error_one_line as_completed_awaitables_message str_ctor_clinic_message await_type_message"
       " argparse_combined_flags_rest argparse_metavar_once argparse_choices_str argparse_action_deprecated argparse_remainder_optional argparse_suggest_and_color argparse_unknown_action_repr abstract_class_quoted_message"},
};
/* clang-format on */

/* Whether `name` is a word of the space-separated list `on`. */
static bool listed(const char *on, const char *name) {
  size_t n = strlen(name);
  for (const char *p = on; (p = strstr(p, name)) != NULL; p += n)
    if ((p == on || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return true;
  return false;
}

static void test_every_version_resolves_as_before(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
    const sl_profile *p = sl_profile_find(expected[i].version);
    assert_non_null(p);
    assert_string_equal(p->name, expected[i].name);
    assert_int_equal(p->major, expected[i].major);
    assert_int_equal(p->minor, expected[i].minor);
    assert_int_equal(p->micro, expected[i].micro);
    for (size_t k = 0; k < sizeof switches / sizeof switches[0]; k++) {
      bool on = *(const bool *)((const char *)p + switches[k].offset);
      if (on != listed(expected[i].on, switches[k].name))
        fail_msg("%s: %s is %s", expected[i].version, switches[k].name, on ? "on" : "off");
    }
  }
}

/* The expected lists name only real switches (a typo would make a
 * switch silently expected off). */
static void test_expected_lists_name_switches(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
    size_t words = 0, known = 0;
    for (const char *p = expected[i].on; *p; p++)
      if (*p != ' ' && (p == expected[i].on || p[-1] == ' ')) words++;
    for (size_t k = 0; k < sizeof switches / sizeof switches[0]; k++)
      known += listed(expected[i].on, switches[k].name);
    assert_int_equal(words, known);
  }
}

static void test_default_and_unknown(void **state) {
  (void)state;
  assert_string_equal(sl_profile_default()->name, "3.14.2");
  assert_string_equal(sl_profile_names(),
                      "3.11, 3.11.2, 3.11.7, 3.12, 3.12.1, 3.12.7, 3.13, 3.13.0, 3.13.2, "
                      "3.14, 3.14.2");
  const char *unknown[] = {"3.10", "3.11.3", "3.13.1", "3.14.1", "3", "", "3.11.2 "};
  for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
    assert_null(sl_profile_find(unknown[i]));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_version_resolves_as_before),
      cmocka_unit_test(test_expected_lists_name_switches),
      cmocka_unit_test(test_default_and_unknown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
