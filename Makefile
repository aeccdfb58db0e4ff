# The two commands of the README, and a few helpers.  The real build is CMake.
#
#   make run     build, then scan this machine's kernel log and the example,
#                explain the example's RHEL 6 report, show this machine's zones
#   make check   build and run every test: unit, corpus, peer, CLI golden,
#                an ASan+UBSan build of the whole suite, valgrind, fuzzing

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 30
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all run check test asan valgrind fuzz bench clean format

all: $(BUILD)/pagefail

$(BUILD)/pagefail: FORCE
	@scripts/deps.sh build
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

run: $(BUILD)/pagefail
	@echo "== pagefail scan (this machine's kernel log)"
	@$(BUILD)/pagefail scan || [ $$? -eq 3 ] || echo "(the kernel log could not be read: see above)"
	@echo "== pagefail scan examples/seed-rhel6-kb-example.log"
	@$(BUILD)/pagefail scan examples/seed-rhel6-kb-example.log || [ $$? -eq 3 ]
	@echo "== pagefail explain --report 6 examples/seed-rhel6-kb-example.log"
	@$(BUILD)/pagefail explain --report 6 examples/seed-rhel6-kb-example.log || [ $$? -eq 3 ]
	@echo "== pagefail status (this machine)"
	@$(BUILD)/pagefail status || echo "(/proc could not be read: see above)"

check:
	@scripts/deps.sh check
	$(MAKE) test asan valgrind fuzz

test: $(BUILD)/pagefail
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=gcc \
	      -DPF_SANITIZE=address,undefined -DBUILD_TESTING=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

valgrind: $(BUILD)/pagefail
	tests/valgrind.sh $(BUILD)

fuzz:
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
	      -DPF_FUZZ=ON -DBUILD_TESTING=ON >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers
	tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: $(BUILD)/pagefail
	bench/scan-vs-grep.sh $(BUILD)/pagefail
	bench/status-cpu.sh $(BUILD)/pagefail
	cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
	cmake --build build-release -j $(JOBS) --target pagefail-cli
	bench/sim-bench.sh build-release/pagefail

format:
	clang-format -i include/*.h lib/*.c lib/*.h src/*.c src/*.h tests/unit/*.c tests/fuzz/*.c

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) build-release

FORCE:
