# The two commands of the README, and a few helpers.  The real build is CMake,
# run by scripts/build.sh, which keeps its progress in DIR/build.log.
#
#   make run     build pagefail (what scripts/deps.sh build installs is all
#                it needs), then scan this machine's kernel log and the
#                example, explain the example's RHEL 6 report, show this
#                machine's zones
#   make check   install what the tests need (scripts/deps.sh check), then
#                build and run every test: unit, corpus, CLI golden, the
#                checks against ../shared when it is there; Debug,
#                RelWithDebInfo and Release builds with gcc and clang; an
#                ASan+UBSan build of the whole suite;
#                valgrind; fuzzing; the style check (tests/style.sh:
#                clang-format, function length, nothing printed by lib/);
#                the Debian packages (make deb: built, lintian, installed
#                into a clean Debian 12 root); the real-kernel lab (make
#                lab: lab/README.md).
#                Warnings are errors in all of these, and only in these.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
RELEASE_BUILD ?= build-Release-gcc
FUZZ_SECONDS ?= 30
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
export JOBS

# what the check targets ask of a build: no warning, and the unit tests
CHECK_FLAGS = -DPF_WERROR=ON -DPF_UNIT_TESTS=ON
TEST_BUILD = scripts/build.sh $(BUILD) all -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	     -DBUILD_TESTING=ON $(CHECK_FLAGS)

.PHONY: all run check style test release asan valgrind fuzz deb lab bench clean format

all:
	@scripts/deps.sh build
	@scripts/build.sh $(BUILD) all -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON

# the command only: no test target, so no test dependency
$(BUILD)/pagefail: FORCE
	@scripts/deps.sh build
	@scripts/build.sh $(BUILD) pagefail-cli -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON

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
	@$(MAKE) --no-print-directory style test release asan valgrind fuzz deb lab

# formatted as .clang-format says, no function over 80 lines, a silent lib/
style:
	tests/style.sh

test:
	@$(TEST_BUILD)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# every build type with both compilers, built with -Werror, not run (the
# suite runs on RelWithDebInfo/gcc above and Debug/gcc under ASan): -O3
# finds warnings -O2 does not, and clang others than gcc
BUILD_TYPES = Debug RelWithDebInfo Release
release:
	@for t in $(BUILD_TYPES); do for c in gcc clang; do \
	  [ $$t/$$c = RelWithDebInfo/gcc ] && continue; \
	  scripts/build.sh build-$$t-$$c all -DCMAKE_BUILD_TYPE=$$t \
	    -DCMAKE_C_COMPILER=$$c -DBUILD_TESTING=ON $(CHECK_FLAGS) || exit 1; \
	done; done

# the suite under ASan+UBSan; build_without_cmocka builds without them
asan:
	@scripts/build.sh $(ASAN_BUILD) all -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_C_COMPILER=gcc -DPF_SANITIZE=address,undefined \
	  -DBUILD_TESTING=ON $(CHECK_FLAGS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -LE build

valgrind:
	@$(TEST_BUILD)
	tests/valgrind.sh $(BUILD)

fuzz:
	@scripts/build.sh $(FUZZ_BUILD) fuzzers -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_C_COMPILER=clang -DPF_FUZZ=ON -DBUILD_TESTING=ON $(CHECK_FLAGS)
	tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# the Debian packages (debian/): dpkg-buildpackage in a copy under
# build-deb/, lintian with no error or warning, then installed with apt-get
# into a clean Debian 12 root (debootstrap) and used there; that last part
# is skipped, said why, when not root
deb:
	@scripts/deps.sh deb
	scripts/deb.sh build-deb
	@rc=0; tests/deb.sh build-deb || rc=$$?; \
	if [ $$rc -eq 77 ]; then echo "deb: install test skipped (see above)"; \
	elif [ $$rc -ne 0 ]; then exit $$rc; fi

# the real-kernel lab (lab/README.md): Debian's kernel under QEMU, made to
# fail, and pagefail's answers held to it; skipped, said why, when it
# cannot run (not root, no packages)
lab: $(BUILD)/pagefail
	@rc=0; lab/lab.sh || rc=$$?; \
	if [ $$rc -eq 77 ]; then echo "lab: skipped (see above)"; \
	elif [ $$rc -ne 0 ]; then exit $$rc; fi

bench: $(BUILD)/pagefail
	@scripts/deps.sh bench
	bench/scan-vs-grep.sh $(BUILD)/pagefail
	bench/status-cpu.sh $(BUILD)/pagefail
	@scripts/build.sh $(RELEASE_BUILD) pagefail-cli -DCMAKE_BUILD_TYPE=Release
	bench/serve.sh $(RELEASE_BUILD)/pagefail
	bench/trace.sh $(RELEASE_BUILD)/pagefail || echo "bench: trace skipped (above)"
	bench/sim-bench.sh $(RELEASE_BUILD)/pagefail
	bench/sim-scale.sh $(RELEASE_BUILD)/pagefail
	bench/report.sh $(RELEASE_BUILD)/pagefail
	@if [ -n "$(PREVIOUS)" ]; then bench/previous.sh $(RELEASE_BUILD)/pagefail $(PREVIOUS); fi

format:
	clang-format-14 -i $$(git ls-files "*.c" "*.h")

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) build-Debug-* build-RelWithDebInfo-* build-Release-* build-lab build-deb

FORCE:
