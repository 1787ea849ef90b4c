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

# One markdown table: every figure at 10,000, 50,000 and 100,000 contractors with its growth.
# BENCH_ARGS="--sizes 2000,10000 --big-file 0" for a quick look.
bench: configure
	cmake --build $(BUILD_DIR) --target bench-all -j $(JOBS)
	$(BUILD_DIR)/bench/casebook-bench-scale $(BENCH_ARGS)

screenshots: build
	QT_QPA_PLATFORM=offscreen $(BUILD_DIR)/app/casebook --demo --screenshot screens

clean:
	rm -rf $(BUILD_DIR)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')
