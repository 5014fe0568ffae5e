-- 0004: accounts. Users with roles and plans, sessions (tokens stored
-- hashed), one-time tokens for email verification and password reset,
-- rate-limit counters, the member features (favourites, notes, recent
-- searches and codes viewed) and the mail outbox. Runs as medcode_owner
-- in one transaction (tools/migrate). The view ledger is 0005 (metering).

-- A person with an account. email is stored lower-cased (the CHECK keeps
-- every writer honest) so the unique constraint is case-insensitive.
-- role: member (free account), employer (posts jobs; company required),
-- subscriber (unlimited premium views), admin. plan: 'free' or 'pro'
-- (an admin may give any role the pro plan: unlimited premium views).
CREATE TABLE app.users (
	id bigserial PRIMARY KEY,
	email text NOT NULL UNIQUE
	    CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	company text CHECK (company IS NULL OR length(company) <= 200),
	password_hash text NOT NULL,		-- crypto_pwhash_str (argon2id)
	role text NOT NULL DEFAULT 'member'
	    CHECK (role IN ('member', 'employer', 'subscriber', 'admin')),
	plan text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro')),
	verified_at timestamptz,		-- NULL: email not verified yet
	locked_at timestamptz,			-- set by an admin: no login
	failed_logins int NOT NULL DEFAULT 0,	-- since the last success
	last_login_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	CHECK (role <> 'employer' OR company IS NOT NULL)
);
CREATE INDEX users_name ON app.users (lower(name));

-- A logged-in browser. The cookie holds 32 random bytes; only their
-- BLAKE2b-256 (crypto_generichash) is stored, so a database leak gives no
-- usable cookie. csrf is the synchronizer token of the session's forms.
-- Idle timeout: last_seen; absolute lifetime: expires_at.
CREATE TABLE app.sessions (
	token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	user_id bigint NOT NULL REFERENCES app.users ON DELETE CASCADE,
	csrf text NOT NULL,
	role text NOT NULL,		-- the user's role when issued: a change
					-- of role rotates the token
	created_at timestamptz NOT NULL DEFAULT now(),
	last_seen timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL,
	remote_addr text
);
CREATE INDEX sessions_user ON app.sessions (user_id);
CREATE INDEX sessions_expires ON app.sessions (expires_at);

-- One-time tokens mailed to the user: 'verify' (email verification, also
-- for a changed address: new_email) and 'reset' (password reset). Stored
-- hashed like session tokens; used_at makes them single-use.
CREATE TABLE app.user_tokens (
	token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	user_id bigint NOT NULL REFERENCES app.users ON DELETE CASCADE,
	purpose text NOT NULL CHECK (purpose IN ('verify', 'reset')),
	new_email text,
	created_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL,
	used_at timestamptz
);
CREATE INDEX user_tokens_user ON app.user_tokens (user_id, purpose);

-- Fixed-window rate-limit counters (common/ratelimit.c). key names the
-- thing counted: 'login-fail:acct:<email>', 'login-fail:addr:<ip>',
-- 'reset:addr:<ip>', 'register:addr:<ip>'. Old windows are deleted
-- opportunistically.
CREATE TABLE app.rate_limits (
	key text NOT NULL,
	window_start timestamptz NOT NULL,
	count int NOT NULL DEFAULT 0,
	PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_window ON app.rate_limits (window_start);

-- Member features.
CREATE TABLE app.favourites (
	user_id bigint NOT NULL REFERENCES app.users ON DELETE CASCADE,
	code_set text NOT NULL,
	code text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (user_id, code_set, code)
);

CREATE TABLE app.notes (
	user_id bigint NOT NULL REFERENCES app.users ON DELETE CASCADE,
	code_set text NOT NULL,
	code text NOT NULL,
	body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (user_id, code_set, code)
);

-- Recent searches and code pages viewed (kept to the last 50 each by the
-- writer). Written by lookup for logged-in members.
CREATE TABLE app.recent_searches (
	id bigserial PRIMARY KEY,
	user_id bigint NOT NULL REFERENCES app.users ON DELETE CASCADE,
	q text NOT NULL CHECK (length(q) <= 200),
	at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recent_searches_user ON app.recent_searches (user_id, at DESC);

CREATE TABLE app.recent_codes (
	user_id bigint NOT NULL REFERENCES app.users ON DELETE CASCADE,
	code_set text NOT NULL,
	code text NOT NULL,
	at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (user_id, code_set, code)
);
CREATE INDEX recent_codes_user ON app.recent_codes (user_id, at DESC);

-- Mail waiting for build/bin/medcode-mailer. Delivered over SMTP to
-- MEDCODE_SMTP_HOST:PORT, or written as .eml files under MEDCODE_MAIL_DIR;
-- failed attempts back off (next_attempt_at) up to a limit.
CREATE TABLE app.mail_outbox (
	id bigserial PRIMARY KEY,
	to_addr text NOT NULL,
	subject text NOT NULL,
	body text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	attempts int NOT NULL DEFAULT 0,
	next_attempt_at timestamptz NOT NULL DEFAULT now(),
	sent_at timestamptz,
	failed_at timestamptz,			-- gave up
	last_error text
);
CREATE INDEX mail_outbox_due ON app.mail_outbox (next_attempt_at)
    WHERE sent_at IS NULL AND failed_at IS NULL;
