# The coverage strategy: run signal, corpus, mutations (sim/covsig.h, sim/corpus.h).
sl_unit_test(corpus unit/test_corpus.c)
