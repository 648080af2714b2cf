/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Whether memory a caller hands Winsock can be read or written. Windows
 * answers WSAEFAULT for a buffer it cannot use; the parts of ws2_32 that read
 * or write the caller's memory themselves ask here first, so that a bad
 * pointer is that error and not a fault in the middle of the call.
 */
#include "ws2_private.h"

#define READABLE (PAGE_READONLY | PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READ | \
                  PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)
#define WRITABLE (PAGE_READWRITE | PAGE_WRITECOPY | PAGE_EXECUTE_READWRITE | PAGE_EXECUTE_WRITECOPY)

BOOL ws2_accessible(const void *ptr, SIZE_T size, BOOL write)
{
    ULONG_PTR addr = (ULONG_PTR)ptr, end = addr + size;

    if (!ptr || end < addr) return FALSE;
    while (addr < end)
    {
        MEMORY_BASIC_INFORMATION info;

        if (NtQueryVirtualMemory(NtCurrentProcess(), (void *)addr, MemoryBasicInformation, &info, sizeof(info), NULL))
            return FALSE;
        if (info.State != MEM_COMMIT || (info.Protect & (PAGE_GUARD | PAGE_NOACCESS)) ||
            !(info.Protect & (write ? WRITABLE : READABLE)))
            return FALSE;
        addr = (ULONG_PTR)info.BaseAddress + info.RegionSize;
    }
    return TRUE;
}

/* A string of CHAR_SIZE-byte characters, readable up to and with its terminator: each page
 * is checked before it is searched. */
BOOL ws2_string_readable(const void *str, SIZE_T char_size)
{
    const char *p = str;

    if (!p) return FALSE;
    for (;;)
    {
        const char *page_end = (const char *)(((ULONG_PTR)p | 0xfff) + 1);

        if (!ws2_accessible(p, page_end - p, FALSE)) return FALSE;
        for (; p < page_end; p += char_size)
        {
            if (char_size == 1 ? !*p : !*(const WCHAR *)p) return TRUE;
        }
    }
}
