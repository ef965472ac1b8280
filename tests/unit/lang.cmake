# Unit tests of core/lang/ (the scenario language front-end).
sl_unit_test(lexer unit/test_lexer.c)
sl_unit_test(parser unit/test_parser.c)
sl_unit_test(parse_robust unit/test_parse_robust.c)
