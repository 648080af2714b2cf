/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The UCRT's stdio entry points.  Its headers make printf, snprintf, sscanf
 * and the rest inline functions over a few __stdio_common_* exports, passing
 * option bits that choose between C99 and the old msvcrt.dll behaviours; the
 * formatting and scanning engines are msvcrt's (format.c, scan.c).  The FILE
 * is opaque to UCRT programs, so msvcrt's stream table serves as it is.
 */
#include "ucrtbase_private.h"
#include "format.h"

#define TRUNCATE ((size_t)-1)
#define M_STRUNCATE 80

M_FILE *__cdecl __acrt_iob_func(unsigned int index)
{
    return &__iob_func()[index];
}

/* %n, which the UCRT refuses unless _set_printf_count_output enabled it */
static LONG count_output;

int __cdecl _set_printf_count_output(int enable)
{
    return InterlockedExchange(&count_output, enable != 0);
}

int __cdecl _get_printf_count_output(void)
{
    return count_output;
}

static unsigned int printf_flags(unsigned __int64 options)
{
    unsigned int flags = count_output ? 0 : FMT_NO_COUNT;

    if (options & UCRT_PRINTF_LEGACY_MSVCRT_COMPATIBILITY) flags |= FMT_LEGACY_SPECIALS | FMT_LEGACY_SIZES;
    if (options & UCRT_PRINTF_LEGACY_THREE_DIGIT_EXPONENTS) flags |= FMT_THREE_DIGIT_EXP;
    if (options & UCRT_PRINTF_LEGACY_WIDE_SPECIFIERS) flags |= FMT_LEGACY_WIDE;
    if (options & UCRT_PRINTF_STANDARD_ROUNDING) flags |= FMT_TIES_EVEN;
    return flags;
}

static unsigned int scanf_flags(unsigned __int64 options)
{
    unsigned int flags = SCAN_C99_FLOATS;

    if (options & UCRT_SCANF_SECURECRT) flags |= SCAN_SECURE;
    if (options & UCRT_SCANF_LEGACY_WIDE_SPECIFIERS) flags |= SCAN_LEGACY_WIDE;
    return flags;
}

/* ---- to a FILE ---- */

/* A refused %n, and a positional format that mixes or leaves out numbers, are invalid parameters. */
static int printf_result(int ret)
{
    return ret == FMT_COUNT_REFUSED || ret == FMT_POSITION_REFUSED ? ucrt_invalid(M_EINVAL, -1) : ret;
}

int __cdecl __stdio_common_vfprintf(unsigned __int64 options, M_FILE *f, const char *fmt, void *locale, va_list ap)
{
    if (!f || !fmt) return ucrt_invalid(M_EINVAL, -1);
    return printf_result(msvcrt_vfprintf_opt(f, fmt, 0, printf_flags(options), ap));
}

int __cdecl __stdio_common_vfprintf_s(unsigned __int64 options, M_FILE *f, const char *fmt, void *locale, va_list ap)
{
    return __stdio_common_vfprintf(options, f, fmt, locale, ap);
}

int __cdecl __stdio_common_vfwprintf(unsigned __int64 options, M_FILE *f, const WCHAR *fmt, void *locale, va_list ap)
{
    if (!f || !fmt) return ucrt_invalid(M_EINVAL, -1);
    return printf_result(msvcrt_vfprintf_opt(f, fmt, 1, printf_flags(options), ap));
}

int __cdecl __stdio_common_vfwprintf_s(unsigned __int64 options, M_FILE *f, const WCHAR *fmt, void *locale, va_list ap)
{
    return __stdio_common_vfwprintf(options, f, fmt, locale, ap);
}

/* _fprintf_p and the rest of the positional family: %n$ numbers the arguments */
int __cdecl __stdio_common_vfprintf_p(unsigned __int64 options, M_FILE *f, const char *fmt, void *locale, va_list ap)
{
    if (!f || !fmt) return ucrt_invalid(M_EINVAL, -1);
    return printf_result(msvcrt_vfprintf_opt(f, fmt, 0, printf_flags(options) | FMT_POSITIONAL, ap));
}

int __cdecl __stdio_common_vfwprintf_p(unsigned __int64 options, M_FILE *f, const WCHAR *fmt, void *locale, va_list ap)
{
    if (!f || !fmt) return ucrt_invalid(M_EINVAL, -1);
    return printf_result(msvcrt_vfprintf_opt(f, fmt, 1, printf_flags(options) | FMT_POSITIONAL, ap));
}

/* ---- to a buffer ---- */

/* Keeps what fits and counts the rest, so the caller knows the full length. */
struct trunc_sink
{
    struct fmt_sink base;
    void *buf;
    size_t pos, cap;
    int wide;
};

static int trunc_write(struct fmt_sink *sink, const void *chars, size_t n)
{
    struct trunc_sink *t = (struct trunc_sink *)sink;
    size_t room = t->pos < t->cap ? t->cap - t->pos : 0, k = n < room ? n : room, i;

    for (i = 0; i < k; i++)
    {
        if (t->wide) ((WCHAR *)t->buf)[t->pos + i] = ((const WCHAR *)chars)[i];
        else ((char *)t->buf)[t->pos + i] = ((const char *)chars)[i];
    }
    t->pos += n;
    return 0;
}

static void put_nul(void *buf, int wide, size_t at)
{
    if (wide) ((WCHAR *)buf)[at] = 0;
    else ((char *)buf)[at] = 0;
}

/* Formats into buf (cap characters, buf may be NULL to measure): the full length, or -1;
 * a refused %n or positional format leaves an empty string.  extra: FMT_* bits of the caller. */
static int format_into(void *buf, size_t cap, const void *fmt, int wide, unsigned __int64 options,
                       unsigned int extra, va_list ap)
{
    struct trunc_sink sink = { { trunc_write }, buf, 0, buf ? cap : 0, wide };
    int ret = fmt_vprintf_opt(&sink.base, fmt, wide, printf_flags(options) | extra, ap);

    if (ret != FMT_COUNT_REFUSED && ret != FMT_POSITION_REFUSED) return ret;
    if (buf && cap) put_nul(buf, wide, 0);
    return ucrt_invalid(M_EINVAL, -1);
}

/* vsprintf, _vsnprintf (LEGACY_VSPRINTF_NULL_TERMINATION) and vsnprintf (STANDARD_SNPRINTF_BEHAVIOR). */
static int common_vsprintf(unsigned __int64 options, void *buf, size_t len, const void *fmt, int wide, va_list ap)
{
    int ret;

    if (!fmt || (!buf && len)) return ucrt_invalid(M_EINVAL, -1);
    ret = format_into(buf, len, fmt, wide, options, 0, ap);
    if (ret < 0 || !buf) return ret;
    if ((size_t)ret < len)
    {
        put_nul(buf, wide, ret);
        return ret;
    }
    if (options & UCRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION)
        return (size_t)ret == len ? ret : -1;
    if (len) put_nul(buf, wide, len - 1);
    if (options & UCRT_PRINTF_STANDARD_SNPRINTF_BEHAVIOR) return ret;
    return len ? -2 : -1;
}

/* The _s forms: output that does not fit leaves an empty string and is an invalid parameter. */
static int common_vsprintf_s(unsigned __int64 options, void *buf, size_t len, const void *fmt, int wide,
                             unsigned int extra, va_list ap)
{
    int ret;

    if (!fmt || !buf || !len)
    {
        if (buf && len) put_nul(buf, wide, 0);
        return ucrt_invalid(M_EINVAL, -1);
    }
    ret = format_into(buf, len, fmt, wide, options, extra, ap);
    if (ret < 0)
    {
        put_nul(buf, wide, 0);
        return ret;
    }
    if ((size_t)ret >= len)
    {
        put_nul(buf, wide, 0);
        return ucrt_invalid(M_ERANGE, -1);
    }
    put_nul(buf, wide, ret);
    return ret;
}

/* _vsnprintf_s: at most count characters (or as many as fit, for _TRUNCATE), always terminated. */
static int common_vsnprintf_s(unsigned __int64 options, void *buf, size_t len, size_t count, const void *fmt,
                              int wide, va_list ap)
{
    size_t limit;
    int ret;

    if (!fmt || !buf || !len)
    {
        if (buf && len) put_nul(buf, wide, 0);
        return ucrt_invalid(M_EINVAL, -1);
    }
    limit = count == TRUNCATE || count >= len ? len - 1 : count;
    ret = format_into(buf, limit, fmt, wide, options, 0, ap);
    if (ret < 0)
    {
        put_nul(buf, wide, 0);
        return ret;
    }
    if ((size_t)ret <= limit)
    {
        put_nul(buf, wide, ret);
        return ret;
    }
    if (count == TRUNCATE || count < len)
    {
        put_nul(buf, wide, limit);
        *_errno() = M_STRUNCATE;
        return -1;
    }
    put_nul(buf, wide, 0);
    return ucrt_invalid(M_ERANGE, -1);
}

int __cdecl __stdio_common_vsprintf(unsigned __int64 options, char *buf, size_t len, const char *fmt,
                                    void *locale, va_list ap)
{
    return common_vsprintf(options, buf, len, fmt, 0, ap);
}

int __cdecl __stdio_common_vswprintf(unsigned __int64 options, WCHAR *buf, size_t len, const WCHAR *fmt,
                                     void *locale, va_list ap)
{
    return common_vsprintf(options, buf, len, fmt, 1, ap);
}

int __cdecl __stdio_common_vsprintf_s(unsigned __int64 options, char *buf, size_t len, const char *fmt,
                                      void *locale, va_list ap)
{
    return common_vsprintf_s(options, buf, len, fmt, 0, 0, ap);
}

int __cdecl __stdio_common_vswprintf_s(unsigned __int64 options, WCHAR *buf, size_t len, const WCHAR *fmt,
                                       void *locale, va_list ap)
{
    return common_vsprintf_s(options, buf, len, fmt, 1, 0, ap);
}

/* _sprintf_p and _vsprintf_p are sprintf_s with numbered arguments; _scprintf_p measures,
 * passing no buffer and no length. */
static int common_vsprintf_p(unsigned __int64 options, void *buf, size_t len, const void *fmt, int wide, va_list ap)
{
    if (!buf && !len && fmt) return format_into(NULL, 0, fmt, wide, options, FMT_POSITIONAL, ap);
    return common_vsprintf_s(options, buf, len, fmt, wide, FMT_POSITIONAL, ap);
}

int __cdecl __stdio_common_vsprintf_p(unsigned __int64 options, char *buf, size_t len, const char *fmt,
                                      void *locale, va_list ap)
{
    return common_vsprintf_p(options, buf, len, fmt, 0, ap);
}

int __cdecl __stdio_common_vswprintf_p(unsigned __int64 options, WCHAR *buf, size_t len, const WCHAR *fmt,
                                       void *locale, va_list ap)
{
    return common_vsprintf_p(options, buf, len, fmt, 1, ap);
}

int __cdecl __stdio_common_vsnprintf_s(unsigned __int64 options, char *buf, size_t len, size_t count,
                                       const char *fmt, void *locale, va_list ap)
{
    return common_vsnprintf_s(options, buf, len, count, fmt, 0, ap);
}

int __cdecl __stdio_common_vsnwprintf_s(unsigned __int64 options, WCHAR *buf, size_t len, size_t count,
                                        const WCHAR *fmt, void *locale, va_list ap)
{
    return common_vsnprintf_s(options, buf, len, count, fmt, 1, ap);
}

/* ---- scanf ---- */

struct string_source
{
    struct scan_source base;
    const void *str;
    size_t pos, len;
    int wide;
};

static int string_get(struct scan_source *src)
{
    struct string_source *s = (struct string_source *)src;
    unsigned int c;

    if (s->pos >= s->len) return -1;
    c = s->wide ? ((const WCHAR *)s->str)[s->pos] : ((const unsigned char *)s->str)[s->pos];
    if (!c) return -1;
    s->pos++;
    return (int)c;
}

static void string_unget(struct scan_source *src, int c)
{
    struct string_source *s = (struct string_source *)src;

    if (c >= 0 && s->pos) s->pos--;
}

static int common_vsscanf(unsigned __int64 options, const void *str, size_t len, const void *fmt, int wide, va_list ap)
{
    struct string_source src = { { string_get, string_unget }, str, 0, len, wide };

    if (!str || !fmt) return ucrt_invalid(M_EINVAL, -1);
    return fmt_vscanf_opt(&src.base, fmt, wide, scanf_flags(options), ap);
}

int __cdecl __stdio_common_vsscanf(unsigned __int64 options, const char *str, size_t len, const char *fmt,
                                   void *locale, va_list ap)
{
    return common_vsscanf(options, str, len, fmt, 0, ap);
}

int __cdecl __stdio_common_vswscanf(unsigned __int64 options, const WCHAR *str, size_t len, const WCHAR *fmt,
                                    void *locale, va_list ap)
{
    return common_vsscanf(options, str, len, fmt, 1, ap);
}

int __cdecl __stdio_common_vfscanf(unsigned __int64 options, M_FILE *f, const char *fmt, void *locale, va_list ap)
{
    if (!f || !fmt) return ucrt_invalid(M_EINVAL, -1);
    return msvcrt_vfscanf_opt(f, fmt, 0, scanf_flags(options), ap);
}

int __cdecl __stdio_common_vfwscanf(unsigned __int64 options, M_FILE *f, const WCHAR *fmt, void *locale, va_list ap)
{
    if (!f || !fmt) return ucrt_invalid(M_EINVAL, -1);
    return msvcrt_vfscanf_opt(f, fmt, 1, scanf_flags(options), ap);
}
