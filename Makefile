# simloop: the two set-up commands of the README.
#   make demo   installs what is missing, builds, and runs the main job on a
#               bundled example
#   make test   the same set-up, then every test
# Everything else is CMake (CMakePresets.json); this file stays thin.

PRESET ?= default
BUILD  := build/$(PRESET)
SIMLOOP := $(BUILD)/simloop

# What the build and the tests need, as "thing-to-look-for:debian-package":
# a command on PATH, or a file. A fresh Debian 12 has only the C toolchain;
# a machine that already has a tool (say Node.js from elsewhere) keeps it.
NEEDS := cmake:cmake ninja:ninja-build pkg-config:pkg-config \
  /usr/include/sqlite3.h:libsqlite3-dev /usr/include/cmocka.h:libcmocka-dev \
  /usr/include/jansson.h:libjansson-dev \
  /usr/bin/python3:python3 /usr/lib/python3/dist-packages/pytest:python3-pytest \
  /usr/lib/python3/dist-packages/setuptools:python3-setuptools \
  /usr/lib/python3/dist-packages/wheel:python3-wheel \
  /usr/lib/python3.11/ensurepip:python3-venv \
  node:nodejs npm:npm valgrind:valgrind \
  clang-format:clang-format

PREFIX ?= /usr/local

.PHONY: all deps npm build test test-asan test-asan-unit test-debug demo install format clean compare-strategies bench

all: build

# Installs missing Debian packages when run as root; otherwise prints the
# exact command to run.
deps:
	@missing=""; for need in $(NEEDS); do \
	  what=$${need%%:*}; pkg=$${need#*:}; \
	  case $$what in /*) [ -e $$what ] ;; *) command -v $$what >/dev/null 2>&1 ;; esac || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "simloop: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends$$missing; \
	  else \
	    echo "simloop: missing Debian packages. Run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# CPython 3.12-3.14 for the oracle, from the committed npm lock file.
npm: deps
	@if [ ! -d oracle/pyodide/node_modules/pyodide-314 ]; then \
	  echo "simloop: installing Pyodide (CPython 3.12-3.14) from oracle/pyodide/package-lock.json"; \
	  cd oracle/pyodide && npm ci --no-audit --no-fund --loglevel=error; \
	fi

build: deps
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET)

test: deps npm
	cmake --workflow --preset $(PRESET)

test-asan:
	$(MAKE) test PRESET=asan

# The unit tests (ctest -L unit) under AddressSanitizer, whose leak check
# fails a test that leaks: what CI should run beside `make test` so a leak
# is seen when it is made (docs/building.md has its cost).
test-asan-unit: deps
	cmake --preset asan
	cmake --build --preset asan
	ctest --test-dir build/asan -L unit -j2 --output-on-failure

test-debug:
	$(MAKE) test PRESET=debug

# bin/simloop, its oracle and docs under PREFIX (docs/building.md).
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

demo: build
	@sh examples/demo.sh $(SIMLOOP)

# The exploration strategies compared on the deep bugs and the examples
# (docs/explore.md "Strategies compared"): runs to the first failure over 7
# seeds, distinct traces per 10,000 runs. Long (tens of minutes on 2
# cores): not part of make test.
compare-strategies: build
	sh bench/strategies.sh $(SIMLOOP) "random pct coverage" 7 50000 examples/deep/*.py
	sh bench/strategies.sh $(SIMLOOP) "random pct coverage" 7 2000 examples/*.py

# simloop against CPython 3.11.2 on the loop-bound benchmarks (a ratio
# each), recording's cost and explore's schedules per second (bench/run.sh,
# docs/performance.md). About a minute; not part of make test.
bench: build
	sh bench/run.sh $(SIMLOOP)

# Reformats every C file as .clang-format says (checked by structure.format).
format:
	@sh tests/structure/format.sh --fix

clean:
	rm -rf build
