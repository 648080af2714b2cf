/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ntdll's completion port calls, reached through GetProcAddress as a program that uses them
 * does: NtCreateIoCompletion, NtSetIoCompletion, NtRemoveIoCompletion, NtRemoveIoCompletionEx
 * (batches, alertable waits) and NtQueryIoCompletion (the queue depth).
 */
#include <windows.h>
#include <winternl.h>
#include "wine/test.h"

#define HANG_MS 60000

#ifndef STATUS_USER_APC
#define STATUS_USER_APC ((NTSTATUS)0x000000c0)
#endif
#ifndef STATUS_TIMEOUT
#define STATUS_TIMEOUT ((NTSTATUS)0x00000102)
#endif
#define STATUS_SUCCESS_           ((NTSTATUS)0x00000000)
#define STATUS_INFO_LENGTH_MISMATCH_ ((NTSTATUS)0xc0000004)
#define STATUS_INVALID_HANDLE_    ((NTSTATUS)0xc0000008)
#define STATUS_OBJECT_TYPE_MISMATCH_ ((NTSTATUS)0xc0000024)
#define STATUS_END_OF_FILE_       ((NTSTATUS)0xc0000011)

/* The entry NtRemoveIoCompletionEx fills, as Windows lays it out. */
typedef struct
{
    ULONG_PTR CompletionKey;
    ULONG_PTR CompletionValue;
    IO_STATUS_BLOCK IoStatusBlock;
} completion_entry;

static NTSTATUS (WINAPI *pNtCreateIoCompletion)(HANDLE *, ACCESS_MASK, OBJECT_ATTRIBUTES *, ULONG);
static NTSTATUS (WINAPI *pNtSetIoCompletion)(HANDLE, ULONG_PTR, ULONG_PTR, NTSTATUS, ULONG_PTR);
static NTSTATUS (WINAPI *pNtRemoveIoCompletion)(HANDLE, ULONG_PTR *, ULONG_PTR *, IO_STATUS_BLOCK *,
                                                LARGE_INTEGER *);
static NTSTATUS (WINAPI *pNtRemoveIoCompletionEx)(HANDLE, completion_entry *, ULONG, ULONG *,
                                                  LARGE_INTEGER *, BOOLEAN);
static NTSTATUS (WINAPI *pNtQueryIoCompletion)(HANDLE, int, void *, ULONG, ULONG *);

static BOOL load_functions(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");

    pNtCreateIoCompletion = (void *)GetProcAddress(ntdll, "NtCreateIoCompletion");
    pNtSetIoCompletion = (void *)GetProcAddress(ntdll, "NtSetIoCompletion");
    pNtRemoveIoCompletion = (void *)GetProcAddress(ntdll, "NtRemoveIoCompletion");
    pNtRemoveIoCompletionEx = (void *)GetProcAddress(ntdll, "NtRemoveIoCompletionEx");
    pNtQueryIoCompletion = (void *)GetProcAddress(ntdll, "NtQueryIoCompletion");
    ok(pNtCreateIoCompletion && pNtSetIoCompletion && pNtRemoveIoCompletion && pNtRemoveIoCompletionEx
       && pNtQueryIoCompletion, "ntdll lacks a completion port export\n");
    return pNtCreateIoCompletion && pNtSetIoCompletion && pNtRemoveIoCompletion
        && pNtRemoveIoCompletionEx && pNtQueryIoCompletion;
}

static LONG port_depth(HANDLE port)
{
    LONG depth = -1;
    ULONG len = 0xdead;
    NTSTATUS status = pNtQueryIoCompletion(port, 0, &depth, sizeof(depth), &len);

    ok(status == STATUS_SUCCESS_, "NtQueryIoCompletion: %#lx\n", status);
    ok(len == sizeof(depth), "NtQueryIoCompletion returned length %lu\n", len);
    return depth;
}

static HANDLE create_port(ULONG concurrency)
{
    HANDLE port = NULL;
    NTSTATUS status = pNtCreateIoCompletion(&port, IO_COMPLETION_ALL_ACCESS, NULL, concurrency);

    ok(status == STATUS_SUCCESS_, "NtCreateIoCompletion: %#lx\n", status);
    ok(port != NULL && port != INVALID_HANDLE_VALUE, "got port %p\n", port);
    return port;
}

static void test_set_remove(void)
{
    LARGE_INTEGER zero = { .QuadPart = 0 };
    IO_STATUS_BLOCK iosb;
    ULONG_PTR key, value;
    NTSTATUS status;
    HANDLE port;
    int i;

    port = create_port(0);
    ok(port_depth(port) == 0, "a new port is not empty\n");

    key = value = 0xdead;
    iosb.Status = 0x1234;
    iosb.Information = 0x5678;
    status = pNtRemoveIoCompletion(port, &key, &value, &iosb, &zero);
    ok(status == STATUS_TIMEOUT, "empty port: %#lx\n", status);

    /* Every field of the packet comes back exactly, an error status included. */
    status = pNtSetIoCompletion(port, 0x1111, 0x2222, STATUS_END_OF_FILE_, 0x3333);
    ok(status == STATUS_SUCCESS_, "NtSetIoCompletion: %#lx\n", status);
    ok(port_depth(port) == 1, "depth after one packet: %ld\n", port_depth(port));
    status = pNtRemoveIoCompletion(port, &key, &value, &iosb, &zero);
    ok(status == STATUS_SUCCESS_, "NtRemoveIoCompletion: %#lx\n", status);
    ok(key == 0x1111, "key %#Ix\n", key);
    ok(value == 0x2222, "value %#Ix\n", value);
    ok(iosb.Status == STATUS_END_OF_FILE_, "status %#lx\n", iosb.Status);
    ok(iosb.Information == 0x3333, "information %#Ix\n", iosb.Information);
    ok(port_depth(port) == 0, "depth after removal: %ld\n", port_depth(port));

    /* A queue: first in, first out; the depth counts what is queued. */
    for (i = 0; i < 10; i++)
    {
        status = pNtSetIoCompletion(port, 100 + i, 200 + i, STATUS_SUCCESS_, i);
        ok(status == STATUS_SUCCESS_, "NtSetIoCompletion %d: %#lx\n", i, status);
    }
    ok(port_depth(port) == 10, "depth %ld\n", port_depth(port));
    for (i = 0; i < 10; i++)
    {
        status = pNtRemoveIoCompletion(port, &key, &value, &iosb, &zero);
        ok(status == STATUS_SUCCESS_, "remove %d: %#lx\n", i, status);
        ok(key == 100 + i && value == 200 + i && iosb.Information == i,
           "packet %d came back as %Iu/%Iu/%Iu\n", i, key, value, iosb.Information);
    }
    ok(port_depth(port) == 0, "depth %ld\n", port_depth(port));

    /* NULL timeout means wait forever; a queued packet returns at once. */
    pNtSetIoCompletion(port, 7, 8, STATUS_SUCCESS_, 9);
    status = pNtRemoveIoCompletion(port, &key, &value, &iosb, NULL);
    ok(status == STATUS_SUCCESS_ && key == 7 && value == 8 && iosb.Information == 9,
       "infinite wait with a packet: %#lx %Iu %Iu %Iu\n", status, key, value, iosb.Information);

    CloseHandle(port);
}

static void test_remove_ex(void)
{
    LARGE_INTEGER zero = { .QuadPart = 0 };
    completion_entry entries[8];
    ULONG count;
    NTSTATUS status;
    HANDLE port;
    int i;

    port = create_port(0);

    count = 0xdead;
    status = pNtRemoveIoCompletionEx(port, entries, ARRAY_SIZE(entries), &count, &zero, FALSE);
    ok(status == STATUS_TIMEOUT, "empty port: %#lx\n", status);

    /* Five queued, room for three: three come out in order, two stay. */
    for (i = 0; i < 5; i++) pNtSetIoCompletion(port, 10 + i, 20 + i, STATUS_SUCCESS_, 30 + i);
    memset(entries, 0xcc, sizeof(entries));
    count = 0;
    status = pNtRemoveIoCompletionEx(port, entries, 3, &count, &zero, FALSE);
    ok(status == STATUS_SUCCESS_, "NtRemoveIoCompletionEx: %#lx\n", status);
    ok(count == 3, "removed %lu\n", count);
    for (i = 0; i < 3; i++)
        ok(entries[i].CompletionKey == 10 + i && entries[i].CompletionValue == 20 + i
           && entries[i].IoStatusBlock.Status == STATUS_SUCCESS_
           && entries[i].IoStatusBlock.Information == 30 + i,
           "entry %d: %Iu %Iu %#lx %Iu\n", i, entries[i].CompletionKey, entries[i].CompletionValue,
           entries[i].IoStatusBlock.Status, entries[i].IoStatusBlock.Information);
    ok(entries[3].CompletionKey == (ULONG_PTR)0xcccccccccccccccc, "entry 3 was written\n");
    ok(port_depth(port) == 2, "depth %ld\n", port_depth(port));

    /* Fewer queued than there is room for: the call takes what there is and does not wait. */
    count = 0;
    status = pNtRemoveIoCompletionEx(port, entries, ARRAY_SIZE(entries), &count, NULL, FALSE);
    ok(status == STATUS_SUCCESS_, "NtRemoveIoCompletionEx: %#lx\n", status);
    ok(count == 2, "removed %lu\n", count);
    ok(entries[0].CompletionKey == 13 && entries[1].CompletionKey == 14,
       "keys %Iu %Iu\n", entries[0].CompletionKey, entries[1].CompletionKey);
    ok(port_depth(port) == 0, "depth %ld\n", port_depth(port));

    /* A batch of one is the single remove. */
    pNtSetIoCompletion(port, 42, 43, STATUS_END_OF_FILE_, 44);
    count = 0;
    status = pNtRemoveIoCompletionEx(port, entries, 1, &count, &zero, FALSE);
    ok(status == STATUS_SUCCESS_ && count == 1, "batch of one: %#lx, %lu\n", status, count);
    ok(entries[0].CompletionKey == 42 && entries[0].CompletionValue == 43
       && entries[0].IoStatusBlock.Status == STATUS_END_OF_FILE_
       && entries[0].IoStatusBlock.Information == 44, "batch of one: wrong entry\n");

    CloseHandle(port);
}

static LONG apc_calls;
static ULONG_PTR apc_arg;

static void CALLBACK user_apc(ULONG_PTR arg)
{
    InterlockedIncrement(&apc_calls);
    apc_arg = arg;
}

static void test_alertable(void)
{
    LARGE_INTEGER timeout = { .QuadPart = -(LONGLONG)HANG_MS * 10000 };
    completion_entry entries[4];
    ULONG count;
    NTSTATUS status;
    HANDLE port;

    port = create_port(0);

    /* A queued user APC ends an alertable wait on an empty port: the APC runs, the call says so. */
    apc_calls = 0;
    ok(QueueUserAPC(user_apc, GetCurrentThread(), 0x77), "QueueUserAPC: %lu\n", GetLastError());
    count = 0xdead;
    status = pNtRemoveIoCompletionEx(port, entries, ARRAY_SIZE(entries), &count, &timeout, TRUE);
    ok(status == STATUS_USER_APC, "alertable wait with an APC: %#lx\n", status);
    ok(apc_calls == 1, "APC ran %ld times\n", apc_calls);
    ok(apc_arg == 0x77, "APC argument %#Ix\n", apc_arg);

    /* A non-alertable wait leaves the APC queued; a packet is removed normally. */
    apc_calls = 0;
    QueueUserAPC(user_apc, GetCurrentThread(), 0x78);
    pNtSetIoCompletion(port, 5, 6, STATUS_SUCCESS_, 7);
    count = 0;
    status = pNtRemoveIoCompletionEx(port, entries, ARRAY_SIZE(entries), &count, &timeout, FALSE);
    ok(status == STATUS_SUCCESS_ && count == 1, "non-alertable: %#lx, %lu\n", status, count);
    ok(!apc_calls, "APC ran in a non-alertable wait\n");
    ok(SleepEx(0, TRUE) == WAIT_IO_COMPLETION, "the APC was not left queued\n");
    ok(apc_calls == 1, "APC ran %ld times\n", apc_calls);

    CloseHandle(port);
}

static void test_bad_handles(void)
{
    LARGE_INTEGER zero = { .QuadPart = 0 };
    IO_STATUS_BLOCK iosb;
    ULONG_PTR key, value;
    LONG depth;
    ULONG len;
    NTSTATUS status;
    HANDLE event, port;

    event = CreateEventA(NULL, TRUE, TRUE, NULL);
    status = pNtRemoveIoCompletion(event, &key, &value, &iosb, &zero);
    ok(status == STATUS_OBJECT_TYPE_MISMATCH_, "remove from an event: %#lx\n", status);
    status = pNtSetIoCompletion(event, 1, 2, STATUS_SUCCESS_, 3);
    ok(status == STATUS_OBJECT_TYPE_MISMATCH_, "post to an event: %#lx\n", status);
    CloseHandle(event);

    status = pNtSetIoCompletion((HANDLE)(ULONG_PTR)0xdead0, 1, 2, STATUS_SUCCESS_, 3);
    ok(status == STATUS_INVALID_HANDLE_, "post to a bogus handle: %#lx\n", status);

    port = create_port(0);
    status = pNtQueryIoCompletion(port, 0, &depth, sizeof(depth) - 1, &len);
    ok(status == STATUS_INFO_LENGTH_MISMATCH_, "short buffer: %#lx\n", status);
    CloseHandle(port);
}

START_TEST(iocompletion)
{
    if (!load_functions()) return;
    test_set_remove();
    test_remove_ex();
    test_alertable();
    test_bad_handles();
}
