# `simloop conform --seed`: perturbed schedules conform to CPython too.
sl_cli_test(conform_seeded conform_seeded.sh)
