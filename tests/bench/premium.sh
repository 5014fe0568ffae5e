#!/usr/bin/env bash
# tests/bench/premium.sh: short benchmarks of the premium pages (issue 5),
# run against a started integration env with the real data loaded:
#   1. /api/ncci/pair p99 latency at 64 connections (target <= 5 ms);
#   2. the code page of a CPT code with every premium section filled vs
#      ../shared/bench/ref-page.php reading one row under php-fpm, same
#      machine, same run (target >= 1.5x the PHP page's requests/s).
# Usage: . TMP/env.sh; tests/bench/premium.sh [seconds per run, default 5]
# Needs wrk, php-fpm8.2 with pdo_pgsql, nginx. Starts php-fpm and a second
# nginx in a temp dir and stops them on exit. Prints the figures and ratios.
set -euo pipefail
secs=${1:-5}
: "${BASE_URL:?source TMP/env.sh first}" "${PGHOST:?}" "${MEDCODE_TEST_TMP:?}"
repo=${MEDCODE_REPO:-$(cd "$(dirname "$0")/../.." && pwd)}
php_fpm=$(command -v php-fpm8.2 || command -v php-fpm)
tmp=$(mktemp -d /tmp/medcode-bench.XXXXXX)
chmod 755 "$tmp"
cleanup() {
	[ -f "$tmp/fpm.pid" ] && kill "$(cat "$tmp/fpm.pid")" 2>/dev/null || true
	[ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
	sleep 0.5
	rm -rf "$tmp"
}
trap cleanup EXIT

# A guest whose codes are unlocked in the view ledger (premium is metered).
cookie=$(curl -s -D - -o /dev/null "$BASE_URL/api/mue/99213" |
    sed -n 's/^[Ss]et-[Cc]ookie: \(medcode-guest=[^;]*\).*/\1/p' | head -1)
hex=${cookie#medcode-guest=}
hex=${hex%%.*}
uuid="${hex:0:8}-${hex:8:4}-${hex:12:4}-${hex:16:4}-${hex:20:12}"
psql -Xq -v ON_ERROR_STOP=1 -c "INSERT INTO app.meter_guests (id, used, addr)
    VALUES ('$uuid', 1, '127.0.0.1') ON CONFLICT DO NOTHING" -c "
    INSERT INTO app.meter_views (guest_id, code_set, code, addr, spent)
    SELECT '$uuid', 'cpt', c, '127.0.0.1', true
    FROM unnest(ARRAY['99213','29880','29881','27447']) c
    ON CONFLICT DO NOTHING" >/dev/null

# PHP: php-fpm pool and an nginx in front of it.
fpm_user=
fpm_root=
if [ "$(id -u)" = 0 ]; then
	fpm_user=$(printf 'user = nobody\ngroup = nogroup')
	fpm_root=-R
fi
cat >"$tmp/fpm.conf" <<CONF
[global]
pid = $tmp/fpm.pid
error_log = $tmp/fpm.log
daemonize = yes
[ref]
listen = $tmp/fpm.sock
listen.mode = 0666
pm = static
pm.max_children = 4
$fpm_user
CONF
"$php_fpm" -y "$tmp/fpm.conf" $fpm_root
port=$((${MEDCODE_TEST_PORT:-19400} + 50))
mkdir -p "$tmp/nginx"
cp /work/shared/bench/ref-page.php "$tmp/ref-page.php" 2>/dev/null ||
    cp "$repo/../shared/bench/ref-page.php" "$tmp/ref-page.php"
chmod 644 "$tmp/ref-page.php"
cat >"$tmp/nginx.conf" <<CONF
worker_processes 2;
pid $tmp/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx;
	fastcgi_temp_path $tmp/nginx;
	proxy_temp_path $tmp/nginx;
	scgi_temp_path $tmp/nginx;
	uwsgi_temp_path $tmp/nginx;
	upstream php { server unix:$tmp/fpm.sock; keepalive 16; }
	upstream lookup { server unix:$MEDCODE_TEST_TMP/run/lookup.sock; }
	server {
		listen 127.0.0.1:$port;
		# medcode through this nginx too: the same front for both, and
		# no API rate limit (the test config has one) in the way.
		location / {
			include $repo/nginx/fastcgi_params;
			# no keep_conn: a kept FastCGI connection holds a
			# preforked worker for its whole life.
			fastcgi_pass lookup;
		}
		location = /ref.php {
			fastcgi_pass php;
			fastcgi_keep_conn on;
			fastcgi_param SCRIPT_FILENAME $tmp/ref-page.php;
			fastcgi_param QUERY_STRING \$query_string;
			fastcgi_param REQUEST_METHOD \$request_method;
			fastcgi_param REF_DSN "pgsql:host=$PGHOST;port=$PGPORT;dbname=$PGDATABASE;user=medcode_lookup";
			fastcgi_param REF_SQL "SELECT code, display, title FROM app.codes WHERE release_id = (SELECT id FROM app.releases WHERE dataset = 'cpt' AND is_live) AND code = ?";
		}
	}
}
CONF
nginx -p "$tmp/nginx" -c "$tmp/nginx.conf" -g 'daemon on;' 2>/dev/null
sleep 0.5
php_url="http://127.0.0.1:$port/ref.php?code=99213"
curl -sf "$php_url" | grep -q 99213 || { echo "ref-page.php does not answer"; exit 1; }

base="http://127.0.0.1:$port"
page_url="$base/codes/cpt/99213"
curl -s -H "Cookie: $cookie" "$page_url" | grep -q 'Payment non-facility' ||
    { echo "the code page's payment section is not filled"; exit 1; }
for s in ncci mue modifiers similar; do
	curl -s -H "Cookie: $cookie" "$page_url" |
	    grep -q "data-section=\"$s\" data-state=\"unlocked\"" ||
	    echo "note: section $s is not unlocked"
done

rps() { awk '/Requests\/sec/ {print $2}'; }
p99() { awk '/ 99%/ {print $2}'; }

echo "== pair check: /api/ncci/pair, 64 connections, ${secs}s"
out=$(wrk -t2 -c64 -d"${secs}s" --latency -H "Cookie: $cookie" \
    "$base/api/ncci/pair?c1=29880&c2=29881")
echo "$out" | grep -E 'Non-2xx' || true
echo "$out" | sed -n '/Latency Distribution/,/Requests\/sec/p'
pair_p99=$(echo "$out" | p99)

echo "== code page /codes/cpt/99213 (every section), 64 connections, ${secs}s"
out=$(wrk -t2 -c64 -d"${secs}s" --latency -H "Cookie: $cookie" "$page_url")
page_rps=$(echo "$out" | rps)
echo "$out" | grep -E 'Requests/sec|Non-2xx|99%'
echo "== ref-page.php (php-fpm, 4 children, one row), 64 connections, ${secs}s"
out=$(wrk -t2 -c64 -d"${secs}s" --latency "$php_url")
php_rps=$(echo "$out" | rps)
echo "$out" | grep -E 'Requests/sec|Non-2xx|99%'

echo
echo "pair check p99: $pair_p99 (target <= 5ms)"
awk -v a="$page_rps" -v b="$php_rps" 'BEGIN {
	printf "code page %.0f req/s, ref-page.php %.0f req/s: ratio %.2fx (target >= 1.5x)\n", a, b, a / b }'
