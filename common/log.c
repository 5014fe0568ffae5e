/*
 * log: timestamped lines on stderr; see log.h. One write(2) per line so
 * lines from several workers sharing the file do not interleave.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char	*log_name = "medcode";
static enum log_level	 log_min = LOG_LVL_INFO;

static const char *const levels[LOG_LVL__MAX] = {
	"debug", /* LOG_LVL_DEBUG */
	"info", /* LOG_LVL_INFO */
	"warn", /* LOG_LVL_WARN */
	"error", /* LOG_LVL_ERR */
};

void
log_open(const char *name, enum log_level min)
{
	log_name = name;
	log_min = min;
}

void
log_msg(enum log_level lvl, const char *func, const char *fmt, ...)
{
	char		 line[2048], ts[32];
	struct tm	 tm;
	time_t		 now;
	va_list		 ap;
	int		 n, m;

	if (lvl < log_min || lvl >= LOG_LVL__MAX)
		return;
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = snprintf(line, sizeof(line), "%s %s[%d] %s: %s: ", ts, log_name,
	    (int)getpid(), levels[lvl], func);
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	n = (size_t)(n + m) >= sizeof(line) - 1 ? (int)sizeof(line) - 2 :
	    n + m;
	/* Strip a trailing newline from library messages, then add ours. */
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	line[n++] = '\n';
	(void)!write(STDERR_FILENO, line, (size_t)n);
}
