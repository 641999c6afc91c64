# SPDX-License-Identifier: Apache-2.0
# igreport: turns Inspektor Gadget benchmark CSVs into PDF reports and SVG figures.
VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/igreport
MANDIR    = $(PREFIX)/share/man/man1
COMPLETIONDIR = $(PREFIX)/share/bash-completion/completions

CC       ?= cc
BUILD    ?= build
PKGS      = libxml-2.0 zlib
WARN      = -Wall -Wextra -Werror -pedantic -Wstrict-prototypes \
            -Wmissing-prototypes -Wwrite-strings -Wshadow
OPT      ?= -O2 -g
SAN_FLAGS =
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DIGREPORT_VERSION='"$(VERSION)"' \
            -DIGREPORT_DATADIR='"$(DATADIR)"'
# libharu has no .pc in Debian; HPDF_PREFIX builds against another install
# of it instead (make check-libharu24: the 2.4 release other systems ship).
HPDF_PREFIX ?=
HPDF_CFLAGS = $(if $(HPDF_PREFIX),-I$(HPDF_PREFIX)/include)
HPDF_LIBS = $(if $(HPDF_PREFIX),-L$(HPDF_PREFIX)/lib -Wl$(COMMA)-rpath$(COMMA)$(HPDF_PREFIX)/lib) -lhpdf
COMMA := ,
CFLAGS   += -std=c11 $(OPT) $(WARN) $(SAN_FLAGS) $(HPDF_CFLAGS) $(shell pkg-config --cflags $(PKGS))
# Library code is also held to -Wconversion; cmocka's macros are not.
SRC_WARN  = -Wconversion
LDLIBS   += $(shell pkg-config --libs $(PKGS)) $(HPDF_LIBS) -lm
LDLIBS   += -pthread
TEST_LIBS = $(shell pkg-config --libs cmocka)

LIB_SRC   = $(filter-out src/main.c,$(wildcard src/*.c))
# The shipped templates and schema, their bytes built in (src/shipped.h).
SHIPPED   = $(sort $(wildcard templates/*.xml)) templates/igreport.xsd
LIB_OBJ   = $(LIB_SRC:src/%.c=$(BUILD)/src/%.o) $(BUILD)/gen/shipped_data.o
TEST_SRC  = $(wildcard tests/test_*.c)
TEST_BIN  = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_SUPPORT = $(filter-out $(TEST_SRC),$(wildcard tests/*.c))
TEST_SUPPORT_OBJ = $(TEST_SUPPORT:tests/%.c=$(BUILD)/tests/%.o)

ASAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: all deps check test unit e2e notebook-check cost-check json-check demo previews clean install uninstall regen format \
        deb fuzz fuzz-build install-check completion-check valgrind tsan-run check-libharu24 licence-check \
        haru-public-check action-check
.PHONY: bench bench-deps

all: igreport

igreport: $(BUILD)/igreport
	cp $< $@

$(BUILD)/igreport: $(BUILD)/src/main.o $(BUILD)/libigreport.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libigreport.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(SRC_WARN) -MMD -MP -c -o $@ $<

# A host tool, built without the sanitizers or the fuzzer's instrumentation.
$(BUILD)/embed: scripts/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) -o $@ $<

$(BUILD)/gen/shipped_data.c: $(BUILD)/embed $(SHIPPED)
	@mkdir -p $(dir $@)
	$(BUILD)/embed $(SHIPPED) >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -Itests -MMD -MP -c -o $@ $<

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(TEST_SUPPORT_OBJ) $(BUILD)/libigreport.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(TEST_LIBS)

deps:
	@sh scripts/deps.sh

# Unit tests, end-to-end tests, then both again under ASan + UBSan, and the
# threaded parts under ThreadSanitizer.
check: deps
	$(MAKE) test notebook-check cost-check json-check install-check completion-check licence-check haru-public-check valgrind action-check
	$(MAKE) BUILD=build/asan SAN_FLAGS="$(ASAN_FLAGS)" OPT="-O1 -g" test
	$(MAKE) BUILD=build/tsan SAN_FLAGS="-fsanitize=thread" OPT="-O1 -g" tsan-run
	$(MAKE) check-libharu24
	@echo "all checks passed (plain, ASan+UBSan and TSan)"

# igreport and its unit tests built against libharu 2.4.6 (../shared/vendor,
# when present: it is not part of the project), and every unit test and e2e
# case run with that build; skips and says so where the source is missing.
check-libharu24:
	@MAKE="$(MAKE)" sh scripts/check-libharu24.sh

# Every file but src/pdf_haru.c compiles against libharu's public API alone
# (with HPDF_PREFIX: that install's headers).
haru-public-check:
	@CC="$(CC)" sh tests/haru-public-check.sh $(if $(HPDF_PREFIX),$(HPDF_PREFIX)/include)

# The unit tests and e2e cases that run threads (task, zpack, zbatch, the driver's
# two threads for the report, compare and trend, the two-thread reader,
# attachments), under TSan: any report of a data race fails them (TSan's
# exit status).
TSAN_UNITS = $(BUILD)/tests/test_task $(BUILD)/tests/test_zpack $(BUILD)/tests/test_zbatch \
             $(BUILD)/tests/test_fastread $(BUILD)/tests/test_results \
             $(BUILD)/tests/test_pdf
TSAN_CASES = all-formats all-pdf-cannot-write bad-input-and-template-stdin \
             pdf-sample pdf-large-attachment compare-pdf-regression svg-sample \
             compare-all-formats compare-template-not-compare \
             all-html-cannot-write all-pdf-and-html-cannot-write \
             pdf-pipe-input-attached input-dev-zero-pdf trend-all-formats \
             html-download-large
tsan-run: $(TSAN_UNITS) $(BUILD)/igreport
	@set -e; for t in $(TSAN_UNITS); do echo "== $$t (TSan)"; \
		IGREPORT_SOURCE_DIR=$(CURDIR) $$t; done
	@E2E_CASES="$(TSAN_CASES)" IGREPORT_DATADIR=$(CURDIR) \
		sh tests/e2e/run.sh $(CURDIR)/$(BUILD)/igreport

test: unit e2e

# The model against pandas + scipy doing the notebook's statistics (not timed, not under ASan).
notebook-check: $(BUILD)/igreport
	@sh tests/notebook/run.sh $(CURDIR)/$(BUILD)/igreport

# The cost model's fits against numpy's least squares (scripts/cost_check.py).
cost-check: $(BUILD)/igreport
	@sh tests/cost/run.sh $(CURDIR)/$(BUILD)/igreport

# The JSON exports against their schemas in docs/ (python3-jsonschema), -f json
# against --dump-model, the dashboards' formats against -f json.
json-check: $(BUILD)/igreport
	@sh tests/json/run.sh $(CURDIR)/$(BUILD)/igreport

# A subset of the e2e cases under valgrind memcheck (tests/e2e/valgrind.sh says which).
valgrind: $(BUILD)/igreport
	@IGREPORT_DATADIR=$(CURDIR) sh tests/e2e/valgrind.sh $(CURDIR)/$(BUILD)/igreport

# LICENSE is Apache-2.0 and every source file carries its SPDX line.
licence-check:
	@sh tests/licence-check.sh

# The Debian package (debian/), built in build/deb/ and checked: lintian,
# its files, the unpacked binary run from elsewhere (scripts/deb.sh).
deb: deps $(BUILD)/igreport
	@sh scripts/deb.sh $(CURDIR)/$(BUILD)/igreport

# The bash completion, sourced in bash, against this build's --help.
completion-check: $(BUILD)/igreport
	@bash tests/completion-check.sh contrib/bash-completion/igreport.bash $(BUILD)/igreport

# The GitHub Action's script run here: a fake job summary, a gh stub, the e2e
# inputs; action.yml and the example workflow read with PyYAML.
action-check: $(BUILD)/igreport
	@sh tests/action/run.sh $(CURDIR)/$(BUILD)/igreport

# make install into a scratch prefix, then run the installed binary from elsewhere.
install-check: igreport
	@MAKE="$(MAKE)" sh tests/install-check.sh

unit: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; \
		IGREPORT_SOURCE_DIR=$(CURDIR) $$t; done

# The e2e cases' environment: the data files, the shim that fails writes
# with ENOSPC (out-no-space-shim) and the one that changes an input while
# it is read (input-changed-while-read).
E2E_SHIM = $(BUILD)/tests/enospc.so
E2E_CHANGE_SHIM = $(BUILD)/tests/change.so
E2E_ENV  = IGREPORT_DATADIR=$(CURDIR) ENOSPC_SHIM=$(CURDIR)/$(E2E_SHIM) \
           CHANGE_SHIM=$(CURDIR)/$(E2E_CHANGE_SHIM)

e2e: $(BUILD)/igreport $(E2E_SHIM) $(E2E_CHANGE_SHIM)
	@$(E2E_ENV) sh tests/e2e/run.sh $(CURDIR)/$(BUILD)/igreport

regen: $(BUILD)/igreport $(E2E_SHIM) $(E2E_CHANGE_SHIM)
	@REGEN=1 $(E2E_ENV) sh tests/e2e/run.sh $(CURDIR)/$(BUILD)/igreport

# Built without the sanitizers, so that it loads under any build of igreport.
$(E2E_SHIM): tests/shim/enospc.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) -fPIC -shared -o $@ $< -ldl

$(E2E_CHANGE_SHIM): tests/shim/change.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) -fPIC -shared -o $@ $< -ldl

# The shipped sample as a PDF report, SVG figures and Markdown, in out/.
demo: deps igreport
	@mkdir -p out
	./igreport -o out/report.pdf samples/test_results_synthetic.csv
	./igreport -f svg -o out/svg samples/test_results_synthetic.csv
	./igreport -f md -o out/report.md samples/test_results_synthetic.csv
	./igreport -f html -o out/report.html samples/test_results_synthetic.csv
	./igreport -t templates/compact.xml -o out/report-compact.pdf samples/test_results_synthetic.csv
	@echo "wrote out/report.pdf, out/report-compact.pdf, out/report.md, out/report.html and out/svg/"

# The README's page previews, rendered from the demo report: the overview
# (page 2), a gadget's figures and table (pages 4 and 5), the compact
# template's first gadget, and the overview figure at full size.
previews: demo
	pdftoppm -r 40 -png -singlefile -f 2 -l 2 out/report.pdf docs/preview-overview 2>/dev/null
	pdftoppm -r 40 -png -singlefile -f 4 -l 4 out/report.pdf docs/preview-figures 2>/dev/null
	pdftoppm -r 40 -png -singlefile -f 5 -l 5 out/report.pdf docs/preview-table 2>/dev/null
	pdftoppm -r 40 -png -singlefile -f 2 -l 2 out/report-compact.pdf docs/preview-compact 2>/dev/null
	rsvg-convert -w 1100 -b white out/svg/overheads.svg -o docs/overview.png
	@# The HTML page in headless Chromium (Debian's chromium package; not needed by make check).
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--window-size=1100,1400 --screenshot=docs/preview-html.png \
		file://$(CURDIR)/out/report.html 2>/dev/null
	@# A comparison's change chart, from the e2e case with more changes than a page holds.
	./igreport compare -f svg -o out/compare-svg tests/e2e/compare-change-chart-many/old.csv \
		tests/e2e/compare-change-chart-many/new.csv
	rsvg-convert -w 900 -b white out/compare-svg/trace_exec-change-chart.svg -o docs/change-chart.png

install: igreport
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/fonts
	install -m 755 igreport $(DESTDIR)$(BINDIR)/igreport
	install -m 644 fonts/*.ttf fonts/LICENSE $(DESTDIR)$(DATADIR)/fonts/
	install -d $(DESTDIR)$(DATADIR)/schemas
	install -m 644 docs/*.schema.json $(DESTDIR)$(DATADIR)/schemas/
	if ls templates/*.x* >/dev/null 2>&1; then \
		install -m 644 templates/*.x* $(DESTDIR)$(DATADIR)/templates/; fi
	if [ -f igreport.1 ]; then install -d $(DESTDIR)$(MANDIR) && \
		install -m 644 igreport.1 $(DESTDIR)$(MANDIR)/igreport.1; fi
	install -d $(DESTDIR)$(COMPLETIONDIR)
	install -m 644 contrib/bash-completion/igreport.bash $(DESTDIR)$(COMPLETIONDIR)/igreport

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/igreport $(DESTDIR)$(MANDIR)/igreport.1 \
		$(DESTDIR)$(COMPLETIONDIR)/igreport
	rm -rf $(DESTDIR)$(DATADIR)

# libFuzzer targets (tests/fuzz/): the library built again with clang and the
# fuzzer's instrumentation, then each target run for FUZZ_SECONDS, starting
# from the committed corpus (tests/fuzz/corpus/) and the e2e inputs.
FUZZ_BUILD    = build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_SAN      = -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_TARGETS  = $(FUZZ_BUILD)/fuzz_csv $(FUZZ_BUILD)/fuzz_template \
                $(FUZZ_BUILD)/fuzz_cli

fuzz-build:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=clang SAN_FLAGS="$(FUZZ_SAN)" \
		OPT="-O1 -g" $(FUZZ_TARGETS)

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.c \
    tests/fuzz/fuzz_common.h $(BUILD)/libigreport.a
	$(CC) $(CPPFLAGS) -DFUZZ_SOURCE_DIR='"$(CURDIR)"' $(CFLAGS) -Isrc \
		-fsanitize=fuzzer -o $@ $(filter %.c %.a,$^) $(LDLIBS)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

format:
	clang-format -i src/*.c src/*.h tests/*.c

clean:
	rm -rf build igreport out

# Benchmarks, not tests (nothing in check is timed): see BENCHMARKS.md.
bench: $(BUILD)/igreport $(BUILD)/bench/gen $(BUILD)/bench/measure
	@sh bench/bench.sh $(CURDIR)/$(BUILD)/igreport $(CURDIR)/$(BUILD)/bench/gen \
		$(CURDIR)/$(BUILD)/bench/measure

bench-deps:
	@sh bench/deps.sh

$(BUILD)/bench/%: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<

-include $(wildcard $(BUILD)/src/*.d $(BUILD)/tests/*.d)
