/*
 * test-session: the pure parts of sessions, CSRF and password rules: the
 * Set-Cookie format (attributes, Secure, expiry), role names, password
 * acceptance.
 */
#include <string.h>

#include "arena.h"
#include "pwhash.h"
#include "session.h"
#include "tap.h"

int
main(void)
{
	struct arena	*a = arena_new();

	is_str(session_cookie_format(a, "__Host-medcode", "abc", 1, 3600),
	    "__Host-medcode=abc; Path=/; HttpOnly; SameSite=Lax; Secure; "
	    "Max-Age=3600", "secure session cookie");
	is_str(session_cookie_format(a, "medcode", "abc", 0, -1),
	    "medcode=abc; Path=/; HttpOnly; SameSite=Lax",
	    "plain browser-session cookie");
	is_str(session_cookie_format(a, "medcode", "", 0, 0),
	    "medcode=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
	    "expiring cookie");
	ok(strstr(session_cookie_format(a, "x", "y", 1, 5), "Domain") == NULL,
	    "never a Domain attribute");
	is_int(role_from_name("admin"), ROLE_ADMIN, "admin role");
	is_int(role_from_name("member"), ROLE_MEMBER, "member role");
	is_int(role_from_name("root"), ROLE__MAX, "unknown role");
	is_str(role_name(ROLE_SUBSCRIBER), "subscriber", "role name");
	ok(pwhash_check_new("short", 5, NULL) != NULL, "short password");
	ok(pwhash_check_new("aaaaaaaaaaaa", 12, NULL) != NULL,
	    "one character repeated");
	ok(pwhash_check_new("a@b.example", 11, "a@b.example") != NULL,
	    "the email address");
	ok(pwhash_check_new("correct horse battery", 21, NULL) == NULL,
	    "a passphrase");
	ok(pwhash_check_new("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9x", 11,
	    NULL) != NULL, "counted in characters, not bytes");
	arena_free(a);
	return done_testing();
}
