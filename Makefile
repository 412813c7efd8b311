# OmenDB — a thin wrapper over Meson + Ninja.
#
#   make / make build   configure build/ if needed, compile
#   make run            install missing packages, build, run build/omendb in the
#                       foreground on its defaults (./omendb-data, 127.0.0.1:5433);
#                       extra flags: make run ARGS="--log-level debug"
#   make test           install missing packages, build, run every test suite
#                       (unit, sql, psql, protocol, crash, fuzz, and sql-pg,
#                       diff and slt when PostgreSQL 15 is installed); narrow with
#                       make test SUITE=sql   or   make test TESTS="sql/ddl"
#   make asan           build build-asan/ with AddressSanitizer + UBSan
#   make test-asan      the suites (sql-pg aside; slt on a subset of its corpus) under
#                       the sanitizers; any report fails
#   make deps           only the package check (scripts/install-deps.sh)
#   make clean          remove build/ and build-asan/ (never ./omendb-data)

BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
MESON     ?= meson
NINJA     ?= ninja
PYTHON    := /usr/bin/python3
ARGS      ?=
SUITE     ?=
TESTS     ?=

# GCC's -fsanitize=undefined instrumentation makes some flow-based warnings
# fire falsely (e.g. "null format string" on vsnprintf(NULL, 0, ...)): those
# stay visible but are not errors in this build only.
ASAN_SETUP = -Db_sanitize=address,undefined -Db_lundef=false \
             '-Dc_args=-fno-omit-frame-pointer -Wno-error=format-truncation -Wno-error=maybe-uninitialized -Wno-error=nonnull -Wno-error=stringop-overflow'
MESON_TEST_ARGS = --print-errorlogs $(if $(SUITE),--suite $(SUITE)) $(TESTS)

# Sanitizer reports are fatal; leak detection only where LeakSanitizer works.
LSAN_WORKS = $(shell test/lib/lsan-works.sh 2>/dev/null || echo 0)
SAN_ENV = OMENDB_TEST_SLOWDOWN=3 ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=$(LSAN_WORKS):print_summary=1 \
          UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1:print_summary=1 \
          LSAN_OPTIONS=print_suppressions=0

.NOTPARALLEL:
.PHONY: all build run test asan test-asan deps clean

all: build

deps:
	@scripts/install-deps.sh

# setup: configure DIR (with extra options) unless it is already configured
define setup
	@if [ -f $(1)/build.ninja ]; then :; \
	elif [ -d $(1)/meson-private ]; then $(MESON) setup --wipe $(1) $(2); \
	else $(MESON) setup $(1) $(2); fi
endef

build:
	$(call setup,$(BUILD_DIR),)
	@$(NINJA) -C $(BUILD_DIR)

run: deps build
	exec ./$(BUILD_DIR)/omendb $(ARGS)

test: deps build
	@rm -f $(BUILD_DIR)/meson-logs/testlog.json
	@rc=0; $(MESON) test -C $(BUILD_DIR) $(MESON_TEST_ARGS) || rc=$$?; \
	$(PYTHON) test/lib/summary.py --rc $$rc --label test $(BUILD_DIR)/meson-logs/testlog.json; \
	exit $$rc

asan:
	$(call setup,$(ASAN_DIR),$(ASAN_SETUP))
	@$(NINJA) -C $(ASAN_DIR)

test-asan: deps asan
	@rm -f $(ASAN_DIR)/meson-logs/testlog.json
	@rc=0; $(SAN_ENV) $(MESON) test -C $(ASAN_DIR) --no-suite sql-pg --no-suite tpch --timeout-multiplier 3 \
		$(MESON_TEST_ARGS) || rc=$$?; \
	$(PYTHON) test/lib/summary.py --rc $$rc --label test-asan $(ASAN_DIR)/meson-logs/testlog.json; \
	exit $$rc

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)

# Learned-index benchmark (bench/learned/README.md; not a test):
#   make bench-learned   build build/bench/learned/learned_bench
#   bench/learned/run --keys N [--dist NAME|all] [--probes M]   run it
.PHONY: bench-learned
bench-learned: deps
	$(call setup,$(BUILD_DIR),)
	@$(NINJA) -C $(BUILD_DIR) bench/learned/learned_bench bench/learned/memlat

# TPC-H benchmark (bench/tpch/README.md; not a test):
#   make bench-tpch-gen   build build/bench/tpch/tpch_gen (the data generator)
#   bench/tpch/run [--sf 1] [--runs 3] [--systems pg,duckdb,omendb]   run it
.PHONY: bench-tpch-gen
bench-tpch-gen: deps
	$(call setup,$(BUILD_DIR),)
	@$(NINJA) -C $(BUILD_DIR) bench/tpch/tpch_gen

# ---------------------------------------------------------------------------
# Fuzzing (test/fuzz/README.md).
#   make fuzz           build build-fuzz/ with clang (ASan + UBSan, libFuzzer
#                       coverage on the whole library) and run each harness for
#                       FUZZ_SECONDS (default 30) on its corpus; findings go to
#                       build-fuzz/fuzz-artifacts/<harness>/ and fail the target
#   make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS="fuzz_sql fuzz_types"
#   make fuzz-build     only build the libFuzzer binaries
# Needs clang + libclang-rt-14-dev (test/fuzz/install-fuzz-deps.sh installs
# them; `make test` does not need them: it replays the committed corpus and
# crash inputs with the normal build, suite 'fuzz').
FUZZ_DIR     ?= build-fuzz
FUZZ_SECONDS ?= 30
FUZZ_TARGETS ?= fuzz_wire_startup fuzz_sql fuzz_rowcodec fuzz_types fuzz_numeric fuzz_lidx fuzz_like
FUZZ_CC      ?= clang
FUZZ_SETUP = -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=false \
             '-Dc_args=-fsanitize=fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer -Wno-unknown-warning-option'

.PHONY: fuzz fuzz-build fuzz-deps fuzz-clean

fuzz-deps:
	@test/fuzz/install-fuzz-deps.sh

fuzz-build: deps fuzz-deps
	@if [ -f $(FUZZ_DIR)/build.ninja ]; then :; \
	elif [ -d $(FUZZ_DIR)/meson-private ]; then CC=$(FUZZ_CC) $(MESON) setup --wipe $(FUZZ_DIR) $(FUZZ_SETUP); \
	else CC=$(FUZZ_CC) $(MESON) setup $(FUZZ_DIR) $(FUZZ_SETUP); fi
	@$(NINJA) -C $(FUZZ_DIR) $(addprefix test/fuzz/,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@test/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-clean:
	rm -rf $(FUZZ_DIR)

# Rewrite the learned-index harness's seeds (valid images of every model kind).
.PHONY: fuzz-lidx-seeds
fuzz-lidx-seeds: deps
	$(call setup,$(BUILD_DIR),)
	@$(NINJA) -C $(BUILD_DIR) test/fuzz/lidx_seeds
	@mkdir -p test/fuzz/corpus/fuzz_lidx
	@$(BUILD_DIR)/test/fuzz/lidx_seeds test/fuzz/corpus/fuzz_lidx

clean: fuzz-clean
