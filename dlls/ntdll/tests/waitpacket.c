/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Wait completion packets (Windows 8): NtCreateWaitCompletionPacket,
 * NtAssociateWaitCompletionPacket and NtCancelWaitCompletionPacket, looked up
 * with GetProcAddress as Go's runtime looks them up.  An association queues
 * one packet to the port when its object is signalled, satisfying the object
 * as a wait does; a cancel reports whether the wait was still pending
 * (STATUS_SUCCESS), is over with its packet queued (STATUS_PENDING, or
 * STATUS_SUCCESS when the packet is taken back), or nothing is associated
 * any more (STATUS_CANCELLED).  Wine 8.0 lacks the three calls: skipped there.
 */
#include <windows.h>
#include <winternl.h>
#include "wine/test.h"

#define HANG_MS 60000

#ifndef STATUS_TIMEOUT
#define STATUS_TIMEOUT ((NTSTATUS)0x00000102)
#endif
#ifndef STATUS_PENDING
#define STATUS_PENDING ((NTSTATUS)0x00000103)
#endif
#define STATUS_SUCCESS_              ((NTSTATUS)0x00000000)
#define STATUS_OBJECT_TYPE_MISMATCH_ ((NTSTATUS)0xc0000024)
#define STATUS_INVALID_PARAMETER_1_  ((NTSTATUS)0xc00000ef)
#define STATUS_INVALID_PARAMETER_3_  ((NTSTATUS)0xc00000f1)
#define STATUS_CANCELLED_            ((NTSTATUS)0xc0000120)
#define STATUS_END_OF_FILE_          ((NTSTATUS)0xc0000011)
#ifndef CREATE_WAITABLE_TIMER_HIGH_RESOLUTION
#define CREATE_WAITABLE_TIMER_HIGH_RESOLUTION 0x00000002
#endif

static NTSTATUS (WINAPI *pNtCreateWaitCompletionPacket)(HANDLE *, ACCESS_MASK, OBJECT_ATTRIBUTES *);
static NTSTATUS (WINAPI *pNtAssociateWaitCompletionPacket)(HANDLE, HANDLE, HANDLE, void *, void *, NTSTATUS,
                                                           ULONG_PTR, BOOLEAN *);
static NTSTATUS (WINAPI *pNtCancelWaitCompletionPacket)(HANDLE, BOOLEAN);
static NTSTATUS (WINAPI *pNtRemoveIoCompletion)(HANDLE, ULONG_PTR *, ULONG_PTR *, IO_STATUS_BLOCK *,
                                                LARGE_INTEGER *);

static HANDLE create_packet(void)
{
    HANDLE packet = NULL;
    NTSTATUS status = pNtCreateWaitCompletionPacket(&packet, GENERIC_ALL, NULL);
    ok(status == STATUS_SUCCESS_, "NtCreateWaitCompletionPacket: %#lx\n", status);
    ok(packet != NULL && packet != INVALID_HANDLE_VALUE, "got packet %p\n", packet);
    return packet;
}

static HANDLE create_port(void)
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 0);
    ok(port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    return port;
}

static NTSTATUS associate(HANDLE packet, HANDLE port, HANDLE target, ULONG_PTR key, BOOLEAN *signaled)
{
    /* the value and the information follow the key, so one number checks the whole packet */
    return pNtAssociateWaitCompletionPacket(packet, port, target, (void *)key, (void *)(key + 1),
                                            STATUS_END_OF_FILE_, key + 2, signaled);
}

/* Takes one packet, waiting at most `ms`; returns its key, or 0 if none came. */
static ULONG_PTR take(HANDLE port, DWORD ms)
{
    LARGE_INTEGER timeout = { .QuadPart = -(LONGLONG)ms * 10000 };
    IO_STATUS_BLOCK iosb = { .Information = 0xdead };
    ULONG_PTR key = 0, value = 0;
    NTSTATUS status = pNtRemoveIoCompletion(port, &key, &value, &iosb, &timeout);

    if (status == STATUS_TIMEOUT) return 0;
    ok(status == STATUS_SUCCESS_, "NtRemoveIoCompletion: %#lx\n", status);
    ok(value == key + 1, "key %Iu came with value %Iu\n", key, value);
    ok(iosb.Status == STATUS_END_OF_FILE_, "key %Iu came with status %#lx\n", key, iosb.Status);
    ok(iosb.Information == key + 2, "key %Iu came with information %Iu\n", key, iosb.Information);
    return key;
}

static BOOL is_signaled(HANDLE handle)
{
    return WaitForSingleObject(handle, 0) == WAIT_OBJECT_0;
}

static void test_event(void)
{
    HANDLE packet = create_packet(), port = create_port(), event = CreateEventW(NULL, FALSE, FALSE, NULL);
    BOOLEAN signaled = 0xcc;
    NTSTATUS status;
    int round;

    status = pNtCancelWaitCompletionPacket(packet, FALSE);
    ok(status == STATUS_CANCELLED_, "cancel before any association: %#lx\n", status);

    /* the same packet fires once per association and is armed again each time, as Go re-arms it */
    for (round = 0; round < 3; round++)
    {
        winetest_push_context("round %d", round);
        status = associate(packet, port, event, 10 + round, &signaled);
        ok(status == STATUS_SUCCESS_, "associate: %#lx\n", status);
        ok(signaled == FALSE, "an unsignalled event was reported signalled\n");
        ok(take(port, 0) == 0, "a packet came before the event was set\n");

        status = associate(packet, port, event, 99, NULL);
        ok(status == STATUS_INVALID_PARAMETER_1_, "associating a packet in use: %#lx\n", status);

        SetEvent(event);
        ok(take(port, HANG_MS) == 10 + round, "no packet after the event was set\n");
        /* the packet's wait took the auto-reset event, as a thread's wait would */
        ok(!is_signaled(event), "the event is still set\n");
        SetEvent(event);
        ok(take(port, 0) == 0, "a second packet for one association\n");
        ResetEvent(event);

        status = pNtCancelWaitCompletionPacket(packet, TRUE);
        ok(status == STATUS_CANCELLED_, "cancel after the packet was taken: %#lx\n", status);
        winetest_pop_context();
    }
    CloseHandle(event);
    CloseHandle(port);
    CloseHandle(packet);
}

static void test_already_signaled(void)
{
    HANDLE packet = create_packet(), port = create_port();
    HANDLE manual = CreateEventW(NULL, TRUE, TRUE, NULL), automatic = CreateEventW(NULL, FALSE, TRUE, NULL);
    HANDLE sem = CreateSemaphoreW(NULL, 2, 5, NULL);
    BOOLEAN signaled = FALSE;
    NTSTATUS status;
    LONG prev = -1;

    /* a signalled object has its packet queued before the call returns */
    status = associate(packet, port, manual, 20, &signaled);
    ok(status == STATUS_SUCCESS_, "associate: %#lx\n", status);
    ok(signaled == TRUE, "a set event was not reported signalled\n");
    ok(take(port, 0) == 20, "no packet queued at once\n");
    ok(is_signaled(manual), "a manual-reset event was reset\n");

    signaled = FALSE;
    status = associate(packet, port, automatic, 30, &signaled);
    ok(status == STATUS_SUCCESS_ && signaled == TRUE, "associate: %#lx, signalled %u\n", status, signaled);
    ok(take(port, 0) == 30, "no packet queued at once\n");
    ok(!is_signaled(automatic), "an auto-reset event stayed set\n");

    /* a semaphore gives the packet one unit, as it gives a thread */
    signaled = FALSE;
    status = associate(packet, port, sem, 40, &signaled);
    ok(status == STATUS_SUCCESS_ && signaled == TRUE, "associate: %#lx, signalled %u\n", status, signaled);
    ok(take(port, 0) == 40, "no packet queued at once\n");
    ok(ReleaseSemaphore(sem, 1, &prev), "ReleaseSemaphore: %lu\n", GetLastError());
    ok(prev == 1, "the semaphore's count was %ld, not 1\n", prev);

    CloseHandle(sem);
    CloseHandle(automatic);
    CloseHandle(manual);
    CloseHandle(port);
    CloseHandle(packet);
}

static void test_cancel(void)
{
    HANDLE packet = create_packet(), port = create_port(), event = CreateEventW(NULL, FALSE, FALSE, NULL);
    BOOLEAN signaled = 0xcc;
    NTSTATUS status;

    /* pending: the wait is withdrawn, and the event is left to others */
    status = associate(packet, port, event, 50, NULL);
    ok(status == STATUS_SUCCESS_, "associate: %#lx\n", status);
    status = pNtCancelWaitCompletionPacket(packet, FALSE);
    ok(status == STATUS_SUCCESS_, "cancel of a pending wait: %#lx\n", status);
    status = pNtCancelWaitCompletionPacket(packet, FALSE);
    ok(status == STATUS_CANCELLED_, "second cancel: %#lx\n", status);
    SetEvent(event);
    ok(take(port, 0) == 0, "a cancelled association queued a packet\n");
    ok(is_signaled(event), "a cancelled association took the event\n");

    /* fired and queued: the packet stays unless the cancel takes it back */
    SetEvent(event);
    status = associate(packet, port, event, 60, &signaled);
    ok(status == STATUS_SUCCESS_ && signaled == TRUE, "associate: %#lx, signalled %u\n", status, signaled);
    status = pNtCancelWaitCompletionPacket(packet, FALSE);
    ok(status == STATUS_PENDING, "cancel of a queued packet, not removing it: %#lx\n", status);
    status = associate(packet, port, event, 99, NULL);
    ok(status == STATUS_INVALID_PARAMETER_1_, "associating a packet still queued: %#lx\n", status);
    status = pNtCancelWaitCompletionPacket(packet, TRUE);
    ok(status == STATUS_SUCCESS_, "cancel removing a queued packet: %#lx\n", status);
    ok(take(port, 0) == 0, "the removed packet was still handed out\n");
    status = pNtCancelWaitCompletionPacket(packet, TRUE);
    ok(status == STATUS_CANCELLED_, "cancel after the removal: %#lx\n", status);

    /* and the packet can be used again */
    status = associate(packet, port, event, 70, NULL);
    ok(status == STATUS_SUCCESS_, "associate after a removal: %#lx\n", status);
    SetEvent(event);
    ok(take(port, HANG_MS) == 70, "no packet after the removal\n");

    /* closing the packet's handle withdraws its wait */
    status = associate(packet, port, event, 80, NULL);
    ok(status == STATUS_SUCCESS_, "associate: %#lx\n", status);
    CloseHandle(packet);
    SetEvent(event);
    ok(take(port, 0) == 0, "a closed packet queued its packet\n");
    ok(is_signaled(event), "a closed packet took the event\n");

    CloseHandle(event);
    CloseHandle(port);
}

static void test_invalid(void)
{
    HANDLE packet = create_packet(), port = create_port(), event = CreateEventW(NULL, FALSE, FALSE, NULL);
    HANDLE mutex = CreateMutexW(NULL, FALSE, NULL);
    NTSTATUS status;

    status = associate(event, port, event, 1, NULL);
    ok(status == STATUS_OBJECT_TYPE_MISMATCH_, "an event as the packet: %#lx\n", status);
    status = associate(packet, event, event, 1, NULL);
    ok(status == STATUS_OBJECT_TYPE_MISMATCH_, "an event as the port: %#lx\n", status);
    status = pNtCancelWaitCompletionPacket(event, TRUE);
    ok(status == STATUS_OBJECT_TYPE_MISMATCH_, "cancel of an event: %#lx\n", status);
    /* a mutex would need an owner, a port cannot be waited on */
    status = associate(packet, port, mutex, 1, NULL);
    ok(status == STATUS_INVALID_PARAMETER_3_, "a mutex as the target: %#lx\n", status);
    status = associate(packet, port, port, 1, NULL);
    ok(status == STATUS_INVALID_PARAMETER_3_, "a port as the target: %#lx\n", status);
    status = pNtCancelWaitCompletionPacket(packet, TRUE);
    ok(status == STATUS_CANCELLED_, "the refused associations left one behind: %#lx\n", status);

    CloseHandle(mutex);
    CloseHandle(event);
    CloseHandle(port);
    CloseHandle(packet);
}

/* One semaphore unit satisfies one of two packets waiting on it, as it releases one of two threads. */
static void test_semaphore_units(void)
{
    HANDLE packets[2] = { create_packet(), create_packet() }, port = create_port();
    HANDLE sem = CreateSemaphoreW(NULL, 0, 5, NULL);
    ULONG_PTR first, second;
    NTSTATUS status;
    LONG prev = -1;

    ok(associate(packets[0], port, sem, 100, NULL) == STATUS_SUCCESS_, "associate failed\n");
    ok(associate(packets[1], port, sem, 200, NULL) == STATUS_SUCCESS_, "associate failed\n");
    ReleaseSemaphore(sem, 1, NULL);
    first = take(port, HANG_MS);
    ok(first == 100 || first == 200, "one unit gave key %Iu\n", first);
    ok(take(port, 0) == 0, "one unit fired both packets\n");
    /* the other one still waits: cancelling it finds it pending */
    status = pNtCancelWaitCompletionPacket(packets[first == 100 ? 1 : 0], FALSE);
    ok(status == STATUS_SUCCESS_, "cancel of the packet still waiting: %#lx\n", status);

    ok(associate(packets[first == 100 ? 1 : 0], port, sem, first == 100 ? 200 : 100, NULL) == STATUS_SUCCESS_,
       "associate failed\n");
    ok(associate(packets[first == 100 ? 0 : 1], port, sem, first, NULL) == STATUS_SUCCESS_, "associate failed\n");
    ReleaseSemaphore(sem, 3, NULL);
    first = take(port, HANG_MS);
    second = take(port, HANG_MS);
    ok(first + second == 300 && first != second, "three units gave keys %Iu and %Iu\n", first, second);
    ok(ReleaseSemaphore(sem, 1, &prev) && prev == 1, "two of three units left %ld\n", prev);

    CloseHandle(sem);
    CloseHandle(port);
    CloseHandle(packets[1]);
    CloseHandle(packets[0]);
}

static DWORD WINAPI wait_then_exit(void *event)
{
    return WaitForSingleObject(event, HANG_MS);
}

struct taker
{
    HANDLE port;
    ULONG_PTR key;
};

static DWORD WINAPI take_thread(void *arg)
{
    struct taker *t = arg;
    t->key = take(t->port, HANG_MS);
    return 0;
}

/* A thread's end fires its packet; a thread already waiting on the port is handed it. */
static void test_thread_target(void)
{
    HANDLE packet = create_packet(), port = create_port(), event = CreateEventW(NULL, FALSE, FALSE, NULL);
    struct taker t = { port, 0 };
    HANDLE thread, taker;
    BOOLEAN signaled = 0xcc;

    thread = CreateThread(NULL, 0, wait_then_exit, event, 0, NULL);
    ok(associate(packet, port, thread, 300, &signaled) == STATUS_SUCCESS_, "associate failed\n");
    ok(signaled == FALSE, "a running thread was reported signalled\n");
    taker = CreateThread(NULL, 0, take_thread, &t, 0, NULL);
    SetEvent(event);
    ok(WaitForSingleObject(taker, HANG_MS) == WAIT_OBJECT_0, "the taker did not return\n");
    ok(t.key == 300, "the taker got key %Iu\n", t.key);
    ok(is_signaled(thread), "the thread has not ended\n");

    CloseHandle(taker);
    CloseHandle(thread);
    CloseHandle(event);
    CloseHandle(port);
    CloseHandle(packet);
}

/* Go's timer: a high-resolution waitable timer associated with the port it polls, re-armed after
 * each expiry (cancel first, then set and associate), taken with GetQueuedCompletionStatusEx. */
static void test_go_timer(void)
{
    HANDLE packet = create_packet(), port = create_port(), timer;
    OVERLAPPED_ENTRY entries[4];
    NTSTATUS status;
    ULONG got;
    int round;

    timer = CreateWaitableTimerExW(NULL, NULL, CREATE_WAITABLE_TIMER_HIGH_RESOLUTION,
                                   SYNCHRONIZE | TIMER_QUERY_STATE | TIMER_MODIFY_STATE);
    /* before Windows 10 1803 the flag is refused; Go falls back to an ordinary timer too */
    if (!timer) timer = CreateWaitableTimerExW(NULL, NULL, 0, SYNCHRONIZE | TIMER_QUERY_STATE | TIMER_MODIFY_STATE);
    ok(timer != NULL, "CreateWaitableTimerExW: %lu\n", GetLastError());

    for (round = 0; round < 5; round++)
    {
        LARGE_INTEGER due = { .QuadPart = -10000 };   /* 1 ms */
        BOOLEAN signaled = 0xcc;

        winetest_push_context("round %d", round);
        status = pNtCancelWaitCompletionPacket(packet, TRUE);
        ok(status == STATUS_CANCELLED_, "cancel before re-arming: %#lx\n", status);
        ok(SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE), "SetWaitableTimer: %lu\n", GetLastError());
        status = pNtAssociateWaitCompletionPacket(packet, port, timer, (void *)0x600d, NULL, 0, 0, &signaled);
        ok(status == STATUS_SUCCESS_, "associate: %#lx\n", status);
        ok(signaled == FALSE || signaled == TRUE, "signalled is %u\n", signaled);

        memset(entries, 0xcc, sizeof(entries));
        got = 0;
        ok(GetQueuedCompletionStatusEx(port, entries, ARRAY_SIZE(entries), &got, HANG_MS, FALSE),
           "GetQueuedCompletionStatusEx: %lu\n", GetLastError());
        ok(got == 1, "%lu entries\n", got);
        ok(entries[0].lpCompletionKey == 0x600d, "key %#Ix\n", entries[0].lpCompletionKey);
        ok(entries[0].lpOverlapped == NULL, "overlapped %p\n", entries[0].lpOverlapped);
        /* a synchronization timer releases one waiter: the packet's */
        ok(!is_signaled(timer), "the timer stayed signalled\n");
        winetest_pop_context();
    }
    CloseHandle(timer);
    CloseHandle(port);
    CloseHandle(packet);
}

/* A timer expiring while the association is cancelled: whatever the cancel says holds.  SUCCESS: no
 * packet, now or later; PENDING: the packet is queued.  The timer thread fires the packet while the
 * main thread cancels, so both orders come up over the rounds. */
static void test_cancel_race(void)
{
    HANDLE packet = create_packet(), port = create_port(), timer = CreateWaitableTimerW(NULL, FALSE, NULL);
    LARGE_INTEGER due = { .QuadPart = -1 };
    int round, cancelled = 0, pending = 0;

    for (round = 0; round < 2000; round++)
    {
        ULONG_PTR key = 1000 + round * 4, got;
        BOOLEAN remove = round & 1;
        NTSTATUS status;

        SetWaitableTimer(timer, &due, 0, NULL, NULL, FALSE);
        status = associate(packet, port, timer, key, NULL);
        ok(status == STATUS_SUCCESS_, "round %d: associate: %#lx\n", round, status);
        status = pNtCancelWaitCompletionPacket(packet, remove);
        if (status == STATUS_SUCCESS_)
        {
            cancelled++;
            /* a packet the cancel took back or never let fire would come with this round's key */
            got = take(port, 0);
            ok(got == 0, "round %d: a packet with key %Iu after a successful cancel\n", round, got);
        }
        else
        {
            ok(status == STATUS_PENDING && !remove, "round %d: cancel(%u): %#lx\n", round, remove, status);
            pending++;
            got = take(port, HANG_MS);
            ok(got == key, "round %d: key %Iu, not %Iu\n", round, got, key);
        }
        CancelWaitableTimer(timer);
    }
    ok(cancelled + pending == 2000, "%d cancelled, %d pending\n", cancelled, pending);
    CloseHandle(timer);
    CloseHandle(port);
    CloseHandle(packet);
}

START_TEST(waitpacket)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");

    pNtCreateWaitCompletionPacket = (void *)GetProcAddress(ntdll, "NtCreateWaitCompletionPacket");
    pNtAssociateWaitCompletionPacket = (void *)GetProcAddress(ntdll, "NtAssociateWaitCompletionPacket");
    pNtCancelWaitCompletionPacket = (void *)GetProcAddress(ntdll, "NtCancelWaitCompletionPacket");
    pNtRemoveIoCompletion = (void *)GetProcAddress(ntdll, "NtRemoveIoCompletion");
    if (!pNtCreateWaitCompletionPacket || !pNtAssociateWaitCompletionPacket || !pNtCancelWaitCompletionPacket)
    {
        /* Windows 8 and later have them; Wine 8.0 does not (a plain skip: win_skip fails under Wine) */
        skip("no wait completion packets\n");
        return;
    }
    test_event();
    test_already_signaled();
    test_cancel();
    test_invalid();
    test_semaphore_units();
    test_thread_target();
    test_go_timer();
    test_cancel_race();
}
