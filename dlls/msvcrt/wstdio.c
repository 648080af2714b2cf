/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Wide-character stream I/O.  A text stream over a byte fd converts through the locale
 * (wctomb/mbtowc); binary streams and _O_WTEXT/_O_U16TEXT/_O_U8TEXT fds carry UTF-16 units,
 * which the fd layer turns into what goes on the file.
 */
#include "msvcrt_private.h"

static BOOL stream_is_byte_text(M_FILE *f)
{
    return msvcrt_fd_is_text(f->_file) && !msvcrt_fd_is_wide(f->_file);
}

int msvcrt_fputwc_nolock(WCHAR c, M_FILE *f)
{
    if (stream_is_byte_text(f))
    {
        char mb[8];
        int n = wctomb(mb, c);

        if (n < 0) return M_WEOF;
        return msvcrt_fwrite_nolock(mb, 1, n, f) == (size_t)n ? c : M_WEOF;
    }
    return msvcrt_fwrite_nolock(&c, sizeof(c), 1, f) == 1 ? c : M_WEOF;
}

int msvcrt_fgetwc_nolock(M_FILE *f)
{
    int c1, c2;

    c1 = msvcrt_fgetc_nolock(f);
    if (c1 == M_EOF) return M_WEOF;
    if (stream_is_byte_text(f))
    {
        char mb[2];
        WCHAR wc;

        mb[0] = (char)c1;
        if (mbtowc(&wc, mb, 1) >= 0) return wc;
        if ((c2 = msvcrt_fgetc_nolock(f)) == M_EOF) return M_WEOF;
        mb[1] = (char)c2;
        if (mbtowc(&wc, mb, 2) >= 0) return wc;
        *_errno() = M_EILSEQ;
        return M_WEOF;
    }
    if ((c2 = msvcrt_fgetc_nolock(f)) == M_EOF) return M_WEOF;
    return (c1 | (c2 << 8)) & 0xffff;
}

int msvcrt_ungetwc_nolock(int c, M_FILE *f)
{
    if (c == M_WEOF) return M_WEOF;
    if (stream_is_byte_text(f))
    {
        char mb[8];
        int n = wctomb(mb, (WCHAR)c), i;

        if (n <= 0) return M_WEOF;
        for (i = n - 1; i >= 0; i--)
            if (msvcrt_ungetc_nolock((unsigned char)mb[i], f) == M_EOF) return M_WEOF;
        return c;
    }
    if (msvcrt_ungetc_nolock((c >> 8) & 0xff, f) == M_EOF) return M_WEOF;
    if (msvcrt_ungetc_nolock(c & 0xff, f) == M_EOF) return M_WEOF;
    return c;
}

int __cdecl fgetwc(M_FILE *f)
{
    int c;
    _lock_file(f);
    c = msvcrt_fgetwc_nolock(f);
    _unlock_file(f);
    return c;
}

int __cdecl getwc(M_FILE *f) { return fgetwc(f); }
int __cdecl getwchar(void) { return fgetwc(m_stdin); }
int __cdecl _fgetwchar(void) { return fgetwc(m_stdin); }

int __cdecl fputwc(int c, M_FILE *f)
{
    int ret;
    _lock_file(f);
    ret = msvcrt_fputwc_nolock((WCHAR)c, f);
    msvcrt_end_call(f);
    _unlock_file(f);
    return ret;
}

int __cdecl putwc(int c, M_FILE *f) { return fputwc(c, f); }
int __cdecl putwchar(int c) { return fputwc(c, m_stdout); }
int __cdecl _fputwchar(int c) { return fputwc(c, m_stdout); }

int __cdecl ungetwc(int c, M_FILE *f)
{
    int ret;
    _lock_file(f);
    ret = msvcrt_ungetwc_nolock(c, f);
    _unlock_file(f);
    return ret;
}

WCHAR *__cdecl fgetws(WCHAR *s, int n, M_FILE *f)
{
    WCHAR *p = s;
    int c = 0;

    if (!s || n <= 0 || !f)
    {
        *_errno() = M_EINVAL;
        return NULL;
    }
    _lock_file(f);
    while (n > 1)
    {
        if ((c = msvcrt_fgetwc_nolock(f)) == M_WEOF) break;
        *p++ = (WCHAR)c;
        n--;
        if (c == '\n') break;
    }
    _unlock_file(f);
    if (p == s && c == M_WEOF) return NULL;
    *p = 0;
    return s;
}

int __cdecl fputws(const WCHAR *s, M_FILE *f)
{
    int ret = 0;

    if (!s || !f)
    {
        *_errno() = M_EINVAL;
        return M_EOF;
    }
    _lock_file(f);
    for (; *s; s++)
    {
        if (msvcrt_fputwc_nolock(*s, f) == M_WEOF)
        {
            ret = M_EOF;
            break;
        }
    }
    msvcrt_end_call(f);
    _unlock_file(f);
    return ret;
}

int __cdecl _putws(const WCHAR *s)
{
    M_FILE *f = m_stdout;
    int ret;

    _lock_file(f);
    ret = fputws(s, f) == 0 && msvcrt_fputwc_nolock('\n', f) != M_WEOF ? 0 : M_EOF;
    msvcrt_end_call(f);
    _unlock_file(f);
    return ret;
}

