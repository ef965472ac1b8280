# Schedules, strategies and ddmin (sim/schedule.h, sim/ddmin.h).
sl_unit_test(schedule unit/test_schedule.c)
