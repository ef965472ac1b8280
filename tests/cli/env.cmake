# The simulated environment's command-line tests (docs/language.md
# "Standard modules").
sl_cli_test(env_warnings env_warnings.sh)
sl_cli_test(env_refusals env_refusals.sh)
sl_cli_test(env_concurrent env_concurrent.sh)
sl_cli_test(realworld_compare realworld_compare.sh)
sl_cli_test(env_argparse env_argparse.sh)
