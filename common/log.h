/*
 * log: one line per event on stderr ("time name[pid] level: func: text"),
 * which the supervisor, make run and the tests redirect to a file. Never
 * log a password, a token, a cookie or a full query string with secrets.
 */
#ifndef LOG_H
#define LOG_H

enum log_level {
	LOG_LVL_DEBUG,
	LOG_LVL_INFO,
	LOG_LVL_WARN,
	LOG_LVL_ERR,
	LOG_LVL__MAX
};

void	log_open(const char *name, enum log_level min);
void	log_msg(enum log_level, const char *func, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#define log_debug(...)	log_msg(LOG_LVL_DEBUG, __func__, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_LVL_INFO, __func__, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_LVL_WARN, __func__, __VA_ARGS__)
#define log_err(...)	log_msg(LOG_LVL_ERR, __func__, __VA_ARGS__)

#endif /* LOG_H */
