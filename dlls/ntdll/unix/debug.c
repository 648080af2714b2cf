/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* WRING_DEBUG channels and the one-line messages Wring prints for the user. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "private.h"

bool debug_on[DBG_COUNT];

static const char *const channel_names[DBG_COUNT] = {
    [DBG_LOADER] = "loader", [DBG_STUB] = "stub", [DBG_FILE] = "file",
    [DBG_ENGINE] = "engine", [DBG_HEAP] = "heap", [DBG_VIRTUAL] = "virtual",
};

static int channel_index(const char *name, size_t len)
{
    for (int i = 0; i < DBG_COUNT; i++)
        if (strlen(channel_names[i]) == len && !strncasecmp(channel_names[i], name, len)) return i;
    return -1;
}

/* WRING_DEBUG is a comma-separated list of +channel / -channel, "+all" for every channel. */
void debug_init(void)
{
    const char *spec = getenv("WRING_DEBUG");
    if (!spec) return;
    while (*spec)
    {
        size_t len = strcspn(spec, ",");
        bool on = true;
        const char *name = spec;
        size_t name_len = len;
        if (*name == '+' || *name == '-') { on = *name == '+'; name++; name_len--; }
        if (name_len == 3 && !strncasecmp(name, "all", 3))
            for (int i = 0; i < DBG_COUNT; i++) debug_on[i] = on;
        else if (name_len)
        {
            int i = channel_index(name, name_len);
            if (i >= 0) debug_on[i] = on;
            else wring_error("WRING_DEBUG: unknown channel '%.*s'", (int)name_len, name);
        }
        spec += len;
        if (*spec == ',') spec++;
    }
}

void debug_printf(const char *channel, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    int n = snprintf(buf, sizeof(buf), "%04x:%s: ", (unsigned)gettid(), channel);
    va_start(ap, fmt);
    vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
    va_end(ap);
    /* one write per line so that lines from several threads do not interleave */
    size_t len = strlen(buf);
    if (len == sizeof(buf) - 1) buf[len - 1] = '\n';
    else if (!len || buf[len - 1] != '\n') buf[len++] = '\n';
    if (write(2, buf, len) < 0) return;
}

void wring_error(const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    int n = snprintf(buf, sizeof(buf), "wring: ");
    va_start(ap, fmt);
    vsnprintf(buf + n, sizeof(buf) - n - 1, fmt, ap);
    va_end(ap);
    size_t len = strlen(buf);
    buf[len++] = '\n';
    if (write(2, buf, len) < 0) return;
}

void fatal_status(NTSTATUS status)
{
    _exit(status & 0xff);
}
