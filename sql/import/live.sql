-- sql/import/live.sql: common end of a premium data import (ncci-ptp, mue,
-- pfs, gpci, locality, anes, pos, *-addenda): the set's script has loaded
-- its rows under imp_release and set app.releases.counts; switch the
-- release live (unless NOLIVE) in the same transaction, so readers see
-- the old release or the new one, never neither.
UPDATE app.releases SET is_live = false
WHERE dataset = (SELECT dataset FROM imp_params) AND is_live
    AND NOT (SELECT nolive FROM imp_params);
UPDATE app.releases SET is_live = true
WHERE id = (SELECT id FROM imp_release) AND NOT (SELECT nolive FROM imp_params);

SELECT CASE WHEN r.is_live
	THEN format('release %s (%s) is live', r.id, r.label)
	ELSE format('release %s (%s) loaded, not live (NOLIVE)', r.id, r.label)
    END || E'\n' || 'counts ' || r.counts::text
FROM app.releases r WHERE id = (SELECT id FROM imp_release);
