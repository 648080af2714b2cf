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

int __cdecl vfprintf(M_FILE *f, const char *fmt, va_list ap)
{
    struct file_sink sink = { { sink_write_a }, f };
    char buf[M_BUFSIZ];
    BOOL temp;
    int ret;

    _lock_file(f);
    temp = msvcrt_stbuf(f, buf, sizeof(buf));
    ret = fmt_vprintf_a(&sink.base, fmt, ap);
    msvcrt_ftbuf(f, temp);
    _unlock_file(f);
    return ret;
}

int __cdecl vfwprintf(M_FILE *f, const WCHAR *fmt, va_list ap)
{
    struct file_sink sink = { { sink_write_w }, f };
    char buf[M_BUFSIZ];
    BOOL temp;
    int ret;

    if (!f || !fmt)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    _lock_file(f);
    temp = msvcrt_stbuf(f, buf, sizeof(buf));
    ret = fmt_vprintf_w(&sink.base, fmt, ap);
    msvcrt_ftbuf(f, temp);
    _unlock_file(f);
    return ret;
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

static int vfscanf_a(M_FILE *f, const char *fmt, va_list ap)
{
    struct file_source src = { { source_get_a, source_unget_a }, f };
    int ret;

    if (!f || !fmt)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    _lock_file(f);
    ret = fmt_vscanf_a(&src.base, fmt, ap);
    _unlock_file(f);
    return ret;
}

static int vfscanf_w(M_FILE *f, const WCHAR *fmt, va_list ap)
{
    struct file_source src = { { source_get_w, source_unget_w }, f };
    int ret;

    if (!f || !fmt)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    _lock_file(f);
    ret = fmt_vscanf_w(&src.base, fmt, ap);
    _unlock_file(f);
    return ret;
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
