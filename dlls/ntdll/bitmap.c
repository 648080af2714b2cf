/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Bitmaps: bit n is bit n % 32 of ULONG n / 32 (the byte order Windows uses on x86). */
#include "ntdll_misc.h"

static inline BOOL bit_is_set(const RTL_BITMAP *bm, ULONG bit)
{
    return (bm->Buffer[bit / 32] >> (bit % 32)) & 1;
}

void WINAPI RtlInitializeBitMap(RTL_BITMAP *bm, ULONG *buffer, ULONG size)
{
    bm->SizeOfBitMap = size;
    bm->Buffer = buffer;
}

void WINAPI RtlSetBits(RTL_BITMAP *bm, ULONG start, ULONG count)
{
    if (start >= bm->SizeOfBitMap || count > bm->SizeOfBitMap - start) return;
    for (ULONG i = start; i < start + count; i++) bm->Buffer[i / 32] |= 1u << (i % 32);
}

void WINAPI RtlClearBits(RTL_BITMAP *bm, ULONG start, ULONG count)
{
    if (start >= bm->SizeOfBitMap || count > bm->SizeOfBitMap - start) return;
    for (ULONG i = start; i < start + count; i++) bm->Buffer[i / 32] &= ~(1u << (i % 32));
}

void WINAPI RtlSetAllBits(RTL_BITMAP *bm)
{
    RtlSetBits(bm, 0, bm->SizeOfBitMap);
}

void WINAPI RtlClearAllBits(RTL_BITMAP *bm)
{
    RtlClearBits(bm, 0, bm->SizeOfBitMap);
}

static BOOLEAN all_bits_are(const RTL_BITMAP *bm, ULONG start, ULONG count, BOOL set)
{
    if (start >= bm->SizeOfBitMap || !count || count > bm->SizeOfBitMap - start) return FALSE;
    for (ULONG i = start; i < start + count; i++) if (bit_is_set(bm, i) != set) return FALSE;
    return TRUE;
}

BOOLEAN WINAPI RtlAreBitsSet(const RTL_BITMAP *bm, ULONG start, ULONG count)
{
    return all_bits_are(bm, start, count, TRUE);
}

BOOLEAN WINAPI RtlAreBitsClear(const RTL_BITMAP *bm, ULONG start, ULONG count)
{
    return all_bits_are(bm, start, count, FALSE);
}

BOOLEAN WINAPI RtlTestBit(const RTL_BITMAP *bm, ULONG bit)
{
    return bit < bm->SizeOfBitMap && bit_is_set(bm, bit);
}

ULONG WINAPI RtlNumberOfSetBits(const RTL_BITMAP *bm)
{
    ULONG n = 0;
    for (ULONG i = 0; i < bm->SizeOfBitMap; i++) n += bit_is_set(bm, i);
    return n;
}

/* First run of count bits in the given state at or after hint, wrapping to the start. */
static ULONG find_run(const RTL_BITMAP *bm, ULONG count, ULONG hint, BOOL set)
{
    ULONG size = bm->SizeOfBitMap;
    if (!count || count > size) return ~0u;
    if (hint >= size) hint = 0;
    for (ULONG n = 0; n < size; n++)
    {
        ULONG start = (hint + n) % size;
        if (start + count <= size && all_bits_are(bm, start, count, set)) return start;
    }
    return ~0u;
}

ULONG WINAPI RtlFindClearBits(const RTL_BITMAP *bm, ULONG count, ULONG hint)
{
    return find_run(bm, count, hint, FALSE);
}

ULONG WINAPI RtlFindSetBits(const RTL_BITMAP *bm, ULONG count, ULONG hint)
{
    return find_run(bm, count, hint, TRUE);
}

ULONG WINAPI RtlFindClearBitsAndSet(RTL_BITMAP *bm, ULONG count, ULONG hint)
{
    ULONG start = find_run(bm, count, hint, FALSE);
    if (start != ~0u) RtlSetBits(bm, start, count);
    return start;
}

ULONG WINAPI RtlFindSetBitsAndClear(RTL_BITMAP *bm, ULONG count, ULONG hint)
{
    ULONG start = find_run(bm, count, hint, TRUE);
    if (start != ~0u) RtlClearBits(bm, start, count);
    return start;
}
