/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * msvcrt's wide-string functions and the multibyte conversions of the "C"
 * locale, whose code page maps byte n to U+00nn both ways (so U+0100 and up
 * cannot be converted to bytes: EILSEQ).
 */

#include "corelib.h"

typedef struct { int state; } mbstate_t_;

static inline wchar_t wlower(wchar_t c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static inline wchar_t wupper(wchar_t c)
{
    return (c >= 'a' && c <= 'z') ? c - ('a' - 'A') : c;
}

size_t __cdecl wcslen(const wchar_t *s)
{
    const wchar_t *p = s;

    while (*p) p++;
    return p - s;
}

size_t __cdecl wcsnlen(const wchar_t *s, size_t maxlen)
{
    size_t i = 0;

    while (i < maxlen && s[i]) i++;
    return i;
}

wchar_t *__cdecl wcscpy(wchar_t *dst, const wchar_t *src)
{
    wchar_t *d = dst;

    while ((*d++ = *src++));
    return dst;
}

wchar_t *__cdecl wcsncpy(wchar_t *dst, const wchar_t *src, size_t n)
{
    size_t i = 0;

    for (; i < n && src[i]; i++) dst[i] = src[i];
    for (; i < n; i++) dst[i] = 0;
    return dst;
}

wchar_t *__cdecl wcscat(wchar_t *dst, const wchar_t *src)
{
    wcscpy(dst + wcslen(dst), src);
    return dst;
}

wchar_t *__cdecl wcsncat(wchar_t *dst, const wchar_t *src, size_t n)
{
    wchar_t *d = dst + wcslen(dst);

    while (n-- && *src) *d++ = *src++;
    *d = 0;
    return dst;
}

/* Like strcmp, msvcrt's wcscmp answers -1, 0 or 1... */
int __cdecl wcscmp(const wchar_t *a, const wchar_t *b)
{
    while (*a && *a == *b) { a++; b++; }
    if (*a == *b) return 0;
    return *a < *b ? -1 : 1;
}

/* ...and its wcsncmp the difference, like strncmp. */
int __cdecl wcsncmp(const wchar_t *a, const wchar_t *b, size_t n)
{
    for (; n; n--, a++, b++)
        if (*a != *b || !*a) return *a - *b;
    return 0;
}

int __cdecl _wcsicmp(const wchar_t *a, const wchar_t *b)
{
    int d;

    do
    {
        d = wlower(*a) - wlower(*b);
    } while (!d && *a++ && *b++);
    return d;
}

int __cdecl _wcsnicmp(const wchar_t *a, const wchar_t *b, size_t n)
{
    for (; n; n--, a++, b++)
    {
        int d = wlower(*a) - wlower(*b);
        if (d || !*a) return d;
    }
    return 0;
}

int __cdecl wcscoll(const wchar_t *a, const wchar_t *b)
{
    return wcscmp(a, b);
}

int __cdecl _wcsicoll(const wchar_t *a, const wchar_t *b)
{
    return _wcsicmp(a, b);
}

int __cdecl _wcsncoll(const wchar_t *a, const wchar_t *b, size_t n)
{
    return wcsncmp(a, b, n);
}

int __cdecl _wcsnicoll(const wchar_t *a, const wchar_t *b, size_t n)
{
    return _wcsnicmp(a, b, n);
}

size_t __cdecl wcsxfrm(wchar_t *dst, const wchar_t *src, size_t n)
{
    size_t len = wcslen(src);

    if (len < n) wcscpy(dst, src);
    return len;
}

wchar_t *__cdecl wcschr(const wchar_t *s, wchar_t c)
{
    for (;; s++)
    {
        if (*s == c) return (wchar_t *)s;
        if (!*s) return 0;
    }
}

wchar_t *__cdecl wcsrchr(const wchar_t *s, wchar_t c)
{
    const wchar_t *last = 0;

    for (;; s++)
    {
        if (*s == c) last = s;
        if (!*s) return (wchar_t *)last;
    }
}

wchar_t *__cdecl wcsstr(const wchar_t *hay, const wchar_t *needle)
{
    size_t nlen = wcslen(needle);

    if (!nlen) return (wchar_t *)hay;
    for (; (hay = wcschr(hay, needle[0])); hay++)
        if (!wcsncmp(hay, needle, nlen)) return (wchar_t *)hay;
    return 0;
}

size_t __cdecl wcsspn(const wchar_t *s, const wchar_t *accept)
{
    size_t i = 0;

    while (s[i] && wcschr(accept, s[i])) i++;
    return i;
}

size_t __cdecl wcscspn(const wchar_t *s, const wchar_t *reject)
{
    size_t i = 0;

    while (s[i] && !wcschr(reject, s[i])) i++;
    return i;
}

wchar_t *__cdecl wcspbrk(const wchar_t *s, const wchar_t *accept)
{
    s += wcscspn(s, accept);
    return *s ? (wchar_t *)s : 0;
}

/* msvcrt's two-argument wcstok, with its position kept per thread. */
wchar_t *__cdecl wcstok(wchar_t *s, const wchar_t *delim)
{
    struct core_thread *t = core_thread_data();
    wchar_t *tok;

    if (!s) s = t->wcstok_next;
    if (!s) return 0;
    s += wcsspn(s, delim);
    if (!*s)
    {
        t->wcstok_next = 0;
        return 0;
    }
    tok = s;
    s += wcscspn(s, delim);
    if (*s) *s++ = 0;
    t->wcstok_next = s;
    return tok;
}

wchar_t *__cdecl _wcsdup(const wchar_t *s)
{
    size_t size;
    wchar_t *r;

    if (!s) return 0;
    size = (wcslen(s) + 1) * sizeof(wchar_t);
    if ((r = malloc(size))) wcscpy(r, s);
    return r;
}

wchar_t *__cdecl _wcslwr(wchar_t *s)
{
    wchar_t *p;

    for (p = s; *p; p++) *p = wlower(*p);
    return s;
}

wchar_t *__cdecl _wcsupr(wchar_t *s)
{
    wchar_t *p;

    for (p = s; *p; p++) *p = wupper(*p);
    return s;
}

wchar_t *__cdecl _wcsrev(wchar_t *s)
{
    wchar_t *a = s, *b = s + wcslen(s);

    while (b - a > 1)
    {
        wchar_t t = *a;
        *a++ = *--b;
        *b = t;
    }
    return s;
}

wchar_t *__cdecl _wcsset(wchar_t *s, wchar_t c)
{
    wchar_t *p;

    for (p = s; *p; p++) *p = c;
    return s;
}

wchar_t *__cdecl _wcsnset(wchar_t *s, wchar_t c, size_t n)
{
    wchar_t *p;

    for (p = s; n && *p; p++, n--) *p = c;
    return s;
}

/* Multibyte conversions: one byte per character, byte value = code point. */

int __cdecl mblen(const char *s, size_t n)
{
    if (!s) return 0;
    if (!n) return -1;
    return *s ? 1 : 0;
}

size_t __cdecl _mbstrlen(const char *s)
{
    size_t len = 0;

    while (s[len]) len++;
    return len;
}

int __cdecl mbtowc(wchar_t *dst, const char *s, size_t n)
{
    if (!s) return 0;
    if (!n) return -1;
    if (dst) *dst = (unsigned char)*s;
    return *s ? 1 : 0;
}

int __cdecl wctomb(char *dst, wchar_t wc)
{
    if (!dst) return 0;
    if (wc > 0xff)
    {
        *_errno() = EILSEQ;
        return -1;
    }
    *dst = (char)wc;
    return 1;
}

size_t __cdecl mbstowcs(wchar_t *dst, const char *src, size_t n)
{
    size_t i;

    if (!dst) return _mbstrlen(src);
    for (i = 0; i < n; i++)
        if (!(dst[i] = (unsigned char)src[i])) break;
    return i;
}

size_t __cdecl wcstombs(char *dst, const wchar_t *src, size_t n)
{
    size_t i;

    if (!dst) n = (size_t)-1;
    for (i = 0; i < n; i++)
    {
        if (src[i] > 0xff)
        {
            *_errno() = EILSEQ;
            return (size_t)-1;
        }
        if (!src[i])
        {
            if (dst) dst[i] = 0;
            break;
        }
        if (dst) dst[i] = (char)src[i];
    }
    return i;
}

size_t __cdecl mbrtowc(wchar_t *dst, const char *s, size_t n, mbstate_t_ *state)
{
    (void)state;
    if (!s) return 0;
    if (!n) return (size_t)-2;
    if (dst) *dst = (unsigned char)*s;
    return *s ? 1 : 0;
}

size_t __cdecl mbrlen(const char *s, size_t n, mbstate_t_ *state)
{
    return mbrtowc(0, s, n, state);
}

size_t __cdecl wcrtomb(char *dst, wchar_t wc, mbstate_t_ *state)
{
    (void)state;
    if (!dst) return 1;
    if (wc > 0xff)
    {
        *_errno() = EILSEQ;
        return (size_t)-1;
    }
    *dst = (char)wc;
    return 1;
}

int __cdecl wctob(wint_t wc)
{
    return wc > 0xff ? -1 : (int)wc;
}

/* *src is left at the character that stopped the conversion, or NULL when
 * the terminator was converted. */
size_t __cdecl mbsrtowcs(wchar_t *dst, const char **src, size_t n, mbstate_t_ *state)
{
    size_t r;

    (void)state;
    if (!dst) return _mbstrlen(*src);
    r = mbstowcs(dst, *src, n);
    *src = r < n ? 0 : *src + r;
    return r;
}

size_t __cdecl wcsrtombs(char *dst, const wchar_t **src, size_t n, mbstate_t_ *state)
{
    size_t r;

    (void)state;
    if (!dst) return wcstombs(0, *src, 0);
    r = wcstombs(dst, *src, n);
    if (r == (size_t)-1)
    {
        const wchar_t *p = *src;
        while (*p <= 0xff) p++;
        *src = p;
    }
    else
        *src = r < n ? 0 : *src + r;
    return r;
}
