/* JSON status lines (see docs/design.md, "Status (fd 4)"). */
#include "report.h"
#include "util.h"
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

/* Length of the valid UTF-8 sequence at s, or 0 if it is not valid (overlong, surrogate, > U+10FFFF). */
static size_t utf8_len(const unsigned char *s)
{
	unsigned c = s[0], n, min, cp;
	if (c < 0xc2 || c > 0xf4)
		return 0;
	n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	min = n == 4 ? 0x10000 : n == 3 ? 0x800 : 0x80;
	cp = c & (0x7f >> n);
	for (unsigned i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void json_escape(char *dst, size_t cap, const char *src)
{
	size_t o = strlen(dst);
	const unsigned char *s = (const unsigned char *)src;
	while (*s && o + 8 < cap) {
		unsigned c = *s;
		if (c == '"' || c == '\\') {
			dst[o++] = '\\';
			dst[o++] = (char)c;
			s++;
		} else if (c < 0x20 || c == 0x7f) {
			o += (size_t)snprintf(dst + o, cap - o, "\\u%04x", c);
			s++;
		} else if (c < 0x80) {
			dst[o++] = (char)c;
			s++;
		} else {
			size_t n = utf8_len(s);
			if (n == 0) {
				o += (size_t)snprintf(dst + o, cap - o, "\\ufffd");
				s++;
			} else {
				memcpy(dst + o, s, n);
				o += n;
				s += n;
			}
		}
	}
	dst[o] = 0;
}

static unsigned long tag;

void report_tag(unsigned long id)
{
	tag = id;
}

static int emit(const char *line)
{
	/* A single write: atomic on a pipe because every line stays below PIPE_BUF (4096), tag included;
	 * lines of many sandboxes share the server's events pipe. */
	char tagged[4096];
	if (!tag)
		return write_all(STATUS_FD, line, strlen(line));
	int n = snprintf(tagged, sizeof tagged, "{\"id\":%lu,%s", tag, line + 1);
	return write_all(STATUS_FD, tagged, n < (int)sizeof tagged ? (size_t)n : sizeof tagged - 1);
}

int report_pid(pid_t pid)
{
	char line[64];
	snprintf(line, sizeof line, "{\"event\":\"pid\",\"pid\":%d}\n", (int)pid);
	return emit(line);
}

int report_setup_error(const char *step, int err, const char *message)
{
	char line[3000] = "{\"event\":\"setup-error\",\"step\":\"";
	json_escape(line, 200, step);
	snprintf(line + strlen(line), 64, "\",\"errno\":%d,\"message\":\"", err);
	json_escape(line, sizeof line - 4, message);
	strcat(line, "\"}\n");
	return emit(line);
}

int report_tree(int damaged, int unchecked, const char *why)
{
	char line[3000] = "{\"event\":\"tree\",";
	if (!damaged && !unchecked) {
		strcat(line, "\"damage\":null}\n");
		return emit(line);
	}
	strcat(line, damaged ? "\"damage\":\"" : "\"unchecked\":\"");
	json_escape(line, sizeof line - 4, why);
	strcat(line, "\"}\n");
	return emit(line);
}

int report_done(unsigned long id, int status)
{
	unsigned long was = tag;
	tag = id;
	int r = report_exit("done", status, NULL);
	tag = was;
	return r;
}

int report_exit(const char *event, int status, const struct rusage *ru)
{
	char line[512], code[16] = "null", sig[16] = "null";
	if (WIFEXITED(status))
		snprintf(code, sizeof code, "%d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(sig, sizeof sig, "%d", WTERMSIG(status));
	int n = snprintf(line, sizeof line, "{\"event\":\"%s\",\"code\":%s,\"signal\":%s", event, code, sig);
	if (ru)
		n += snprintf(line + n, sizeof line - n,
			      ",\"rusage\":{\"utime_us\":%lld,\"stime_us\":%lld,\"maxrss_kb\":%ld,\"minflt\":%ld,"
			      "\"majflt\":%ld,\"nvcsw\":%ld,\"nivcsw\":%ld}",
			      (long long)ru->ru_utime.tv_sec * 1000000 + ru->ru_utime.tv_usec,
			      (long long)ru->ru_stime.tv_sec * 1000000 + ru->ru_stime.tv_usec, ru->ru_maxrss,
			      ru->ru_minflt, ru->ru_majflt, ru->ru_nvcsw, ru->ru_nivcsw);
	snprintf(line + n, sizeof line - n, "}\n");
	return emit(line);
}
