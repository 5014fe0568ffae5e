-- tests/bench/login.lua: wrk script for tests/bench/login. POSTs the login
-- form (BENCH_EMAIL, BENCH_PASSWORD, BENCH_CSRF from the environment, the
-- guest CSRF cookie beside it) and counts 303 (logged in) against the rest.
local email = os.getenv("BENCH_EMAIL")
local password = os.getenv("BENCH_PASSWORD")
local csrf = os.getenv("BENCH_CSRF")
local cookie = os.getenv("BENCH_COOKIE")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = cookie
wrk.body = "email=" .. email .. "&password=" .. password .. "&csrf=" .. csrf

local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	ok = 0
	other = 0
end

function response(status, headers, body)
	if status == 303 then
		ok = ok + 1
	else
		other = other + 1
	end
end

function done(summary, latency, requests)
	local o, b = 0, 0
	for _, t in ipairs(threads) do
		o = o + t:get("ok")
		b = b + t:get("other")
	end
	io.write(string.format("logins_ok %d\nlogins_other %d\n", o, b))
end
