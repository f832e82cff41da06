# Thin wrapper around meson: the two commands of README.md and a few more.
#   make          build (build/ directory)
#   make run      install what is missing, build, boot the default guest
#   make check    install what is missing, build, run the whole test suite
#   make bench    run the benchmarks side by side with the reference emulator
BUILD ?= build
MESON_OPTS ?= -Dwerror=true

.PHONY: all build deps run check bench clean distclean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) $(MESON_OPTS)

build: $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: deps
	@$(MAKE) --no-print-directory build
	@scripts/fetch-guest.sh arm64
	@scripts/run-default-guest.sh $(BUILD)

check: deps
	@$(MAKE) --no-print-directory build
	@scripts/fetch-guest.sh arm64
	@scripts/run-tests.sh $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory build
	@TURTLE_BENCH=1 scripts/install-deps.sh
	@tests/bench/run.sh $(BUILD)

clean:
	-ninja -C $(BUILD) clean

distclean:
	rm -rf $(BUILD)
