/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* UTF-8 <-> UTF-16 for the Unix side (paths, environment, command line). */
#include <stdlib.h>
#include "private.h"

size_t wide_len(const WCHAR *s)
{
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

/* Invalid UTF-8 becomes U+FFFD so that any Unix name survives as some Windows name. */
WCHAR *utf8_to_wide(const char *s, size_t len, size_t *out_len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    WCHAR *out = malloc((len + 1) * sizeof(WCHAR)), *o = out;
    if (!out) return NULL;
    while (p < end)
    {
        unsigned int c = *p++, need = 0, min = 0;
        if (c < 0x80) { *o++ = c; continue; }
        if (c >= 0xc2 && c < 0xe0) { need = 1; c &= 0x1f; min = 0x80; }
        else if (c >= 0xe0 && c < 0xf0) { need = 2; c &= 0x0f; min = 0x800; }
        else if (c >= 0xf0 && c < 0xf5) { need = 3; c &= 0x07; min = 0x10000; }
        else { *o++ = 0xfffd; continue; }
        unsigned int i;
        for (i = 0; i < need && p < end && (*p & 0xc0) == 0x80; i++) c = (c << 6) | (*p++ & 0x3f);
        if (i < need || c < min || c > 0x10ffff || (c >= 0xd800 && c < 0xe000)) { *o++ = 0xfffd; continue; }
        if (c >= 0x10000)
        {
            c -= 0x10000;
            *o++ = 0xd800 | (c >> 10);
            *o++ = 0xdc00 | (c & 0x3ff);
        }
        else *o++ = c;
    }
    *o = 0;
    if (out_len) *out_len = o - out;
    return out;
}

char *wide_to_utf8(const WCHAR *s, size_t len)
{
    char *out = malloc(len * 3 + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < len; i++)
    {
        unsigned int c = s[i];
        if (c >= 0xd800 && c < 0xdc00 && i + 1 < len && s[i + 1] >= 0xdc00 && s[i + 1] < 0xe000)
        {
            c = 0x10000 + ((c - 0xd800) << 10) + (s[++i] - 0xdc00);
            *o++ = 0xf0 | (c >> 18);
            *o++ = 0x80 | ((c >> 12) & 0x3f);
            *o++ = 0x80 | ((c >> 6) & 0x3f);
            *o++ = 0x80 | (c & 0x3f);
            continue;
        }
        if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
        if (c < 0x80) *o++ = c;
        else if (c < 0x800) { *o++ = 0xc0 | (c >> 6); *o++ = 0x80 | (c & 0x3f); }
        else { *o++ = 0xe0 | (c >> 12); *o++ = 0x80 | ((c >> 6) & 0x3f); *o++ = 0x80 | (c & 0x3f); }
    }
    *o = 0;
    return out;
}
