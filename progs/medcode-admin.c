/*
 * medcode-admin: make (or refresh) an admin account from the command line,
 * for `make run`'s first admin.
 *
 *	medcode-admin create EMAIL [NAME]
 *
 * The password comes from MEDCODE_ADMIN_PASSWORD, else the first line of
 * standard input; it is hashed here (common/pwhash.c, argon2id) and never
 * printed. An existing account with that address becomes admin, verified
 * and unlocked, with the new password. Connects like the handlers
 * (MEDCODE_DB; role MEDCODE_DB_USER, default medcode_account).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <sodium.h>

#include "pwhash.h"

int
main(int argc, char *argv[])
{
	const char *const keys[] = { "dbname", "user", "application_name",
	    "options", NULL };
	const char	*vals[5], *pw, *msg, *params[3];
	char		 line[1024], hash[crypto_pwhash_STRBYTES];
	PGconn		*c;
	PGresult	*res;
	size_t		 len;
	int		 rc = 1;

	if (argc < 3 || argc > 4 || strcmp(argv[1], "create") != 0) {
		fprintf(stderr, "usage: medcode-admin create EMAIL [NAME]\n");
		return 2;
	}
	if (sodium_init() < 0)
		return 1;
	if ((pw = getenv("MEDCODE_ADMIN_PASSWORD")) == NULL || *pw == '\0') {
		if (fgets(line, sizeof(line), stdin) == NULL) {
			fprintf(stderr, "medcode-admin: no password\n");
			return 1;
		}
		len = strcspn(line, "\r\n");
		line[len] = '\0';
		pw = line;
	}
	if ((msg = pwhash_check_new(pw, strlen(pw), NULL)) != NULL) {
		fprintf(stderr, "medcode-admin: the password %s\n", msg);
		return 1;
	}
	if (pwhash_hash(hash, sizeof(hash), pw, strlen(pw)) == -1)
		return 1;
	sodium_memzero(line, sizeof(line));
	vals[0] = getenv("MEDCODE_DB") != NULL ? getenv("MEDCODE_DB") :
	    "dbname=medcode";
	vals[1] = getenv("MEDCODE_DB_USER") != NULL ?
	    getenv("MEDCODE_DB_USER") : "medcode_account";
	vals[2] = "medcode-admin";
	vals[3] = "-c search_path=app";
	vals[4] = NULL;
	c = PQconnectdbParams(keys, vals, 1);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "medcode-admin: %s", PQerrorMessage(c));
		goto out;
	}
	params[0] = argv[2];
	params[1] = argc == 4 ? argv[3] : "Administrator";
	params[2] = hash;
	res = PQexecParams(c, "INSERT INTO app.users (email, name, "
	    "password_hash, role, verified_at) VALUES (lower($1), $2, $3, "
	    "'admin', now()) ON CONFLICT (email) DO UPDATE SET role = 'admin', "
	    "password_hash = excluded.password_hash, verified_at = "
	    "coalesce(app.users.verified_at, now()), locked_at = NULL, "
	    "failed_logins = 0, updated_at = now() RETURNING id", 3, NULL,
	    params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fprintf(stderr, "medcode-admin: %s", PQerrorMessage(c));
	else {
		printf("admin %s (id %s) ready\n", argv[2],
		    PQgetvalue(res, 0, 0));
		rc = 0;
	}
	PQclear(res);
out:
	PQfinish(c);
	sodium_memzero(hash, sizeof(hash));
	return rc;
}
