/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The tokenisers with a caller's context: C11's three-argument wcstok (the
 * UCRT's, exported as wcstok; msvcrt's two-argument one keeps its per-thread
 * position) and the secure strtok_s and wcstok_s, which refuse a missing
 * delimiter set or context through the invalid-parameter handler.
 */
#include "corelib.h"
#include "invalid.h"

size_t __cdecl strspn(const char *s, const char *accept);
size_t __cdecl strcspn(const char *s, const char *reject);
size_t __cdecl wcsspn(const wchar_t *s, const wchar_t *accept);
size_t __cdecl wcscspn(const wchar_t *s, const wchar_t *reject);

static char *next_token_a(char *s, const char *delim, char **context)
{
    char *tok;

    if (!s) s = *context;
    if (!s) return 0;
    s += strspn(s, delim);
    if (!*s)
    {
        *context = s;
        return 0;
    }
    tok = s;
    s += strcspn(s, delim);
    if (*s) *s++ = 0;
    *context = s;
    return tok;
}

static wchar_t *next_token_w(wchar_t *s, const wchar_t *delim, wchar_t **context)
{
    wchar_t *tok;

    if (!s) s = *context;
    if (!s) return 0;
    s += wcsspn(s, delim);
    if (!*s)
    {
        *context = s;
        return 0;
    }
    tok = s;
    s += wcscspn(s, delim);
    if (*s) *s++ = 0;
    *context = s;
    return tok;
}

char *__cdecl strtok_s(char *s, const char *delim, char **context)
{
    if (!delim || !context || (!s && !*context))
    {
        ucrt_invalid(EINVAL, 0);
        return 0;
    }
    return next_token_a(s, delim, context);
}

wchar_t *__cdecl wcstok_s(wchar_t *s, const wchar_t *delim, wchar_t **context)
{
    if (!delim || !context || (!s && !*context))
    {
        ucrt_invalid(EINVAL, 0);
        return 0;
    }
    return next_token_w(s, delim, context);
}

/* Exported as wcstok.  Without a context it keeps the thread's position, msvcrt's wcstok's. */
wchar_t *__cdecl ucrt_wcstok(wchar_t *s, const wchar_t *delim, wchar_t **context)
{
    return next_token_w(s, delim, context ? context : &core_thread_data()->wcstok_next);
}
