-- 0005: metering (DESIGN.md, "Metering"): the view ledger, guest
-- identities, the per-viewer quota rows and the per-address daily counters.
-- Runs as medcode_owner in one transaction (tools/migrate), after 0004.
--
-- How a view is decided (common/meter.c): a read-only look first (already
-- unlocked? quota already gone?) answers most requests without a lock or a
-- write; both answers stay true because the ledger and the counters only
-- grow. Otherwise one transaction: lock the viewer's quota row (created on
-- the spot: INSERT ... ON CONFLICT DO NOTHING, then SELECT ... FOR UPDATE),
-- look in the ledger again under the lock, check the quota, for a guest
-- also take a view from the address's daily counter with a guarded upsert
-- (... DO UPDATE ... WHERE used < limit RETURNING), then bump the quota row
-- and write the ledger row, and commit. Any "no" rolls the whole
-- transaction back, so a view is spent exactly when the ledger says so.
-- Every request of one viewer that may spend queues on that one row, so
-- parallel requests can never spend a view twice or exceed the quota, and
-- the lock order (viewer row, then address row) is the same everywhere,
-- so there is no deadlock.

-- A guest: the id is the random 128 bits of the signed guest cookie
-- (__Host-medcode_guest). The row is made by the guest's first spent
-- view, not by every cookie handed out (crawlers make no rows).
CREATE TABLE app.meter_guests (
	id uuid PRIMARY KEY,
	used int NOT NULL DEFAULT 0 CHECK (used >= 0),
	addr inet NOT NULL,			-- at the first view
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meter_guests_created ON app.meter_guests (created_at);

-- A free account's quota row (member, employer). Subscribers and admins
-- are unlimited and spend nothing; their views are still in the ledger.
CREATE TABLE app.meter_accounts (
	user_id bigint PRIMARY KEY REFERENCES app.users ON DELETE CASCADE,
	used int NOT NULL DEFAULT 0 CHECK (used >= 0)
);

-- The ledger: one row per viewer and code, written when the code is first
-- unlocked (re-opening it is free). Exactly one of user_id and guest_id.
CREATE TABLE app.meter_views (
	id bigserial PRIMARY KEY,
	user_id bigint REFERENCES app.users ON DELETE CASCADE,
	guest_id uuid REFERENCES app.meter_guests ON DELETE CASCADE,
	code_set text NOT NULL,
	code text NOT NULL,
	first_viewed_at timestamptz NOT NULL DEFAULT now(),
	addr inet,				-- the client, for guests
	spent boolean NOT NULL,			-- false: an unlimited viewer
	CHECK ((user_id IS NULL) <> (guest_id IS NULL)),
	CHECK (user_id IS NULL OR addr IS NULL)
);
CREATE UNIQUE INDEX meter_views_user ON app.meter_views
    (user_id, code_set, code) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX meter_views_guest ON app.meter_views
    (guest_id, code_set, code) WHERE guest_id IS NOT NULL;
CREATE INDEX meter_views_user_at ON app.meter_views (user_id, first_viewed_at)
    WHERE user_id IS NOT NULL;

-- Guest views spent per client address (IPv6: per /64) and UTC day: a
-- guest who clears cookies gets a new identity but not a new address, so
-- an address gets at most 1 + MEDCODE_GUEST_EXTRA_PER_ADDR guest views a
-- day. Old days can be deleted at will.
CREATE TABLE app.meter_addr_days (
	addr inet NOT NULL,
	day date NOT NULL,
	used int NOT NULL DEFAULT 0 CHECK (used >= 0),
	PRIMARY KEY (addr, day)
);

-- The address a guest is counted under: the host itself for IPv4, its
-- /64 for IPv6 (one subscriber line usually has a whole /64).
CREATE FUNCTION app.meter_addr(a inet) RETURNS inet
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN CASE WHEN family(a) = 6
	THEN set_masklen(network(set_masklen(a, 64))::inet, 128)
	ELSE host(a)::inet END;

-- The metering day.
CREATE FUNCTION app.meter_today() RETURNS date
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN (now() AT TIME ZONE 'UTC')::date;
