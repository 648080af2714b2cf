/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * CommandLineToArgvW: a command line split the way shell32 splits it, which is
 * not quite the C runtime's way.  The program name (argv[0]) takes no escapes: it
 * is everything up to the closing quote when it starts with one, else up to the
 * first blank.  The other arguments follow the backslash rules (2n backslashes
 * and a quote: n backslashes and a quote that toggles quoting; 2n+1: n and a
 * literal quote), and in a run of quotes every third one is literal.
 */
#include <stdarg.h>
#include "windef.h"
#include "winbase.h"
#include "shellapi.h"

static BOOL is_blank(WCHAR c)
{
    return c == ' ' || c == '\t';
}

/* The program name's end, or the start of what follows its closing quote. */
static const WCHAR *parse_name(const WCHAR *s, WCHAR **out)
{
    WCHAR *d = out ? *out : NULL;

    if (*s == '"')
    {
        for (s++; *s && *s != '"'; s++) if (d) *d++ = *s;
        if (*s) s++;
    }
    else
        for (; *s && !is_blank(*s); s++) if (d) *d++ = *s;
    if (d) *d++ = 0;
    if (out) *out = d;
    return s;
}

/* One argument after the name, from s (not blank), into *out when given; returns its end. */
static const WCHAR *parse_arg(const WCHAR *s, WCHAR **out)
{
    WCHAR *d = out ? *out : NULL;
    int quotes = 0;     /* 1 while inside quotes; 2 is the moment after a closing quote */

    while (*s && (quotes || !is_blank(*s)))
    {
        size_t slashes = 0;

        while (s[slashes] == '\\') slashes++;
        if (s[slashes] != '"')
        {
            /* backslashes not before a quote are themselves, as is any other character */
            size_t n = slashes ? slashes : 1;
            for (size_t i = 0; i < n; i++) if (d) *d++ = s[i];
            s += n;
            continue;
        }
        for (size_t i = 0; i < slashes / 2; i++) if (d) *d++ = '\\';
        s += slashes;
        if (slashes & 1)
        {
            if (d) *d++ = '"';
            s++;
            continue;
        }
        /* an unescaped quote, and the quotes straight after it */
        quotes++;
        for (s++; *s == '"'; s++)
            if (++quotes == 3)
            {
                if (d) *d++ = '"';
                quotes = 0;
            }
        if (quotes == 2) quotes = 0;
    }
    if (d) *d++ = 0;
    if (out) *out = d;
    return s;
}

/* Counts (strings NULL) or fills (strings and argv given) the arguments; returns the count. */
static int split(const WCHAR *line, WCHAR **argv, WCHAR *strings)
{
    WCHAR *d = strings;
    int argc = 0;

    if (argv) argv[argc] = d;
    line = parse_name(line, argv ? &d : NULL);
    argc++;
    for (;;)
    {
        while (is_blank(*line)) line++;
        if (!*line) break;
        if (argv) argv[argc] = d;
        line = parse_arg(line, argv ? &d : NULL);
        argc++;
    }
    if (argv) argv[argc] = NULL;
    return argc;
}

LPWSTR * WINAPI CommandLineToArgvW(LPCWSTR line, int *count)
{
    WCHAR exe[MAX_PATH], **argv;
    size_t len;
    int argc;

    if (!count)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!*line)
    {
        /* an empty line stands for the program itself */
        DWORD n = GetModuleFileNameW(NULL, exe, ARRAYSIZE(exe));
        if (!n || n >= ARRAYSIZE(exe)) return NULL;
        exe[n] = 0;
        if (!(argv = LocalAlloc(LMEM_FIXED, 2 * sizeof(*argv) + (n + 1) * sizeof(WCHAR)))) return NULL;
        argv[0] = (WCHAR *)(argv + 2);
        argv[1] = NULL;
        memcpy(argv[0], exe, (n + 1) * sizeof(WCHAR));
        *count = 1;
        return argv;
    }
    argc = split(line, NULL, NULL);
    /* each argument is no longer than its part of the line, plus its null */
    len = lstrlenW(line) + argc;
    if (!(argv = LocalAlloc(LMEM_FIXED, (argc + 1) * sizeof(*argv) + len * sizeof(WCHAR)))) return NULL;
    split(line, argv, (WCHAR *)(argv + argc + 1));
    *count = argc;
    return argv;
}
