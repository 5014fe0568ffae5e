# medcode: one non-recursive Makefile. Objects go to $(BUILD)/.
# `make` builds, `make test` runs everything CI runs, `make run` starts the
# site on 127.0.0.1:$(PORT). See README.md.

PKGS		= libpq json-c libpcre2-8 fcgi libsodium
BUILD		?= build
CC		?= cc
CFLAGS		?= -O2 -g
WARN		= -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
		  -Wmissing-prototypes -Wold-style-definition -Wwrite-strings \
		  -Wpointer-arith -Wformat=2 -Wvla -Wimplicit-fallthrough -Wundef \
		  -fno-common
WERROR		?= -Werror
HARDEN		?= -D_FORTIFY_SOURCE=2 -fstack-protector-strong
PKG_CFLAGS	:= $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS	:= $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS	= $(WARN) $(WERROR) $(HARDEN) -fPIE $(CFLAGS) -D_DEFAULT_SOURCE \
		  -D_GNU_SOURCE -Icommon $(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS	= -pie -Wl,-z,relro,-z,now -Wl,-z,noexecstack $(LDFLAGS)
LDLIBS		= $(PKG_LIBS)
ASAN		= -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
		  -fno-omit-frame-pointer -DARENA_MALLOC
FUZZTIME	?= 60
PORT		?= 8080
DATA		?= ../shared/data

HANDLERS	= lookup account

# `make V=1` shows the full commands.
V		?= 0
Q_CC		= $(if $(filter 1,$(V)),,@echo "  CC      $@";)
Q_LD		= $(if $(filter 1,$(V)),,@echo "  LD      $@";)

COMMON_SRC	:= $(wildcard common/*.c)
COMMON_OBJ	:= $(COMMON_SRC:%.c=$(BUILD)/%.o)
LIBCOMMON	:= $(BUILD)/libcommon.a
BINS		:= $(HANDLERS:%=$(BUILD)/bin/medcode-%)
# Programs that are not handlers: progs/medcode-<name>.c, one file each.
PROGS		:= $(patsubst progs/%.c,$(BUILD)/bin/%,$(wildcard progs/medcode-*.c))
UNIT		:= $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,\
		    $(wildcard tests/unit/test-*.c))
FUZZ		:= $(patsubst tests/fuzz/%.c,$(BUILD)/tests/fuzz/%,\
		    $(wildcard tests/fuzz/fuzz-*.c))

all: $(BINS) $(PROGS) $(UNIT) $(FUZZ)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(Q_CC)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBCOMMON): $(COMMON_OBJ)
	@mkdir -p $(@D)
	@rm -f $@
	$(Q_LD)$(AR) rcs $@ $^

define handler_rules
$(1)_OBJ := $$(patsubst %.c,$(BUILD)/%.o,$$(wildcard handlers/$(1)/*.c))
$(BUILD)/bin/medcode-$(1): $$($(1)_OBJ) $(LIBCOMMON)
	@mkdir -p $$(@D)
	$$(Q_LD)$$(CC) $$(ALL_LDFLAGS) $$(CFLAGS) -o $$@ $$($(1)_OBJ) $(LIBCOMMON) $$(LDLIBS)
endef
$(foreach h,$(HANDLERS),$(eval $(call handler_rules,$(h))))

$(BUILD)/bin/medcode-%: progs/medcode-%.c $(LIBCOMMON)
	@mkdir -p $(@D)
	$(Q_LD)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBCOMMON) $(LDLIBS)

$(BUILD)/tests/unit/%: tests/unit/%.c tests/lib/tap.h $(LIBCOMMON)
	@mkdir -p $(@D)
	$(Q_LD)$(CC) $(ALL_CFLAGS) -Itests/lib $(ALL_LDFLAGS) -o $@ $< $(LIBCOMMON) $(LDLIBS)

# Fuzz targets double as corpus-replay programs (tests/fuzz/replay.c has
# main): `make test` replays tests/fuzz/corpus/<name>/ through each one.
$(BUILD)/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(LIBCOMMON)
	@mkdir -p $(@D)
	$(Q_LD)$(CC) $(ALL_CFLAGS) -Itests/lib $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c \
	    $(LIBCOMMON) $(LDLIBS)

# One command runs everything CI runs; its last line is "N passed, N failed".
test check: all
	BUILD=$(BUILD) DATA=$(DATA) tests/run

asan:
	$(MAKE) BUILD=build-asan HARDEN= CFLAGS="$(ASAN)" LDFLAGS="$(ASAN)" test

valgrind: all
	BUILD=$(BUILD) VALGRIND=1 tests/run --unit

# libFuzzer builds with clang; each target runs FUZZTIME seconds.
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang HARDEN= \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -DARENA_MALLOC" \
	    $(LIBCOMMON:$(BUILD)/%=build-fuzz/%)
	@mkdir -p build-fuzz/fuzz
	for f in tests/fuzz/fuzz-*.c; do n=$$(basename $$f .c); \
	    clang -O1 -g -fsanitize=fuzzer,address,undefined -Icommon -Itests/lib \
	    $(PKG_CFLAGS) -o build-fuzz/fuzz/$$n $$f build-fuzz/libcommon.a $(LDLIBS) && \
	    mkdir -p build-fuzz/corpus/$$n && \
	    build-fuzz/fuzz/$$n -max_total_time=$(FUZZTIME) build-fuzz/corpus/$$n \
	        tests/fuzz/corpus/$${n#fuzz-} || exit 1; done

lint:
	@! grep -nE '\<(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol|atof)\(' \
	    common/*.[ch] handlers/*/*.[ch] || { echo "banned function"; exit 1; }
	@# varFuncNullUB: url_path() takes a NULL sentinel, declared with
	@# __attribute__((sentinel)); glibc's NULL is ((void *)0).
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	    --suppress=missingIncludeSystem --suppress=varFuncNullUB \
	    -Icommon common handlers progs

format-check:
	clang-format --dry-run --Werror common/*.[ch] handlers/*/*.[ch]

run:
	PORT=$(PORT) BUILD=$(BUILD) tools/run

stop:
	tools/stop

# The importers talk to the cluster `make run` started unless PGHOST is set.
PGENV		= $(if $(PGHOST),,PGHOST=$(CURDIR)/var/pg/sock PGDATABASE=medcode)

import:
	@test -n "$(SET)" -a -n "$(FILE)" || { echo "usage: make import SET=icd10cm|icd10pcs|hcpcs|cpt FILE=path [XML=tabular.xml]"; exit 2; }
	$(PGENV) sql/import/import $(SET) $(FILE) $(XML)

import-shared:
	$(PGENV) DATA=$(DATA) tools/import-shared

clean:
	rm -rf build build-asan build-fuzz

.PHONY: all test check asan valgrind fuzz lint format-check run stop import \
	import-shared clean

-include $(COMMON_OBJ:.o=.d) $(foreach h,$(HANDLERS),$($(h)_OBJ:.o=.d))
