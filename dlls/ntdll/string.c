/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The C string functions ntdll.dll exports (and that gcc may call from any PE
 * code here).  `rep movsb`/`rep stosb` are fast for every size on the CPUs
 * Wring targets (ERMS) and cannot be turned back into calls by the compiler.
 */
#include "ntdll_private.h"

void *__cdecl memcpy(void *dst, const void *src, size_t n)
{
    void *d = dst;
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
    return dst;
}

void *__cdecl memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d <= s || d >= s + n) return memcpy(dst, src, n);
    /* overlapping with dst above src: copy backwards */
    d += n - 1;
    s += n - 1;
    __asm__ volatile("std; rep movsb; cld" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
    return dst;
}

void *__cdecl memset(void *dst, int c, size_t n)
{
    void *d = dst;
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
    return dst;
}

int __cdecl memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) if (*x != *y) return *x - *y;
    return 0;
}

void *__cdecl memchr(const void *p, int c, size_t n)
{
    const unsigned char *s = p;
    for (; n; n--, s++) if (*s == (unsigned char)c) return (void *)s;
    return NULL;
}

size_t __cdecl strlen(const char *s)
{
    const char *p = s;
    while (*p) p++;
    return p - s;
}

size_t __cdecl wcslen(const WCHAR *s)
{
    const WCHAR *p = s;
    while (*p) p++;
    return p - s;
}

int __cdecl strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return (unsigned char)*a - (unsigned char)*b;
}

int __cdecl strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++)
        if (*a != *b || !*a) return (unsigned char)*a - (unsigned char)*b;
    return 0;
}

char *__cdecl strchr(const char *s, int c)
{
    for (;; s++)
    {
        if (*s == (char)c) return (char *)s;
        if (!*s) return NULL;
    }
}

char *__cdecl strrchr(const char *s, int c)
{
    const char *last = NULL;
    for (;; s++)
    {
        if (*s == (char)c) last = s;
        if (!*s) return (char *)last;
    }
}

char *__cdecl strcpy(char *d, const char *s)
{
    char *r = d;
    while ((*d++ = *s++)) {}
    return r;
}

char *__cdecl strcat(char *d, const char *s)
{
    strcpy(d + strlen(d), s);
    return d;
}

int __cdecl toupper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 0x20 : c;
}

int __cdecl tolower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 0x20 : c;
}

/* ASCII and Latin-1 case mapping is what the C runtimes of ntdll use */
WCHAR __cdecl towupper(WCHAR c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 0xe0 && c <= 0xfe && c != 0xf7)) return c - 0x20;
    if (c == 0xff) return 0x178;
    return c;
}

WCHAR __cdecl towlower(WCHAR c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7)) return c + 0x20;
    if (c == 0x178) return 0xff;
    return c;
}

int __cdecl _strnicmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++)
    {
        int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
        if (x != y || !x) return x - y;
    }
    return 0;
}

int __cdecl _stricmp(const char *a, const char *b)
{
    return _strnicmp(a, b, (size_t)-1);
}

int __cdecl _wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (; n; n--, a++, b++)
    {
        int x = towlower(*a), y = towlower(*b);
        if (x != y || !x) return x - y;
    }
    return 0;
}

int __cdecl _wcsicmp(const WCHAR *a, const WCHAR *b)
{
    return _wcsnicmp(a, b, (size_t)-1);
}

int __cdecl wcscmp(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b) { a++; b++; }
    return *a - *b;
}

int __cdecl wcsncmp(const WCHAR *a, const WCHAR *b, size_t n)
{
    for (; n; n--, a++, b++)
        if (*a != *b || !*a) return *a - *b;
    return 0;
}

WCHAR *__cdecl wcschr(const WCHAR *s, WCHAR c)
{
    for (;; s++)
    {
        if (*s == c) return (WCHAR *)s;
        if (!*s) return NULL;
    }
}

WCHAR *__cdecl wcsrchr(const WCHAR *s, WCHAR c)
{
    const WCHAR *last = NULL;
    for (;; s++)
    {
        if (*s == c) last = s;
        if (!*s) return (WCHAR *)last;
    }
}

WCHAR *__cdecl wcscpy(WCHAR *d, const WCHAR *s)
{
    WCHAR *r = d;
    while ((*d++ = *s++)) {}
    return r;
}

WCHAR *__cdecl wcscat(WCHAR *d, const WCHAR *s)
{
    wcscpy(d + wcslen(d), s);
    return d;
}
