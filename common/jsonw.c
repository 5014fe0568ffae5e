/*
 * jsonw: json-c glue; see jsonw.h. json-c aborts on nothing and returns
 * NULL on allocation failure; we treat that like any allocation failure.
 */
#include <stdlib.h>

#include <json.h>

#include "buf.h"
#include "jsonw.h"
#include "log.h"

static struct json_object *
must(struct json_object *o)
{
	if (o == NULL) {
		log_err("json-c: out of memory");
		abort();
	}
	return o;
}

void
jsonw_out(struct buf *b, struct json_object *o)
{
	size_t		 len;
	const char	*s;

	s = json_object_to_json_string_length(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	if (s == NULL) {
		log_err("json_object_to_json_string_length failed");
		abort();
	}
	buf_add(b, s, len);
}

struct json_object *
jsonw_str(const char *s)
{
	if (s == NULL)
		return NULL;
	return must(json_object_new_string(s));
}

void
jsonw_add_str(struct json_object *obj, const char *key, const char *val)
{
	json_object_object_add(obj, key, jsonw_str(val));
}

void
jsonw_add_int(struct json_object *obj, const char *key, int64_t val)
{
	json_object_object_add(obj, key, must(json_object_new_int64(val)));
}

void
jsonw_add_bool(struct json_object *obj, const char *key, int val)
{
	json_object_object_add(obj, key,
	    must(json_object_new_boolean(val != 0)));
}

void
jsonw_add_double(struct json_object *obj, const char *key, double val)
{
	json_object_object_add(obj, key, must(json_object_new_double(val)));
}

void
jsonw_error(struct buf *b, int status, const char *msg)
{
	struct json_object	*root, *err;

	root = must(json_object_new_object());
	err = must(json_object_new_object());
	jsonw_add_int(err, "status", status);
	jsonw_add_str(err, "message", msg);
	json_object_object_add(root, "error", err);
	jsonw_out(b, root);
	json_object_put(root);
}
