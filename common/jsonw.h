/*
 * jsonw: writing JSON responses with json-c (never by hand). Named jsonw
 * because json-c's own header is <json.h>. Objects are json-c's; the
 * caller owns and puts them (or arena_defers json_object_put).
 */
#ifndef JSONW_H
#define JSONW_H

#include <stdint.h>

#include <json.h>

struct buf;

/* Append o as compact JSON without escaped slashes; NULL appends "null". */
void			 jsonw_out(struct buf *, struct json_object *o);
/* A new string object, or json null (NULL) when s is NULL. */
struct json_object	*jsonw_str(const char *s);
/* Add key to obj (replacing it); a NULL val is json null. */
void			 jsonw_add_str(struct json_object *obj, const char *key,
			    const char *val);
void			 jsonw_add_int(struct json_object *obj, const char *key,
			    int64_t val);
void			 jsonw_add_bool(struct json_object *obj,
			    const char *key, int val);
void			 jsonw_add_double(struct json_object *obj,
			    const char *key, double val);
/* Append {"error":{"status":status,"message":msg}}. */
void			 jsonw_error(struct buf *, int status, const char *msg);

#endif /* JSONW_H */
