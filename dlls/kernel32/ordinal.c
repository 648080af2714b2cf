/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* CompareStringOrdinal: UTF-16 code units compared by value, as file names and identifiers are. */
#include "kernel32_private.h"

/* A length of -1 means the string ends at its null; ignore_case folds with the system's
 * uppercase table, as NTFS does, never by locale. */
int WINAPI CompareStringOrdinal(const WCHAR *str1, int len1, const WCHAR *str2, int len2, BOOL ignore_case)
{
    int i, len;

    if (!str1 || !str2)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (len1 < 0) len1 = lstrlenW(str1);
    if (len2 < 0) len2 = lstrlenW(str2);
    len = len1 < len2 ? len1 : len2;
    for (i = 0; i < len; i++)
    {
        WCHAR c1 = str1[i], c2 = str2[i];
        if (ignore_case)
        {
            c1 = RtlUpcaseUnicodeChar(c1);
            c2 = RtlUpcaseUnicodeChar(c2);
        }
        if (c1 != c2) return c1 < c2 ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
    }
    if (len1 == len2) return CSTR_EQUAL;
    return len1 < len2 ? CSTR_LESS_THAN : CSTR_GREATER_THAN;
}
