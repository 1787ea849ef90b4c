# Casebook developer entry points. `make run` and `make test` work on a fresh Debian 12 machine:
# both first install any missing Debian packages (apt-get, as root or through sudo).
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

# Everything the build and the tests need on Debian 12. This list is the one place that says so:
# .ci/run proves it by running `make test` and `make run` in a pristine Debian 12 chroot.
#   build tools: cmake ninja-build g++ pkg-config ccache
#   Qt 6: qt6-base-dev qt6-charts-dev, and libqt6opengl6-dev + libgl-dev that Qt6Charts' CMake
#         package needs; qt6-qpa-plugins so the window opens on a desktop (and offscreen)
#   libraries: libsqlite3-dev libsqlitecpp-dev libxlsxwriter-dev zlib1g-dev (xlsxwriter links -lz)
#         libsodium-dev (team exchange)
#   tests: catch2 (v2), sqlite3, unzip (xlsx contents), poppler-utils (pdf text), fonts-dejavu-core
DEBIAN_PACKAGES := cmake ninja-build g++ pkg-config ccache \
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev qt6-qpa-plugins \
    libsqlite3-dev libsqlitecpp-dev libxlsxwriter-dev zlib1g-dev libsodium-dev \
    catch2 sqlite3 unzip poppler-utils fonts-dejavu-core
# `make package` also needs dpkg-shlibdeps (dpkg-dev) and `file`, which CPack's DEB generator runs.
PACKAGE_PACKAGES := dpkg-dev file
# Fuzz targets only (`make deps-fuzz`): clang with libFuzzer and its sanitizer runtimes (libclang-rt-14-dev,
# which apt does not pull in without recommends). `make test` does not install these.
FUZZ_PACKAGES := clang libfuzzer-14-dev libclang-rt-14-dev

.PHONY: all deps deps-package deps-fuzz list-packages configure build run test bench package screenshots clean format

all: build

# $(call install-missing,PACKAGES): apt-get install those of PACKAGES that are not installed yet.
define install-missing
	@missing=""; for p in $(1); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "Installing missing Debian packages:$$missing"; \
	    SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install-missing,$(DEBIAN_PACKAGES))

deps-package: deps
	$(call install-missing,$(PACKAGE_PACKAGES))

deps-fuzz: deps
	$(call install-missing,$(FUZZ_PACKAGES))

# The build packages, one a line (.ci/run removes them again before installing the .deb).
list-packages:
	@printf '%s\n' $(DEBIAN_PACKAGES)

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/app/casebook --demo

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS) --no-tests=error

# One markdown table: every figure at 10,000, 50,000 and 100,000 contractors with its growth, printed
# at the end and written to $(BUILD_DIR)/bench-table.md to paste; then the ODS import beside sqlite3
# and a 1,000,000-row file imported (CASEBOOK_BENCH_BIG_PREVIEW=1: previewed too); then team sync
# (on a copy of the register seeded at 50,000, not seeded a second time). An optimised build in
# another folder: `make bench BUILD_DIR=build-rel` (configured RelWithDebInfo if it is new).
# BENCH_ARGS="--sizes 2000,10000" and CASEBOOK_BENCH_BIG_ROWS=0 for a quick look;
# BENCH_NICE="nice -n 5" on a shared machine.
BENCH_NICE ?=
bench: configure
	cmake --build $(BUILD_DIR) --target bench-all -j $(JOBS)
	@start=$$(date +%s); \
	rm -f $(BUILD_DIR)/bench-seed-50000.db; \
	QT_QPA_PLATFORM=offscreen $(BENCH_NICE) $(BUILD_DIR)/bench/casebook-bench-scale --table $(BUILD_DIR)/bench-table.md \
		--keep-seed 50000:$(BUILD_DIR)/bench-seed-50000.db $(BENCH_ARGS) && \
	$(BENCH_NICE) $(BUILD_DIR)/bench/casebook-bench-import && \
	$(BENCH_NICE) $(BUILD_DIR)/bench/casebook-bench-team --seeded $(BUILD_DIR)/bench-seed-50000.db $(BENCH_TEAM_ARGS) && \
	rm -f $(BUILD_DIR)/bench-seed-50000.db && \
	echo "make bench: $$(( $$(date +%s) - start )) s after the build; load average now $$(cut -d' ' -f1-3 /proc/loadavg)"

# The Debian package (stripped binaries, desktop file, icon, AppStream metainfo) in $(BUILD_DIR).
package: deps-package build
	cd $(BUILD_DIR) && cpack -G DEB

screenshots: build
	$(BUILD_DIR)/app/casebook --demo --screenshot screens

clean:
	rm -rf $(BUILD_DIR)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

# libFuzzer targets (issue 16) in their own clang build directory, GUI off. `make fuzz` runs each
# target for FUZZ_SECONDS from its seed corpus (tests/fuzz/corpus/<target>) and stops at the first
# crash; CI calls `make fuzz-ci`. Needs clang and libFuzzer (Debian: clang libfuzzer-14-dev).
# FUZZ_RUNS=1000000 runs each target for that many inputs instead of FUZZ_SECONDS (issue 16's goal);
# FUZZ_TARGETS="fuzz_team_package" runs only the targets named. fuzz_team_package runs with inputs of
# at most 16 KiB (FUZZ_TEAM_MAX_LEN): its seeds include whole packages of about 180 KB, and every
# mutation of one paid for applying hundreds of changes (20 inputs/s); it also writes small bodies of
# each record type's changes as seeds, which reach the same code (about 500 inputs/s, more coverage).
# How long 10^6 inputs take (2-core machine, two targets at a time, 30 Nov - 1 Dec 2026):
# fuzz_ods_import 1,020 s and fuzz_payments_import 995 s on an idle machine; fuzz_csv_reader 56 min
# beside two engineers' builds. Inputs in CI's 60 s on an idle machine: CSV reader about 200,000,
# ODS 114,000, payments 131,000, Casebook CSV 100,000, JSON 38,000 (10^6 in about half an hour).
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?=
FUZZ_TARGETS ?= fuzz_csv_reader fuzz_ods_import fuzz_payments_import fuzz_json_import fuzz_csv_import fuzz_team_package
FUZZ_LIMIT = $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS),-max_total_time=$(FUZZ_SECONDS))
FUZZ_MAX_LEN ?= 262144
FUZZ_TEAM_MAX_LEN ?= 16384

.PHONY: fuzz fuzz-build fuzz-ci

# clang and libFuzzer first: on a fresh machine `make fuzz` must install what it needs, as make test does.
$(FUZZ_DIR)/build.ninja: | deps-fuzz
	cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
	    -DCMAKE_CXX_COMPILER=clang++ -DCASEBOOK_FUZZ=ON -DCASEBOOK_BUILD_GUI=OFF -DCASEBOOK_BUILD_TESTS=OFF

fuzz-build: $(FUZZ_DIR)/build.ninja
	cmake --build $(FUZZ_DIR) --target fuzz-targets -j $(JOBS)

fuzz: fuzz-build
	set -e; for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/crashes; \
	    echo "== $$t: $(FUZZ_LIMIT)"; \
	    max_len=$(FUZZ_MAX_LEN); [ $$t != fuzz_team_package ] || max_len=$(FUZZ_TEAM_MAX_LEN); \
	    CASEBOOK_FUZZ_SEEDS=$(FUZZ_DIR)/corpus/$$t \
	    $(FUZZ_DIR)/tests/fuzz/$$t $(FUZZ_LIMIT) -max_len=$$max_len -rss_limit_mb=4096 \
	        -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/crashes/$$t- \
	        $(FUZZ_DIR)/corpus/$$t tests/fuzz/corpus/$$t; \
	done

fuzz-ci:
	$(MAKE) fuzz FUZZ_SECONDS=60
