/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The two string searches vcruntime140 exports that ntdll does not have; the rest of its
 * memory and string functions are ntdll's (vcruntime140.def forwards them).
 */
#include "vcruntime_private.h"

char *__cdecl vcruntime_strstr(const char *haystack, const char *needle)
{
    size_t len = strlen(needle);

    for (; *haystack; haystack++)
        if (!strncmp(haystack, needle, len)) return (char *)haystack;
    return *needle ? NULL : (char *)haystack;
}

WCHAR *__cdecl vcruntime_wcsstr(const WCHAR *haystack, const WCHAR *needle)
{
    size_t len = 0;

    while (needle[len]) len++;
    for (; *haystack; haystack++)
    {
        size_t i = 0;
        while (i < len && haystack[i] == needle[i]) i++;
        if (i == len) return (WCHAR *)haystack;
    }
    return len ? NULL : (WCHAR *)haystack;
}
