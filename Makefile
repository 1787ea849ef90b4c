# Casebook developer entry points. `make run` and `make test` work on a fresh Debian 12 machine:
# both first install any missing Debian packages (apt-get, as root or through sudo).
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)

DEBIAN_PACKAGES := cmake ninja-build g++ pkg-config ccache qt6-base-dev qt6-charts-dev \
    libsqlite3-dev libsqlitecpp-dev sqlite3 catch2 libxlsxwriter-dev libgl-dev \
    fonts-dejavu-core qt6-qpa-plugins unzip poppler-utils

.PHONY: all deps configure build run test bench screenshots clean format

all: build

deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "Installing missing Debian packages:$$missing"; \
	    SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/app/casebook --demo

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS) --no-tests=error

bench: build
	cmake --build $(BUILD_DIR) --target bench-all
	set -e; for b in $(BUILD_DIR)/bench/casebook-bench-*; do [ -f "$$b" ] && [ -x "$$b" ] || continue; echo; "$$b"; done

screenshots: build
	QT_QPA_PLATFORM=offscreen $(BUILD_DIR)/app/casebook --demo --screenshot screens

clean:
	rm -rf $(BUILD_DIR)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

# libFuzzer targets (issue 16) in their own clang build directory, GUI off. `make fuzz` runs each
# target for FUZZ_SECONDS from its seed corpus (tests/fuzz/corpus/<target>) and stops at the first
# crash; CI calls `make fuzz-ci`. Needs clang and libFuzzer (Debian: clang libfuzzer-14-dev).
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := fuzz_csv_reader fuzz_ods_import fuzz_payments_import fuzz_json_import fuzz_csv_import

.PHONY: fuzz fuzz-build fuzz-ci

$(FUZZ_DIR)/build.ninja:
	cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
	    -DCMAKE_CXX_COMPILER=clang++ -DCASEBOOK_FUZZ=ON -DCASEBOOK_BUILD_GUI=OFF -DCASEBOOK_BUILD_TESTS=OFF

fuzz-build: $(FUZZ_DIR)/build.ninja
	cmake --build $(FUZZ_DIR) --target fuzz-targets -j $(JOBS)

fuzz: fuzz-build
	set -e; for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/crashes; \
	    echo "== $$t: $(FUZZ_SECONDS) s"; \
	    $(FUZZ_DIR)/tests/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=262144 -rss_limit_mb=4096 \
	        -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/crashes/$$t- \
	        $(FUZZ_DIR)/corpus/$$t tests/fuzz/corpus/$$t; \
	done

fuzz-ci:
	$(MAKE) fuzz FUZZ_SECONDS=60
