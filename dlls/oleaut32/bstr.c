/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * BSTRs: a string whose length in bytes is the 32-bit value just before it,
 * followed by a UTF-16 NUL that the length does not count, so it may also hold
 * embedded NULs or an odd number of bytes (SysAllocStringByteLen).
 *
 * The block is [4 bytes unused][length][bytes][2 NUL bytes]: the 4 bytes in
 * front keep the string 8-byte aligned, as Windows' x64 BSTRs are.
 */
#include "oleaut32_private.h"

struct bstr_block
{
    DWORD pad;
    DWORD byte_len;
    char data[];
};

/* Longest string a DWORD byte length and the block's overhead leave room for. */
#define MAX_BSTR_BYTES (0xffffffffu - sizeof(struct bstr_block) - sizeof(WCHAR))

static inline struct bstr_block *block_of(BSTR str)
{
    return (struct bstr_block *)((char *)str - offsetof(struct bstr_block, data));
}

/* A new BSTR of byte_len bytes copied from src, or zeroed when src is NULL. */
static BSTR alloc_bytes(const void *src, SIZE_T byte_len)
{
    struct bstr_block *block;

    if (byte_len > MAX_BSTR_BYTES) return NULL;
    if (!(block = RtlAllocateHeap(process_heap(), src ? 0 : HEAP_ZERO_MEMORY,
                                  sizeof(*block) + byte_len + sizeof(WCHAR))))
        return NULL;
    block->byte_len = byte_len;
    if (src) memcpy(block->data, src, byte_len);
    block->data[byte_len] = block->data[byte_len + 1] = 0;
    return (BSTR)block->data;
}

BSTR WINAPI SysAllocStringLen(const OLECHAR *str, UINT len)
{
    if (len > MAX_BSTR_BYTES / sizeof(OLECHAR)) return NULL;
    return alloc_bytes(str, (SIZE_T)len * sizeof(OLECHAR));
}

BSTR WINAPI SysAllocString(LPCOLESTR str)
{
    if (!str) return NULL;
    return SysAllocStringLen(str, wcslen(str));
}

BSTR WINAPI SysAllocStringByteLen(LPCSTR str, UINT len)
{
    return alloc_bytes(str, len);
}

void WINAPI SysFreeString(BSTR str)
{
    if (str) RtlFreeHeap(process_heap(), 0, block_of(str));
}

UINT WINAPI SysStringLen(BSTR str)
{
    return str ? block_of(str)->byte_len / sizeof(OLECHAR) : 0;
}

UINT WINAPI SysStringByteLen(BSTR str)
{
    return str ? block_of(str)->byte_len : 0;
}

/*
 * The new string is made before the old one is freed: str may point into
 * *old.  Without str the old text is kept as far as it reaches, as a
 * reallocation would.
 */
INT WINAPI SysReAllocStringLen(BSTR *old, const OLECHAR *str, UINT len)
{
    BSTR fresh;

    if (!old || len > MAX_BSTR_BYTES / sizeof(OLECHAR)) return FALSE;
    if (!(fresh = SysAllocStringLen(str, len))) return FALSE;
    if (!str && *old)
    {
        UINT keep = SysStringLen(*old);
        memcpy(fresh, *old, (keep < len ? keep : len) * sizeof(OLECHAR));
    }
    SysFreeString(*old);
    *old = fresh;
    return TRUE;
}

INT WINAPI SysReAllocString(BSTR *old, LPCOLESTR str)
{
    if (!old) return FALSE;
    /* a NULL source leaves a NULL BSTR, the empty string of Automation */
    if (!str)
    {
        SysFreeString(*old);
        *old = NULL;
        return TRUE;
    }
    return SysReAllocStringLen(old, str, wcslen(str));
}
