# shellcheck shell=bash
# tools/lib.sh: shell functions shared by tools/pg, tools/run, tools/stop and
# tests/integration/env. Source it from bash; it sets MEDCODE_REPO (absolute
# repo root) and changes nothing else.

MEDCODE_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages needed to build, test and run (tools/run and .ci/run).
MEDCODE_DEBS="build-essential pkg-config libfcgi-dev libpq-dev libjson-c-dev
libpcre2-dev libsodium-dev postgresql nginx curl perl python3-aiosmtpd"
# Only for `make test`'s browser test (tests/browser): Debian's chromium,
# driven by playwright-core from npm (never a downloaded browser). Node
# and npm come from Debian too when the machine has none.
MEDCODE_TEST_DEBS="chromium"

die() {
	echo "${0##*/}: $*" >&2
	exit 1
}

warn() {
	echo "${0##*/}: warning: $*" >&2
}

is_root() {
	[ "$(id -u)" -eq 0 ]
}

# Absolute path of $1 (which need not exist).
abspath() {
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd)" "${1#./}" ;;
	esac
}

# The PostgreSQL server binaries (initdb, pg_ctl): $PG_BIN, else the newest
# /usr/lib/postgresql/N/bin, else the PATH.
pg_bindir() {
	local d
	if [ -n "${PG_BIN:-}" ]; then
		printf '%s\n' "$PG_BIN"
		return
	fi
	d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -n "$d" ]; then
		printf '%s\n' "$d"
	else
		dirname "$(command -v pg_ctl || echo /usr/bin/pg_ctl)"
	fi
}

# The OS user that owns and runs a cluster: postgres when we are root
# (initdb refuses root), else ourselves.
pg_osuser() {
	if is_root; then echo postgres; else id -un; fi
}

# Run a command as the cluster's OS user, from / so that a working directory
# that user cannot enter does not matter.
as_pguser() {
	if is_root; then
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

# True when user $1 can reach (search) directory $2.
user_can_reach() {
	if is_root && [ "$1" != root ]; then
		(cd / && runuser -u "$1" -- test -x "$2" -a -r "$2")
	else
		[ -x "$2" ]
	fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_busy() {
	if command -v ss >/dev/null 2>&1 &&
	    ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; then
		return 0
	fi
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The first free port from $1 upward.
free_port() {
	local p=$1
	while port_busy "$p"; do
		p=$((p + 1))
		[ "$p" -lt 65535 ] || die "no free port from $1"
	done
	echo "$p"
}

# wait_until SECONDS COMMAND...: run COMMAND every 0.1 s until it succeeds.
wait_until() {
	local n=$(($1 * 10))
	shift
	while ! "$@" 2>/dev/null; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.1
	done
}

# True when process $1 exists and is not a zombie (a container's init may
# be slow to reap what it inherited).
alive() {
	local s
	kill -0 "$1" 2>/dev/null || return 1
	{ read -r s <"/proc/$1/stat"; } 2>/dev/null || return 0
	s=${s##*) }
	[ "${s%% *}" != Z ]
}

dead() {
	! alive "$1"
}

# True when the pid in file $1 is a live process.
pidfile_alive() {
	local pid
	[ -s "$1" ] || return 1
	pid=$(cat "$1")
	[ -n "$pid" ] && alive "$pid"
}

# Pids of the direct children of process $1, one per line (from /proc, so
# procps need not be installed).
children_of() {
	local f s p
	for f in /proc/[0-9]*/stat; do
		{ read -r s <"$f"; } 2>/dev/null || continue
		p=${f#/proc/}
		p=${p%/stat}
		s=${s##*) }		# after "pid (comm) ": state ppid ...
		s=${s#* }
		[ "${s%% *}" = "$1" ] && echo "$p"
	done
	return 0
}

# stop_pidfile FILE SIGNAL SECONDS: send SIGNAL to the process in FILE, wait
# up to SECONDS for it to exit, then SIGKILL it; its children (workers) get
# 2 more seconds before SIGKILL. Removes FILE.
stop_pidfile() {
	local file=$1 sig=$2 secs=$3 pid kids p
	[ -s "$file" ] || { rm -f "$file"; return 0; }
	pid=$(cat "$file")
	if [ -n "$pid" ] && alive "$pid"; then
		kids=$(children_of "$pid")
		kill "-$sig" "$pid" 2>/dev/null
		if ! wait_until "$secs" dead "$pid"; then
			warn "pid $pid did not stop after SIG$sig; killing it"
			kill -KILL "$pid" 2>/dev/null
		fi
		for p in $kids; do
			wait_until 2 dead "$p" ||
			    kill -KILL "$p" 2>/dev/null
		done
	fi
	rm -f "$file"
}

# render TEMPLATE OUTPUT NAME=VALUE...: replace each @NAME@ in TEMPLATE.
render() {
	local in=$1 out=$2
	shift 2
	env "$@" perl -pe '
		s{\@([A-Z]+)\@}{
			exists $ENV{"R_$1"} ? $ENV{"R_$1"} :
			    die "unknown placeholder \@$1\@\n"
		}ge' "$in" >"$out.tmp" && mv "$out.tmp" "$out"
}

# start_nginx PREFIX: start nginx with PREFIX/nginx.conf (daemon; pid file
# PREFIX/nginx.pid).
start_nginx() {
	nginx -p "$1/" -c "$1/nginx.conf" -e "$1/error.log" -t -q ||
	    return 1
	nginx -p "$1/" -c "$1/nginx.conf" -e "$1/error.log"
}

# stop_nginx PREFIX: graceful quit, then wait.
stop_nginx() {
	stop_pidfile "$1/nginx.pid" QUIT 10
}

# start_handler NAME BIN SOCKET LOG PIDFILE: start a FastCGI handler in the
# background with the MEDCODE_* environment already exported.
start_handler() {
	local name=$1 bin=$2 sock=$3 log=$4 pidfile=$5
	[ -x "$bin" ] || die "$bin is missing: run make"
	rm -f "$sock"
	"$bin" -s "$sock" </dev/null >>"$log" 2>&1 &
	echo $! >"$pidfile"
	if ! wait_until 20 test -S "$sock"; then
		echo "${0##*/}: $name handler did not create $sock; log:" >&2
		tail -n 20 "$log" >&2
		return 1
	fi
}

# http_up URL: true when URL answers with any HTTP status.
http_up() {
	local code
	code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1") || true
	[ -n "$code" ] && [ "$code" != 000 ]
}
