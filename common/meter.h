/*
 * meter: the site's access model for premium code data (DESIGN.md,
 * "Metering"). A view of a code's premium sections is decided and recorded
 * in one transaction: guests have 1 view, members 5 more, subscribers and
 * admins are unlimited, re-opening an unlocked code is free.
 */
#ifndef METER_H
#define METER_H

struct req;

struct meter {
	int		 unlocked;	/* premium data of this code may be sent */
	int		 unlimited;	/* subscriber or admin */
	int		 remaining;	/* views left after this request; -1 unlimited */
	int		 spent;		/* this request spent a view */
	const char	*banner;	/* the banner text, NULL when not metered */
};

/* Decide (and record) a premium view of code_set/code (storage key) for
 * the requester. Returns 0, or -1 on a database failure (r->dbstatus). */
int	meter_code_view(struct req *, const char *code_set, const char *code,
	    struct meter *);

#endif /* METER_H */
