/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * I/O completion ports through kernel32: CreateIoCompletionPort (creation, binding a handle
 * once, only an overlapped one), PostQueuedCompletionStatus, GetQueuedCompletionStatus(Ex)
 * (timeouts, error packets, batches, alertable waits), FIFO packets, LIFO release of waiting
 * threads, the concurrency value, and closing a port under its waiters.
 *
 * Whether a thread is blocked on the port is read from the thread states that
 * NtQuerySystemInformation(SystemProcessInformation) reports (Waiting, WrQueue), never guessed
 * with a sleep.  Every wait that should end has a long timeout so that a lost wake-up fails
 * instead of hanging.
 */
#include <stdio.h>
#include <windows.h>
#include <winternl.h>
#include "wine/test.h"

#define HANG_MS 60000
#define KEY_EXIT 0xe817

#define THREAD_STATE_RUNNING 2
#define THREAD_STATE_WAITING 5
#define WAIT_REASON_WRQUEUE  15

#define STATUS_END_OF_FILE_ ((NTSTATUS)0xc0000011)
#define STATUS_INFO_LENGTH_MISMATCH_ ((NTSTATUS)0xc0000004)

static NTSTATUS (WINAPI *pNtQuerySystemInformation)(SYSTEM_INFORMATION_CLASS, void *, ULONG, ULONG *);
static NTSTATUS (WINAPI *pNtSetIoCompletion)(HANDLE, ULONG_PTR, ULONG_PTR, NTSTATUS, ULONG_PTR);
static NTSTATUS (WINAPI *pNtQueryIoCompletion)(HANDLE, int, void *, ULONG, ULONG *);

static LONG port_depth(HANDLE port)
{
    LONG depth = -1;
    NTSTATUS status = pNtQueryIoCompletion(port, 0, &depth, sizeof(depth), NULL);

    ok(!status, "NtQueryIoCompletion: %#lx\n", status);
    return depth;
}

static HANDLE create_port(DWORD concurrency)
{
    HANDLE port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, concurrency);

    ok(port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    return port;
}

static HANDLE start_thread(LPTHREAD_START_ROUTINE func, void *param, DWORD *tid)
{
    HANDLE thread = CreateThread(NULL, 0, func, param, 0, tid);

    ok(thread != NULL, "CreateThread: %lu\n", GetLastError());
    return thread;
}

static void join_thread(HANDLE thread)
{
    ok(WaitForSingleObject(thread, HANG_MS) == WAIT_OBJECT_0, "thread did not finish\n");
    CloseHandle(thread);
}

/* Reads the state and wait reason of one thread of this process; FALSE if it is not listed. */
static BOOL get_thread_state(DWORD tid, ULONG *state, ULONG *reason)
{
    static char *buf;
    static ULONG size = 1 << 16;
    SYSTEM_PROCESS_INFORMATION *proc;
    SYSTEM_THREAD_INFORMATION *threads;
    NTSTATUS status;
    ULONG i, len;

    for (;;)
    {
        if (!buf) buf = HeapAlloc(GetProcessHeap(), 0, size);
        status = pNtQuerySystemInformation(SystemProcessInformation, buf, size, &len);
        if (status != STATUS_INFO_LENGTH_MISMATCH_) break;
        HeapFree(GetProcessHeap(), 0, buf);
        buf = NULL;
        size *= 2;
    }
    if (status) return FALSE;
    for (proc = (SYSTEM_PROCESS_INFORMATION *)buf;;
         proc = (SYSTEM_PROCESS_INFORMATION *)((char *)proc + proc->NextEntryOffset))
    {
        if ((ULONG_PTR)proc->UniqueProcessId == GetCurrentProcessId())
        {
            threads = (SYSTEM_THREAD_INFORMATION *)(proc + 1);
            for (i = 0; i < proc->NumberOfThreads; i++)
            {
                if ((ULONG_PTR)threads[i].ClientId.UniqueThread != tid) continue;
                *state = threads[i].ThreadState;
                *reason = threads[i].WaitReason;
                return TRUE;
            }
            return FALSE;
        }
        if (!proc->NextEntryOffset) return FALSE;
    }
}

/* Windows reports the calling thread as running; a platform that does not keep thread states
 * cannot tell us when a thread is blocked, so the tests that need that are skipped there. */
static BOOL thread_states_reported(void)
{
    ULONG state = 0, reason = 0;

    ok(pNtQuerySystemInformation != NULL, "ntdll lacks NtQuerySystemInformation\n");
    if (!pNtQuerySystemInformation) return FALSE;
    if (get_thread_state(GetCurrentThreadId(), &state, &reason) && state == THREAD_STATE_RUNNING)
        return TRUE;
    /* Wine 8.0 reports every thread in state 0. */
    todo_wine ok(0, "SystemProcessInformation reports no thread states (got %lu)\n", state);
    return FALSE;
}

/* Polls until the thread is blocked in a completion port wait. */
static BOOL wait_blocked_on_port(DWORD tid)
{
    DWORD start = GetTickCount();
    ULONG state = 0, reason = 0;

    while (GetTickCount() - start < HANG_MS)
    {
        if (get_thread_state(tid, &state, &reason) && state == THREAD_STATE_WAITING
            && reason == WAIT_REASON_WRQUEUE)
            return TRUE;
        SwitchToThread();
    }
    ok(0, "thread %#lx never blocked on the port (state %lu, reason %lu)\n", tid, state, reason);
    return FALSE;
}

/* Spins (without waiting, which would change a port's running count) until *value >= target. */
static BOOL spin_until(volatile LONG *value, LONG target)
{
    DWORD start = GetTickCount();

    while (*value < target)
    {
        if (GetTickCount() - start >= HANG_MS)
        {
            ok(0, "value stuck at %ld, expected %ld\n", *value, target);
            return FALSE;
        }
        SwitchToThread();
    }
    return TRUE;
}

static HANDLE create_temp_file(DWORD flags, char *name)
{
    char dir[MAX_PATH];
    HANDLE file;

    GetTempPathA(sizeof(dir), dir);
    ok(GetTempFileNameA(dir, "iocp", 0, name) != 0, "GetTempFileNameA: %lu\n", GetLastError());
    file = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, flags, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFileA(%s): %lu\n", name, GetLastError());
    return file;
}

static void test_post_and_get(void)
{
    OVERLAPPED *ovl, ov;
    ULONG_PTR key;
    DWORD bytes;
    HANDLE port;
    BOOL ret;
    int i;

    port = create_port(0);
    ok(port_depth(port) == 0, "new port has packets\n");

    /* Nothing queued, no waiting: WAIT_TIMEOUT and no OVERLAPPED. */
    ovl = (OVERLAPPED *)0xdeadbeef;
    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &ovl, 0);
    ok(!ret, "GetQueuedCompletionStatus succeeded on an empty port\n");
    ok(GetLastError() == WAIT_TIMEOUT, "error %lu\n", GetLastError());
    ok(ovl == NULL, "lpOverlapped %p\n", ovl);

    /* The packet comes back exactly as posted. */
    ok(PostQueuedCompletionStatus(port, 0x12345, 0xabcdef, &ov), "PostQueuedCompletionStatus: %lu\n",
       GetLastError());
    ok(port_depth(port) == 1, "depth %ld\n", port_depth(port));
    bytes = 0; key = 0; ovl = NULL;
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &ovl, HANG_MS);
    ok(ret, "GetQueuedCompletionStatus: %lu\n", GetLastError());
    ok(bytes == 0x12345, "bytes %#lx\n", bytes);
    ok(key == 0xabcdef, "key %#Ix\n", key);
    ok(ovl == &ov, "lpOverlapped %p, expected %p\n", ovl, &ov);

    /* A NULL OVERLAPPED is a valid packet too: the call still succeeds. */
    PostQueuedCompletionStatus(port, 1, 2, NULL);
    ovl = (OVERLAPPED *)0xdeadbeef;
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &ovl, 0);
    ok(ret && ovl == NULL && key == 2 && bytes == 1, "NULL-overlapped packet: %d %p %Iu %lu\n", ret, ovl,
       key, bytes);

    /* First in, first out. */
    for (i = 0; i < 16; i++) PostQueuedCompletionStatus(port, i, 1000 + i, (OVERLAPPED *)(ULONG_PTR)(16 * (i + 1)));
    for (i = 0; i < 16; i++)
    {
        ret = GetQueuedCompletionStatus(port, &bytes, &key, &ovl, 0);
        ok(ret && bytes == i && key == 1000 + i && ovl == (OVERLAPPED *)(ULONG_PTR)(16 * (i + 1)),
           "packet %d: %d %lu %Iu %p\n", i, ret, bytes, key, ovl);
    }
    ok(port_depth(port) == 0, "depth %ld\n", port_depth(port));

    /* Posting to something that is not a port fails. */
    SetLastError(0xdeadbeef);
    ok(!PostQueuedCompletionStatus((HANDLE)(ULONG_PTR)0xdead0, 0, 0, NULL), "post to a bogus handle\n");
    ok(GetLastError() == ERROR_INVALID_HANDLE, "error %lu\n", GetLastError());

    CloseHandle(port);
}

static void test_error_packet(void)
{
    OVERLAPPED ov, *ovl;
    ULONG_PTR key;
    DWORD bytes;
    HANDLE port;
    BOOL ret;

    port = create_port(0);

    /* A packet of a failed request: FALSE, but with the OVERLAPPED, key, count and the error. */
    pNtSetIoCompletion(port, 77, (ULONG_PTR)&ov, STATUS_END_OF_FILE_, 5);
    bytes = 0; key = 0; ovl = NULL;
    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatus(port, &bytes, &key, &ovl, HANG_MS);
    ok(!ret, "GetQueuedCompletionStatus succeeded for a failed request\n");
    ok(GetLastError() == ERROR_HANDLE_EOF, "error %lu\n", GetLastError());
    ok(ovl == &ov, "lpOverlapped %p, expected %p\n", ovl, &ov);
    ok(key == 77, "key %Iu\n", key);
    ok(bytes == 5, "bytes %lu\n", bytes);

    /* The Ex form hands the status over untranslated, in Internal, and succeeds. */
    {
        OVERLAPPED_ENTRY entry;
        ULONG removed = 0;

        pNtSetIoCompletion(port, 78, (ULONG_PTR)&ov, STATUS_END_OF_FILE_, 6);
        memset(&entry, 0, sizeof(entry));
        ret = GetQueuedCompletionStatusEx(port, &entry, 1, &removed, HANG_MS, FALSE);
        ok(ret, "GetQueuedCompletionStatusEx: %lu\n", GetLastError());
        ok(removed == 1, "removed %lu\n", removed);
        ok(entry.lpCompletionKey == 78 && entry.lpOverlapped == &ov && entry.dwNumberOfBytesTransferred == 6
           && (NTSTATUS)entry.Internal == STATUS_END_OF_FILE_, "entry %Iu %p %lu %#Ix\n",
           entry.lpCompletionKey, entry.lpOverlapped, entry.dwNumberOfBytesTransferred, entry.Internal);
    }

    CloseHandle(port);
}

static void test_get_ex(void)
{
    OVERLAPPED_ENTRY entries[6];
    ULONG removed;
    HANDLE port;
    BOOL ret;
    int i;

    port = create_port(0);

    removed = 0xdead;
    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatusEx(port, entries, ARRAY_SIZE(entries), &removed, 0, FALSE);
    ok(!ret, "GetQueuedCompletionStatusEx succeeded on an empty port\n");
    ok(GetLastError() == WAIT_TIMEOUT, "error %lu\n", GetLastError());
    /* not 0: Windows reports one entry for a wait that timed out (Wine's tests show the same) */
    ok(removed == 1, "removed %lu after a timeout\n", removed);

    /* A batch: as many as fit, in order; the rest stay queued. */
    for (i = 0; i < 8; i++) PostQueuedCompletionStatus(port, 10 + i, 20 + i, (OVERLAPPED *)(ULONG_PTR)(0x100 * (i + 1)));
    memset(entries, 0, sizeof(entries));
    removed = 0;
    ret = GetQueuedCompletionStatusEx(port, entries, ARRAY_SIZE(entries), &removed, HANG_MS, FALSE);
    ok(ret, "GetQueuedCompletionStatusEx: %lu\n", GetLastError());
    ok(removed == ARRAY_SIZE(entries), "removed %lu\n", removed);
    for (i = 0; i < removed && i < ARRAY_SIZE(entries); i++)
        ok(entries[i].dwNumberOfBytesTransferred == 10 + i && entries[i].lpCompletionKey == 20 + i
           && entries[i].lpOverlapped == (OVERLAPPED *)(ULONG_PTR)(0x100 * (i + 1)) && entries[i].Internal == 0,
           "entry %d: %lu %Iu %p %#Ix\n", i, entries[i].dwNumberOfBytesTransferred,
           entries[i].lpCompletionKey, entries[i].lpOverlapped, entries[i].Internal);
    ok(port_depth(port) == 2, "depth %ld\n", port_depth(port));
    removed = 0;
    ret = GetQueuedCompletionStatusEx(port, entries, ARRAY_SIZE(entries), &removed, HANG_MS, FALSE);
    ok(ret && removed == 2, "second batch: %d, %lu\n", ret, removed);
    ok(entries[0].lpCompletionKey == 26 && entries[1].lpCompletionKey == 27, "keys %Iu %Iu\n",
       entries[0].lpCompletionKey, entries[1].lpCompletionKey);

    CloseHandle(port);
}

static LONG apc_count;

static void CALLBACK count_apc(ULONG_PTR arg)
{
    InterlockedIncrement(&apc_count);
}

static void test_get_ex_alertable(void)
{
    OVERLAPPED_ENTRY entries[2];
    ULONG removed;
    HANDLE port;
    BOOL ret;

    port = create_port(0);

    /* An alertable wait runs a queued APC and returns WAIT_IO_COMPLETION without a packet. */
    apc_count = 0;
    QueueUserAPC(count_apc, GetCurrentThread(), 0);
    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatusEx(port, entries, ARRAY_SIZE(entries), &removed, HANG_MS, TRUE);
    ok(!ret, "alertable wait succeeded\n");
    ok(GetLastError() == WAIT_IO_COMPLETION, "error %lu\n", GetLastError());
    ok(apc_count == 1, "APC ran %ld times\n", apc_count);

    /* A non-alertable one leaves the APC for later. */
    apc_count = 0;
    QueueUserAPC(count_apc, GetCurrentThread(), 0);
    PostQueuedCompletionStatus(port, 3, 4, NULL);
    ret = GetQueuedCompletionStatusEx(port, entries, ARRAY_SIZE(entries), &removed, HANG_MS, FALSE);
    ok(ret && removed == 1 && entries[0].lpCompletionKey == 4, "non-alertable: %d %lu\n", ret, removed);
    ok(apc_count == 0, "APC ran in a non-alertable wait\n");
    ok(SleepEx(0, TRUE) == WAIT_IO_COMPLETION && apc_count == 1, "the APC was lost\n");

    /* A zero timeout is a wait too: the queued APC runs. */
    apc_count = 0;
    QueueUserAPC(count_apc, GetCurrentThread(), 0);
    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatusEx(port, entries, ARRAY_SIZE(entries), &removed, 0, TRUE);
    ok(!ret && GetLastError() == WAIT_IO_COMPLETION, "zero timeout: %d %lu\n", ret, GetLastError());
    ok(apc_count == 1, "APC ran %ld times\n", apc_count);
    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatusEx(port, entries, ARRAY_SIZE(entries), &removed, 0, TRUE);
    ok(!ret && GetLastError() == WAIT_TIMEOUT, "nothing left: %d %lu\n", ret, GetLastError());

    CloseHandle(port);
}

/* NtRemoveIoCompletionEx counts one entry when the wait ends without a packet, as Windows does. */
static void test_remove_ex_count(void)
{
    /* FILE_IO_COMPLETION_INFORMATION has OVERLAPPED_ENTRY's layout */
    NTSTATUS (WINAPI *remove_ex)(HANDLE, OVERLAPPED_ENTRY *, ULONG, ULONG *, LARGE_INTEGER *,
                                 BOOLEAN);
    OVERLAPPED_ENTRY info[2];
    LARGE_INTEGER zero = { .QuadPart = 0 };
    ULONG count = 0xdeadbeef;
    NTSTATUS status;
    HANDLE port = create_port(0);

    remove_ex = (void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtRemoveIoCompletionEx");
    status = remove_ex(port, info, 2, &count, &zero, FALSE);
    ok(status == STATUS_TIMEOUT && count == 1, "timeout: %#lx count %lu\n", status, count);
    PostQueuedCompletionStatus(port, 1, 2, NULL);
    PostQueuedCompletionStatus(port, 3, 4, NULL);
    count = 0xdeadbeef;
    status = remove_ex(port, info, 2, &count, &zero, FALSE);
    ok(!status && count == 2, "two packets: %#lx count %lu\n", status, count);
    CloseHandle(port);
}

static void test_association(void)
{
    char name[MAX_PATH], name2[MAX_PATH];
    HANDLE port, port2, file, sync_file, ret;

    port = create_port(0);
    port2 = create_port(0);
    file = create_temp_file(FILE_FLAG_OVERLAPPED, name);

    ret = CreateIoCompletionPort(file, port, 5, 0);
    ok(ret == port, "binding returned %p, expected %p (error %lu)\n", ret, port, GetLastError());

    /* A handle is bound once, to one port. */
    SetLastError(0xdeadbeef);
    ret = CreateIoCompletionPort(file, port, 6, 0);
    ok(ret == NULL, "second binding to the same port succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ret = CreateIoCompletionPort(file, port2, 6, 0);
    ok(ret == NULL, "second binding to another port succeeded\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    CloseHandle(file);
    DeleteFileA(name);

    /* Only an overlapped handle can be bound. */
    sync_file = create_temp_file(FILE_ATTRIBUTE_NORMAL, name2);
    SetLastError(0xdeadbeef);
    ret = CreateIoCompletionPort(sync_file, port, 7, 0);
    ok(ret == NULL, "a non-overlapped handle was bound\n");
    ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
    CloseHandle(sync_file);
    DeleteFileA(name2);

    /* A file handle and no port: a new port, bound to the file. */
    file = create_temp_file(FILE_FLAG_OVERLAPPED, name);
    ret = CreateIoCompletionPort(file, NULL, 8, 0);
    ok(ret != NULL && ret != port && ret != port2, "new bound port %p\n", ret);
    SetLastError(0xdeadbeef);
    ok(CreateIoCompletionPort(file, port, 9, 0) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
       "a file bound at creation was bound again (error %lu)\n", GetLastError());
    CloseHandle(ret);
    CloseHandle(file);
    DeleteFileA(name);

    SetLastError(0xdeadbeef);
    ret = CreateIoCompletionPort((HANDLE)(ULONG_PTR)0xdead0, port, 1, 0);
    ok(ret == NULL && GetLastError() == ERROR_INVALID_HANDLE, "bogus handle: %p, error %lu\n", ret,
       GetLastError());

    CloseHandle(port);
    CloseHandle(port2);
}

/* Once the OVERLAPPED's event says the I/O is over, its packet is in the port: a program may
 * then drain the port, or let go of what the packet's key names.  (Wine 8.0 behaves so; the
 * order is what makes that safe.) */
static void test_packet_before_event(void)
{
    char name[MAX_PATH], data[4096];
    OVERLAPPED ov, *ovl;
    ULONG_PTR key;
    DWORD bytes;
    HANDLE port, file;
    BOOL ret;
    int i;

    file = create_temp_file(FILE_FLAG_OVERLAPPED, name);
    port = CreateIoCompletionPort(file, NULL, 11, 0);
    ok(port != NULL, "CreateIoCompletionPort: %lu\n", GetLastError());
    memset(data, 'e', sizeof(data));
    for (i = 0; i < 200; i++)
    {
        memset(&ov, 0, sizeof(ov));
        ov.Offset = (i % 16) * sizeof(data);
        ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
        ret = WriteFile(file, data, sizeof(data), NULL, &ov);
        ok(ret || GetLastError() == ERROR_IO_PENDING, "WriteFile: %lu\n", GetLastError());
        ok(WaitForSingleObject(ov.hEvent, HANG_MS) == WAIT_OBJECT_0, "write %d did not finish\n", i);
        ret = GetQueuedCompletionStatus(port, &bytes, &key, &ovl, 0);
        ok(ret && key == 11 && ovl == &ov && bytes == sizeof(data), "write %d: no packet once done (%lu)\n", i,
           GetLastError());
        /* a missing packet would arrive later and confuse the next round */
        if (!ret) GetQueuedCompletionStatus(port, &bytes, &key, &ovl, HANG_MS);
        CloseHandle(ov.hEvent);
    }
    CloseHandle(port);
    CloseHandle(file);
    DeleteFileA(name);
}

struct lifo_waiter
{
    HANDLE port;
    int index;
    LONG *who;      /* who[key] = index of the thread that got the packet with that key */
};

static DWORD WINAPI lifo_thread(void *arg)
{
    struct lifo_waiter *w = arg;
    OVERLAPPED *ovl;
    ULONG_PTR key;
    DWORD bytes;

    if (GetQueuedCompletionStatus(w->port, &bytes, &key, &ovl, HANG_MS) && key < 3)
        w->who[key] = w->index;
    return 0;
}

static void test_lifo_release(BOOL states)
{
    struct lifo_waiter waiters[3];
    HANDLE threads[3];
    LONG who[3] = { -1, -1, -1 };
    DWORD tids[3];
    HANDLE port;
    int i, started;

    if (!states)
    {
        skip("cannot tell when a thread is blocked: LIFO release not tested\n");
        return;
    }
    /* Room for all three to run, so that only the release order decides who gets what. */
    port = create_port(3);
    for (started = 0; started < 3;)
    {
        waiters[started].port = port;
        waiters[started].index = started;
        waiters[started].who = who;
        threads[started] = start_thread(lifo_thread, &waiters[started], &tids[started]);
        if (!wait_blocked_on_port(tids[started++])) break;
    }
    /* The packet goes to a waiter when it is posted: the last thread to block gets the first. */
    for (i = 0; i < started; i++) PostQueuedCompletionStatus(port, 0, i, NULL);
    for (i = 0; i < started; i++) join_thread(threads[i]);
    ok(who[0] == 2 && who[1] == 1 && who[2] == 0, "packets 0,1,2 went to threads %ld,%ld,%ld\n",
       who[0], who[1], who[2]);
    CloseHandle(port);
}

struct runner
{
    HANDLE port;
    volatile LONG got;
    volatile LONG release;
    ULONG_PTR keys[8];
};

/* Takes packets; after each it keeps running (spins, never waits) until the main thread lets it
 * call GetQueuedCompletionStatus again. */
static DWORD WINAPI runner_thread(void *arg)
{
    struct runner *r = arg;
    OVERLAPPED *ovl;
    ULONG_PTR key;
    DWORD bytes;

    for (;;)
    {
        if (!GetQueuedCompletionStatus(r->port, &bytes, &key, &ovl, HANG_MS)) break;
        r->keys[r->got] = key;
        InterlockedIncrement(&r->got);
        if (key == KEY_EXIT || r->got == ARRAY_SIZE(r->keys)) break;
        while (r->release < r->got) SwitchToThread();
    }
    return 0;
}

struct single
{
    HANDLE port;
    ULONG_PTR key;
};

static DWORD WINAPI single_thread(void *arg)
{
    struct single *s = arg;
    OVERLAPPED *ovl;
    DWORD bytes;

    if (!GetQueuedCompletionStatus(s->port, &bytes, &s->key, &ovl, HANG_MS)) s->key = 0;
    return 0;
}

static void test_concurrency(BOOL states)
{
    struct runner r = { 0 };
    struct single s = { 0 };
    HANDLE thread, thread_b = NULL;
    OVERLAPPED *ovl;
    ULONG_PTR key;
    DWORD bytes, tid_b;
    BOOL ret;

    r.port = create_port(1);
    s.port = r.port;
    PostQueuedCompletionStatus(r.port, 0, 1, NULL);
    PostQueuedCompletionStatus(r.port, 0, 2, NULL);

    thread = start_thread(runner_thread, &r, NULL);
    if (!spin_until(&r.got, 1)) return;
    ok(r.keys[0] == 1, "the runner got key %Iu first\n", r.keys[0]);

    /* The runner holds the port's only slot: another caller gets nothing although a packet is
     * queued.  Wine 8.0 ignores the concurrency value. */
    ovl = (OVERLAPPED *)0xdeadbeef;
    SetLastError(0xdeadbeef);
    ret = GetQueuedCompletionStatus(r.port, &bytes, &key, &ovl, 0);
    todo_wine ok(!ret && GetLastError() == WAIT_TIMEOUT, "a second thread ran: %d, error %lu, key %Iu\n",
                 ret, GetLastError(), key);
    if (ret) PostQueuedCompletionStatus(r.port, bytes, key, ovl);
    else ok(ovl == NULL, "lpOverlapped %p\n", ovl);
    ok(port_depth(r.port) == 1, "depth %ld\n", port_depth(r.port));

    if (states)
    {
        /* A thread that blocks while the runner runs is not released either. */
        thread_b = start_thread(single_thread, &s, &tid_b);
        wait_blocked_on_port(tid_b);
        ok(port_depth(r.port) == 1, "the blocked thread took the queued packet (depth %ld, key %Iu)\n",
           port_depth(r.port), s.key);
    }

    /* When the runner asks again it frees its slot and takes the queued packet itself. */
    r.release = 1;
    if (!spin_until(&r.got, 2)) return;
    ok(r.keys[1] == 2, "the runner got key %Iu second\n", r.keys[1]);
    ok(port_depth(r.port) == 0, "depth %ld\n", port_depth(r.port));

    r.release = 2;
    PostQueuedCompletionStatus(r.port, 0, KEY_EXIT, NULL);
    if (thread_b) PostQueuedCompletionStatus(r.port, 0, KEY_EXIT, NULL);
    join_thread(thread);
    ok(r.got == 3 && r.keys[2] == KEY_EXIT, "runner got %ld packets, last %Iu\n", r.got, r.keys[r.got - 1]);
    if (thread_b)
    {
        join_thread(thread_b);
        ok(s.key == KEY_EXIT, "the second thread got key %Iu\n", s.key);
    }
    CloseHandle(r.port);
}

struct close_waiter
{
    HANDLE port;
    DWORD timeout;
    BOOL ret;
    DWORD error;
    OVERLAPPED *ovl;
};

static DWORD WINAPI close_thread(void *arg)
{
    struct close_waiter *c = arg;
    ULONG_PTR key;
    DWORD bytes;

    c->ovl = (OVERLAPPED *)0xdeadbeef;
    SetLastError(0xdeadbeef);
    c->ret = GetQueuedCompletionStatus(c->port, &bytes, &key, &c->ovl, c->timeout);
    c->error = GetLastError();
    return 0;
}

static void test_close_port(BOOL states)
{
    struct close_waiter c;
    HANDLE thread;
    DWORD tid;

    c.port = create_port(0);
    /* Wine 8.0 never wakes the waiter (it times out), so do not make it wait long there. */
    c.timeout = winetest_platform_is_wine ? 1000 : HANG_MS;
    thread = start_thread(close_thread, &c, &tid);
    /* Without thread states (Wine) the close may come first; every outcome there fails the
     * todo_wine check below the same way. */
    if (states) wait_blocked_on_port(tid);
    CloseHandle(c.port);
    join_thread(thread);
    ok(!c.ret, "the waiter got a packet from a closed port\n");
    ok(c.ovl == NULL, "lpOverlapped %p\n", c.ovl);
    todo_wine ok(c.error == ERROR_ABANDONED_WAIT_0, "error %lu\n", c.error);
}

START_TEST(iocp)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    BOOL states;

    pNtQuerySystemInformation = (void *)GetProcAddress(ntdll, "NtQuerySystemInformation");
    pNtSetIoCompletion = (void *)GetProcAddress(ntdll, "NtSetIoCompletion");
    pNtQueryIoCompletion = (void *)GetProcAddress(ntdll, "NtQueryIoCompletion");
    if (!pNtSetIoCompletion || !pNtQueryIoCompletion)
    {
        ok(0, "ntdll lacks NtSetIoCompletion or NtQueryIoCompletion\n");
        return;
    }

    test_post_and_get();
    test_error_packet();
    test_get_ex();
    test_get_ex_alertable();
    test_remove_ex_count();
    test_association();
    test_packet_before_event();
    states = thread_states_reported();
    test_lifo_release(states);
    test_concurrency(states);
    test_close_port(states);
}
