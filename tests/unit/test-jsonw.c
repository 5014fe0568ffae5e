/*
 * test-jsonw: JSON output is compact, escapes what JSON needs (and not
 * "/"), maps NULL to null, and the error body has the agreed shape.
 */
#include <stdint.h>
#include <string.h>

#include <json.h>

#include "buf.h"
#include "jsonw.h"
#include "tap.h"

int
main(void)
{
	struct json_object	*o, *arr;
	struct buf		 b;

	buf_init(&b, 0);
	o = json_object_new_object();
	jsonw_add_str(o, "code", "K92.2");
	jsonw_add_str(o, "path", "/codes/icd10cm</script>");
	jsonw_add_str(o, "nul", NULL);
	jsonw_add_int(o, "n", INT64_MAX);
	jsonw_add_int(o, "m", -1);
	jsonw_add_bool(o, "t", 5);
	jsonw_add_bool(o, "f", 0);
	jsonw_add_double(o, "d", 0.5);
	jsonw_add_str(o, "q", "say \"hi\"\n\t\\ caf\xc3\xa9");
	jsonw_out(&b, o);
	is_str(b.data, "{\"code\":\"K92.2\",\"path\":\"/codes/icd10cm</script>\","
	    "\"nul\":null,\"n\":9223372036854775807,\"m\":-1,\"t\":true,"
	    "\"f\":false,\"d\":0.5,\"q\":\"say \\\"hi\\\"\\n\\t\\\\ caf\xc3\xa9\"}",
	    "object out");
	ok(b.data[b.len] == '\0' && strlen(b.data) == b.len, "buf terminated");
	jsonw_add_str(o, "code", "E11");
	buf_reset(&b);
	jsonw_out(&b, o);
	ok(strncmp(b.data, "{\"code\":\"E11\"", 13) == 0, "add replaces key");
	json_object_put(o);

	buf_reset(&b);
	jsonw_out(&b, NULL);
	is_str(b.data, "null", "NULL object is null");

	o = jsonw_str(NULL);
	ok(o == NULL, "jsonw_str(NULL) is json null");
	o = jsonw_str("a\"b");
	buf_reset(&b);
	jsonw_out(&b, o);
	is_str(b.data, "\"a\\\"b\"", "string");
	json_object_put(o);

	arr = json_object_new_array();
	json_object_array_add(arr, jsonw_str("x"));
	json_object_array_add(arr, jsonw_str(NULL));
	buf_reset(&b);
	buf_adds(&b, "prefix:");
	jsonw_out(&b, arr);
	is_str(b.data, "prefix:[\"x\",null]", "appends, arrays compact");
	json_object_put(arr);

	buf_reset(&b);
	jsonw_error(&b, 400, "code must look like K92.2");
	is_str(b.data, "{\"error\":{\"status\":400,\"message\":"
	    "\"code must look like K92.2\"}}", "error body");
	buf_reset(&b);
	jsonw_error(&b, 404, "no \"such\" code </x>");
	is_str(b.data, "{\"error\":{\"status\":404,\"message\":"
	    "\"no \\\"such\\\" code </x>\"}}", "error body escaped");
	buf_reset(&b);
	jsonw_error(&b, 500, NULL);
	is_str(b.data, "{\"error\":{\"status\":500,\"message\":null}}",
	    "error without message");

	buf_release(&b);
	return done_testing();
}
