/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * String tables: LoadStringW and LoadStringA.  A string id names block
 * id / 16 + 1 of RT_STRING; a block holds 16 strings, each a WORD count
 * of UTF-16 units and the units, without NUL.
 */
#include "user32_private.h"

/* The counted string for id, or NULL when its block is not in the module. */
static const WCHAR *find_string(HINSTANCE instance, UINT id)
{
    HRSRC res;
    HGLOBAL mem;
    const WCHAR *p;

    if (!(res = FindResourceW(instance, MAKEINTRESOURCEW((LOWORD(id) >> 4) + 1), (LPCWSTR)RT_STRING))) return NULL;
    if (!(mem = LoadResource(instance, res)) || !(p = LockResource(mem))) return NULL;
    for (UINT skip = id & 15; skip; skip--) p += *p + 1;
    return p;
}

INT WINAPI LoadStringW(HINSTANCE instance, UINT id, LPWSTR buffer, INT size)
{
    const WCHAR *p;
    INT len;

    if (!buffer) return 0;
    if (!(p = find_string(instance, id))) return 0;
    /* size 0 asks for the string in place: read-only and not NUL-terminated, its length the result */
    if (!size)
    {
        *(const WCHAR **)buffer = p + 1;
        return *p;
    }
    len = *p < size - 1 ? *p : size - 1;
    memcpy(buffer, p + 1, len * sizeof(WCHAR));
    buffer[len] = 0;
    return len;
}

INT WINAPI LoadStringA(HINSTANCE instance, UINT id, LPSTR buffer, INT size)
{
    const WCHAR *p;
    ULONG len = 0;

    /* there is no in-place form for ANSI, which has no such string to point to */
    if (!size) return -1;
    /* truncated to what fits with its NUL; a string that is not there is an empty one */
    if ((p = find_string(instance, id)) && size > 1)
        RtlUnicodeToMultiByteN(buffer, size - 1, &len, p + 1, *p * sizeof(WCHAR));
    buffer[len] = 0;
    return len;
}
