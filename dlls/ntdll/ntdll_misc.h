/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by the Rtl* files of ntdll.dll (PE side). */
#ifndef WRING_NTDLL_MISC_H
#define WRING_NTDLL_MISC_H

/* This is ntdll itself: its functions are defined here, not imported. */
#ifndef _NTSYSTEM_
#define _NTSYSTEM_
#endif

#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#undef WIN32_NO_STATUS

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

static inline HANDLE process_heap(void)
{
    return NtCurrentTeb()->Peb->ProcessHeap;
}

static inline SIZE_T wide_strlen(const WCHAR *s)
{
    const WCHAR *p = s;
    while (*p) p++;
    return p - s;
}

static inline SIZE_T ansi_strlen(const char *s)
{
    const char *p = s;
    while (*p) p++;
    return p - s;
}

static inline void copy_bytes(void *dst, const void *src, SIZE_T n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
}

/* Overlapping copy: the environment block is edited in place. */
static inline void move_bytes(void *dst, const void *src, SIZE_T n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) while (n--) *d++ = *s++;
    else while (n--) d[n] = s[n];
}

#endif
