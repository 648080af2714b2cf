/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Interlocked singly linked lists (SLIST_HEADER), in the x64 16-byte layout: depth, a
 * sequence number that changes at every push and pop, and the first entry's address >> 4
 * (entries are 16-byte aligned).  One 16-byte compare-and-exchange updates all three, so a pop
 * that raced with a pop and a push of the same entry (ABA) sees a new sequence and retries.
 *
 * As on Windows, a pop reads the first entry's Next field before its exchange: if another
 * thread popped and freed that entry meanwhile, the read may touch freed memory (Windows
 * catches that fault in its exception dispatcher; here the memory must stay mapped, which
 * heap blocks do).
 */
#include "ntdll_private.h"

/* lock cmpxchg16b: mingw's gcc does not inline a 16-byte __sync compare-exchange without
 * -mcx16, and this DLL links no libatomic. */
static BOOL cas16(SLIST_HEADER *dst, SLIST_HEADER *expected, const SLIST_HEADER *desired)
{
    unsigned char done;

    __asm__ __volatile__("lock cmpxchg16b %1\n\tsetz %0"
                         : "=q"(done), "+m"(*dst), "+a"(expected->Alignment), "+d"(expected->Region)
                         : "b"(desired->Alignment), "c"(desired->Region)
                         : "memory", "cc");
    return done;
}

static SLIST_ENTRY *first_entry(const SLIST_HEADER *head)
{
    return (SLIST_ENTRY *)(ULONG_PTR)(head->Header16.NextEntry << 4);
}

static SLIST_HEADER snapshot(const SLIST_HEADER *head)
{
    SLIST_HEADER seen;

    /* two plain reads may tear; the exchange that follows catches a torn one */
    seen.Alignment = ((volatile const SLIST_HEADER *)head)->Alignment;
    seen.Region = ((volatile const SLIST_HEADER *)head)->Region;
    return seen;
}

void WINAPI RtlInitializeSListHead(SLIST_HEADER *head)
{
    head->Alignment = 0;
    head->Region = 0;
    head->Header16.HeaderType = 1;
}

SLIST_ENTRY * WINAPI RtlFirstEntrySList(const SLIST_HEADER *head)
{
    return first_entry(head);
}

WORD WINAPI RtlQueryDepthSList(SLIST_HEADER *head)
{
    return head->Header16.Depth;
}

SLIST_ENTRY * WINAPI RtlInterlockedPushListSListEx(SLIST_HEADER *head, SLIST_ENTRY *first, SLIST_ENTRY *last,
                                                   ULONG count)
{
    SLIST_HEADER old = snapshot(head), new;

    do
    {
        new = old;
        last->Next = first_entry(&old);
        new.Header16.Depth = old.Header16.Depth + count;
        new.Header16.Sequence = old.Header16.Sequence + 1;
        new.Header16.NextEntry = (ULONG_PTR)first >> 4;
    } while (!cas16(head, &old, &new));
    return first_entry(&old);
}

SLIST_ENTRY * WINAPI RtlInterlockedPushEntrySList(SLIST_HEADER *head, SLIST_ENTRY *entry)
{
    return RtlInterlockedPushListSListEx(head, entry, entry, 1);
}

SLIST_ENTRY * WINAPI RtlInterlockedPopEntrySList(SLIST_HEADER *head)
{
    SLIST_HEADER old = snapshot(head), new;
    SLIST_ENTRY *entry;

    do
    {
        if (!(entry = first_entry(&old))) return NULL;
        new = old;
        new.Header16.Depth = old.Header16.Depth - 1;
        new.Header16.Sequence = old.Header16.Sequence + 1;
        new.Header16.NextEntry = (ULONG_PTR)entry->Next >> 4;
    } while (!cas16(head, &old, &new));
    return entry;
}

SLIST_ENTRY * WINAPI RtlInterlockedFlushSList(SLIST_HEADER *head)
{
    SLIST_HEADER old = snapshot(head), new;

    do
    {
        if (!first_entry(&old)) return NULL;
        new = old;
        new.Header16.Depth = 0;
        new.Header16.NextEntry = 0;
    } while (!cas16(head, &old, &new));
    return first_entry(&old);
}
