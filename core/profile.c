/* The table of CPython versions simloop reproduces (see profile.h). Each
 * switch cites the change it mirrors; research/cpython-asyncio-semantics.md
 * section 6 has a program showing each difference. */
#include "core/profile.h"

#include <string.h>

/* The language-level switches, cumulative by minor version. */
#define SL_LANG_312 .sum_float_compensated = true, .minmax_empty_iterable_message = true
#define SL_LANG_313 SL_LANG_312, .str_replace_clinic_message = true, .gen_close_returns_value = true, \
                    .chr_big_value_error = true
#define SL_LANG_314                                                            \
  SL_LANG_313, .not_container_message = true, .unhashable_key_message = true,  \
      .list_index_generic_message = true, .dict_update_not_iterable_message = true, \
      .unpack_reports_count = true

/* Fields in the order of sl_profile. */
#define P311(name, micro, fix3)                                                \
  {name, 3, 11, micro,                                                         \
   .timeout_cancelling_level = fix3, .timeout_raise_from = fix3,          \
   .taskgroup_enter_checks_parent = fix3}

static const sl_profile profiles[] = {
    P311("3.11.2", 2, false),
    P311("3.11.7", 7, true),
    {"3.12.1", 3, 12, 1, .taskgroup_enter_checks_parent = true, .timeout_cancelling_level = true, .timeout_raise_from = true,
     .wait_for_uses_timeout = true, .gather_sync_done_children = true,
     .eager_tasks = true, .taskgroup_eager_sync_done = true, .iter_sentinel_object_message = true, SL_LANG_312},
    {"3.12.7", 3, 12, 7, .taskgroup_enter_checks_parent = true, .timeout_cancelling_level = true, .timeout_raise_from = true,
     .wait_for_uses_timeout = true, .gather_sync_done_children = true,
     .eager_tasks = true, .taskgroup_eager_sync_done = true,
     .set_exception_stopiteration_runtimeerror = true, .iter_sentinel_object_message = true, SL_LANG_312},
    {"3.13.0", 3, 13, 0, .taskgroup_enter_checks_parent = true,
     .barrier_parties_ge1_message = true, .timeout_cancelling_level = true, .timeout_raise_from = true,
     .wait_for_uses_timeout = true, .gather_sync_done_children = true,
     .eager_tasks = true, .taskgroup_eager_sync_done = true,
     .set_exception_stopiteration_runtimeerror = true,
     .uncancel_resets_must_cancel = true, .named_task_keeps_counter = true,
     .factory_names_none = true, .semaphore_wake_many = true,
     .condition_notify_on_error = true, .taskgroup_313_cancel_levels = true,
     .taskgroup_refusal_closes_coro = true,
     .timeout_insert_timeout_error = true, .as_completed_iterator = true,
     .queue_shutdown = true, .sleep_nan_error = true,
     .callback_repr_hides_args = true, SL_LANG_313},
    /* gh-128550 (3.13.2): TaskGroup always registers _on_task_done. */
    {"3.13.2", 3, 13, 2, .taskgroup_enter_checks_parent = true,
     .barrier_parties_ge1_message = true, .timeout_cancelling_level = true, .timeout_raise_from = true,
     .wait_for_uses_timeout = true, .gather_sync_done_children = true,
     .eager_tasks = true, .set_exception_stopiteration_runtimeerror = true,
     .uncancel_resets_must_cancel = true, .named_task_keeps_counter = true,
     .factory_names_none = true, .semaphore_wake_many = true,
     .condition_notify_on_error = true, .taskgroup_313_cancel_levels = true,
     .taskgroup_refusal_closes_coro = true,
     .timeout_insert_timeout_error = true, .as_completed_iterator = true,
     .queue_shutdown = true, .sleep_nan_error = true,
     .callback_repr_hides_args = true, SL_LANG_313},
    /* 3.14: shield's awaited-by bookkeeping; factories get kwargs, so the
     * "None" name of 3.13 is gone. */
    {"3.14.2", 3, 14, 2, .taskgroup_enter_checks_parent = true,
     .barrier_parties_ge1_message = true, .timeout_cancelling_level = true, .timeout_raise_from = true,
     .wait_for_uses_timeout = true, .gather_sync_done_children = true,
     .eager_tasks = true, .set_exception_stopiteration_runtimeerror = true,
     .uncancel_resets_must_cancel = true, .named_task_keeps_counter = true,
     .semaphore_wake_many = true, .condition_notify_on_error = true,
     .taskgroup_313_cancel_levels = true,
     .taskgroup_refusal_closes_coro = true, .timeout_insert_timeout_error = true,
     .as_completed_iterator = true, .queue_shutdown = true, .sleep_nan_error = true,
     .shield_awaited_by_callbacks = true, .create_task_kwargs = true,
     .callback_repr_hides_args = true, SL_LANG_314},
};

/* A minor version alone resolves to the newest release we reproduce. */
static const struct {
  const char *alias;
  const char *exact;
} aliases[] = {
    {"3.11", "3.11.7"}, {"3.12", "3.12.7"}, {"3.13", "3.13.2"}, {"3.14", "3.14.2"},
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
