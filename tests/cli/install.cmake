# install.prefix_run: cmake --install into a scratch prefix, then the
# installed binary conforms a scenario with its installed oracle.
sl_cli_test(install install.sh)
set_tests_properties(cli.install PROPERTIES TIMEOUT 300)
set_property(TEST cli.install APPEND PROPERTY ENVIRONMENT "SL_BINARY_DIR=${PROJECT_BINARY_DIR}")
