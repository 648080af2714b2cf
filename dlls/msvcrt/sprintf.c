/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * String-target printf/scanf/strtod exports of msvcrt.dll.
 *
 * msvcrt's counted forms differ from C99: _snprintf/_vsnprintf/vsnprintf and
 * _snwprintf/_vsnwprintf return -1 when the output does not fit, leaving the
 * buffer full and unterminated; output that fits exactly is returned without
 * a terminator.  A NULL buffer only measures (what programs that size their
 * buffer with _vsnprintf(NULL, 0, ...) rely on).  swprintf and vswprintf are
 * the legacy forms without a count.
 */
#include <stddef.h>
#include <stdarg.h>
#include "format.h"

#define MSVCRT_EINVAL 22
#define MSVCRT_ERANGE 34

int *__cdecl _errno(void);

struct buf_sink {
    struct fmt_sink base;
    void *buf;                  /* NULL: count only */
    size_t pos, cap;
    int wide;
};

static int buf_write(struct fmt_sink *sink, const void *chars, size_t n)
{
    struct buf_sink *b = (struct buf_sink *)sink;
    size_t room = b->cap - b->pos, k = n < room ? n : room, i;

    if (!b->buf) {
        b->pos += n;
        return 0;
    }
    if (b->wide) {
        WCHAR *dst = (WCHAR *)b->buf + b->pos;
        const WCHAR *src = chars;
        for (i = 0; i < k; i++)
            dst[i] = src[i];
    } else {
        char *dst = (char *)b->buf + b->pos;
        const char *src = chars;
        for (i = 0; i < k; i++)
            dst[i] = src[i];
    }
    b->pos += k;
    return k < n ? -1 : 0;
}

static int print_to_buffer(void *buf, size_t cap, const void *fmt, int wide, va_list ap)
{
    struct buf_sink sink;
    int ret;

    if (!fmt) {
        *_errno() = MSVCRT_EINVAL;
        return -1;
    }
    sink.base.write = buf_write;
    sink.buf = buf;
    sink.pos = 0;
    sink.cap = buf ? cap : (size_t)-1;
    sink.wide = wide;
    ret = wide ? fmt_vprintf_w(&sink.base, fmt, ap) : fmt_vprintf_a(&sink.base, fmt, ap);
    if (buf && sink.pos < cap) {
        if (wide)
            ((WCHAR *)buf)[sink.pos] = 0;
        else
            ((char *)buf)[sink.pos] = 0;
    }
    return ret;
}

/* The uncounted forms: there is no buffer size to let a NULL buffer measure. */
static int print_unbounded(void *buf, const void *fmt, int wide, va_list ap)
{
    if (!buf) {
        *_errno() = MSVCRT_EINVAL;
        return -1;
    }
    return print_to_buffer(buf, (size_t)-1, fmt, wide, ap);
}

int __cdecl vsprintf(char *buf, const char *fmt, va_list ap)
{
    return print_unbounded(buf, fmt, 0, ap);
}

int __cdecl sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vsprintf(buf, fmt, ap);
    va_end(ap);
    return ret;
}

int __cdecl _vsnprintf(char *buf, size_t count, const char *fmt, va_list ap)
{
    return print_to_buffer(buf, count, fmt, 0, ap);
}

int __cdecl vsnprintf(char *buf, size_t count, const char *fmt, va_list ap)
{
    return print_to_buffer(buf, count, fmt, 0, ap);
}

int __cdecl _snprintf(char *buf, size_t count, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = print_to_buffer(buf, count, fmt, 0, ap);
    va_end(ap);
    return ret;
}

int __cdecl _vscprintf(const char *fmt, va_list ap)
{
    return print_to_buffer(NULL, 0, fmt, 0, ap);
}

int __cdecl _scprintf(const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = print_to_buffer(NULL, 0, fmt, 0, ap);
    va_end(ap);
    return ret;
}

int __cdecl vswprintf(WCHAR *buf, const WCHAR *fmt, va_list ap)
{
    return print_unbounded(buf, fmt, 1, ap);
}

int __cdecl _vswprintf(WCHAR *buf, const WCHAR *fmt, va_list ap)
{
    return vswprintf(buf, fmt, ap);
}

int __cdecl swprintf(WCHAR *buf, const WCHAR *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vswprintf(buf, fmt, ap);
    va_end(ap);
    return ret;
}

int __cdecl _swprintf(WCHAR *buf, const WCHAR *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vswprintf(buf, fmt, ap);
    va_end(ap);
    return ret;
}

int __cdecl _vsnwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, va_list ap)
{
    return print_to_buffer(buf, count, fmt, 1, ap);
}

int __cdecl _snwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = print_to_buffer(buf, count, fmt, 1, ap);
    va_end(ap);
    return ret;
}

int __cdecl _vscwprintf(const WCHAR *fmt, va_list ap)
{
    return print_to_buffer(NULL, 0, fmt, 1, ap);
}

int __cdecl _scwprintf(const WCHAR *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = print_to_buffer(NULL, 0, fmt, 1, ap);
    va_end(ap);
    return ret;
}

struct str_source {
    struct scan_source base;
    const void *str;
    size_t pos, len;
    int wide;
};

static int str_get(struct scan_source *src)
{
    struct str_source *s = (struct str_source *)src;
    int c;

    if (s->pos >= s->len)
        return -1;
    c = s->wide ? ((const WCHAR *)s->str)[s->pos] : ((const unsigned char *)s->str)[s->pos];
    if (!c)
        return -1;
    s->pos++;
    return c;
}

static void str_unget(struct scan_source *src, int c)
{
    struct str_source *s = (struct str_source *)src;

    if (c >= 0 && s->pos)
        s->pos--;
}

static int scan_string(const void *str, size_t len, const void *fmt, int wide, va_list ap)
{
    struct str_source src;

    if (!str || !fmt) {
        *_errno() = MSVCRT_EINVAL;
        return -1;
    }
    src.base.get = str_get;
    src.base.unget = str_unget;
    src.str = str;
    src.pos = 0;
    src.len = len;
    src.wide = wide;
    return wide ? fmt_vscanf_w(&src.base, fmt, ap) : fmt_vscanf_a(&src.base, fmt, ap);
}

int __cdecl sscanf(const char *str, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = scan_string(str, (size_t)-1, fmt, 0, ap);
    va_end(ap);
    return ret;
}

int __cdecl swscanf(const WCHAR *str, const WCHAR *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = scan_string(str, (size_t)-1, fmt, 1, ap);
    va_end(ap);
    return ret;
}

int __cdecl _snscanf(const char *str, size_t len, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = scan_string(str, len, fmt, 0, ap);
    va_end(ap);
    return ret;
}

int __cdecl _snwscanf(const WCHAR *str, size_t len, const WCHAR *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = scan_string(str, len, fmt, 1, ap);
    va_end(ap);
    return ret;
}

double __cdecl strtod(const char *str, char **end)
{
    int range_error;
    double r;

    if (!str) {
        if (end)
            *end = NULL;
        *_errno() = MSVCRT_EINVAL;
        return 0.0;
    }
    r = fmt_strtod_a(str, end, &range_error);
    if (range_error)
        *_errno() = MSVCRT_ERANGE;
    return r;
}

double __cdecl wcstod(const WCHAR *str, WCHAR **end)
{
    int range_error;
    double r;

    if (!str) {
        if (end)
            *end = NULL;
        *_errno() = MSVCRT_EINVAL;
        return 0.0;
    }
    r = fmt_strtod_w(str, end, &range_error);
    if (range_error)
        *_errno() = MSVCRT_ERANGE;
    return r;
}

double __cdecl atof(const char *str)
{
    return strtod(str, NULL);
}

double __cdecl _wtof(const WCHAR *str)
{
    return wcstod(str, NULL);
}
