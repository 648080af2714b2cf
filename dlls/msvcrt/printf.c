/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The FILE front ends of the printf and scanf engines in format.c and scan.c. */
#include "msvcrt_private.h"
#include "format.h"

struct file_sink
{
    struct fmt_sink base;
    M_FILE *f;
};

struct file_source
{
    struct scan_source base;
    M_FILE *f;
};

static int sink_write_a(struct fmt_sink *sink, const void *chars, size_t n)
{
    struct file_sink *s = (struct file_sink *)sink;
    return msvcrt_fwrite_nolock(chars, 1, n, s->f) == n ? 0 : -1;
}

static int sink_write_w(struct fmt_sink *sink, const void *chars, size_t n)
{
    struct file_sink *s = (struct file_sink *)sink;
    const WCHAR *w = chars;
    size_t i;

    for (i = 0; i < n; i++)
        if (msvcrt_fputwc_nolock(w[i], s->f) == M_WEOF) return -1;
    return 0;
}

/* flags are format.h's FMT_*: msvcrt's exports take them all, ucrtbase's those its options ask for. */
int msvcrt_vfprintf_opt(M_FILE *f, const void *fmt, int wide, unsigned int flags, va_list ap)
{
    struct file_sink sink = { { wide ? sink_write_w : sink_write_a }, f };
    char buf[M_BUFSIZ];
    BOOL temp;
    int ret;

    _lock_file(f);
    temp = msvcrt_stbuf(f, buf, sizeof(buf));
    ret = fmt_vprintf_opt(&sink.base, fmt, wide, flags, ap);
    msvcrt_ftbuf(f, temp);
    _unlock_file(f);
    return ret;
}

int __cdecl vfprintf(M_FILE *f, const char *fmt, va_list ap)
{
    return msvcrt_vfprintf_opt(f, fmt, 0, FMT_MSVCRT, ap);
}

int __cdecl vfwprintf(M_FILE *f, const WCHAR *fmt, va_list ap)
{
    if (!f || !fmt)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    return msvcrt_vfprintf_opt(f, fmt, 1, FMT_MSVCRT, ap);
}

int __cdecl vprintf(const char *fmt, va_list ap)
{
    return vfprintf(m_stdout, fmt, ap);
}

int __cdecl vwprintf(const WCHAR *fmt, va_list ap)
{
    return vfwprintf(m_stdout, fmt, ap);
}

int __cdecl fprintf(M_FILE *f, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vfprintf(f, fmt, ap);
    va_end(ap);
    return ret;
}

int __cdecl printf(const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vfprintf(m_stdout, fmt, ap);
    va_end(ap);
    return ret;
}

int __cdecl fwprintf(M_FILE *f, const WCHAR *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vfwprintf(f, fmt, ap);
    va_end(ap);
    return ret;
}

int __cdecl wprintf(const WCHAR *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vfwprintf(m_stdout, fmt, ap);
    va_end(ap);
    return ret;
}

static int source_get_a(struct scan_source *src)
{
    return msvcrt_fgetc_nolock(((struct file_source *)src)->f);
}

static void source_unget_a(struct scan_source *src, int c)
{
    if (c != M_EOF) msvcrt_ungetc_nolock(c, ((struct file_source *)src)->f);
}

static int source_get_w(struct scan_source *src)
{
    int c = msvcrt_fgetwc_nolock(((struct file_source *)src)->f);
    return c == M_WEOF ? -1 : c;
}

static void source_unget_w(struct scan_source *src, int c)
{
    if (c != -1) msvcrt_ungetwc_nolock(c, ((struct file_source *)src)->f);
}

/* flags are format.h's SCAN_*. */
int msvcrt_vfscanf_opt(M_FILE *f, const void *fmt, int wide, unsigned int flags, va_list ap)
{
    struct file_source src = { { wide ? source_get_w : source_get_a, wide ? source_unget_w : source_unget_a }, f };
    int ret;

    if (!f || !fmt)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    _lock_file(f);
    ret = fmt_vscanf_opt(&src.base, fmt, wide, flags, ap);
    _unlock_file(f);
    return ret;
}

static int vfscanf_a(M_FILE *f, const char *fmt, va_list ap)
{
    return msvcrt_vfscanf_opt(f, fmt, 0, SCAN_LEGACY_WIDE, ap);
}

static int vfscanf_w(M_FILE *f, const WCHAR *fmt, va_list ap)
{
    return msvcrt_vfscanf_opt(f, fmt, 1, SCAN_LEGACY_WIDE, ap);
}

int __cdecl fscanf(M_FILE *f, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vfscanf_a(f, fmt, ap);
    va_end(ap);
    return ret;
}

int __cdecl scanf(const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vfscanf_a(m_stdin, fmt, ap);
    va_end(ap);
    return ret;
}

int __cdecl fwscanf(M_FILE *f, const WCHAR *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vfscanf_w(f, fmt, ap);
    va_end(ap);
    return ret;
}

int __cdecl wscanf(const WCHAR *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = vfscanf_w(m_stdin, fmt, ap);
    va_end(ap);
    return ret;
}
