/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cp_read: completion-port read throughput, an unmodified Windows program.
 * N reads of 4 KiB at random 4 KiB-aligned offsets of a (page-cached) file
 * opened overlapped and bound to a completion port with
 * CreateIoCompletionPort: one ReadFile per read, at most INFLIGHT
 * outstanding.  THREADS threads (1 or more) reap the port with
 * GetQueuedCompletionStatusEx, up to 16 packets per call; each packet frees
 * its read's slot and releases a semaphore the submitter waits on.  The
 * offsets are tp_read's and native_uring's, from the same generator.
 *
 * usage: cp_read FILE [N [INFLIGHT [THREADS]]]
 * prints: cp_read ops/s=NNN
 */
#define _WIN32_WINNT 0x0601
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "slots.h"

#define MAX_THREADS 64
#define BATCH 16
/* The completion key that tells a reaper to exit: main posts one, and each reaper
 * posts it again before it exits, since one GetQueuedCompletionStatusEx may
 * dequeue several packets and a packet per reaper could all go to one. */
#define KEY_EXIT 1

static HANDLE port, all_done;
static long long total;
static volatile LONG64 completed;
static volatile LONG failed;

/* Keeps the first failure: a Win32 error or a read's NTSTATUS. */
static void fail(DWORD error)
{
    InterlockedCompareExchange(&failed, error ? (LONG)error : ERROR_GEN_FAILURE, 0);
    SetEvent(all_done);
}

static DWORD WINAPI reaper(void *arg)
{
    OVERLAPPED_ENTRY entries[BATCH];

    for (;;)
    {
        ULONG got;

        if (!GetQueuedCompletionStatusEx(port, entries, BATCH, &got, INFINITE, FALSE))
        {
            fail(GetLastError());
            return 1;
        }
        for (ULONG i = 0; i < got; i++)
        {
            struct slot *s;

            if (entries[i].lpCompletionKey == KEY_EXIT)
            {
                if (!PostQueuedCompletionStatus(port, 0, KEY_EXIT, NULL))
                {
                    fail(GetLastError());
                    return 1;
                }
                return 0;
            }
            s = CONTAINING_RECORD(entries[i].lpOverlapped, struct slot, ov);
            /* The packet carries the bytes; the OVERLAPPED carries the NTSTATUS. */
            if (s->ov.Internal || entries[i].dwNumberOfBytesTransferred != BLOCK)
                fail(s->ov.Internal ? (DWORD)s->ov.Internal : ERROR_HANDLE_EOF);
            InterlockedExchange(&s->busy, 0);
            if (!ReleaseSemaphore(free_slots, 1, NULL)) fail(GetLastError());
            if (InterlockedIncrement64(&completed) == total) SetEvent(all_done);
        }
    }
}

int main(int argc, char **argv)
{
    LARGE_INTEGER freq, t0, t1, size;
    ULONG64 state = 0x9e3779b97f4a7c15ull;
    HANDLE threads[MAX_THREADS];
    unsigned int hint = 0, nthreads;
    HANDLE file;

    if (argc < 2 || argc > 5)
    {
        fprintf(stderr, "usage: cp_read FILE [N [INFLIGHT [THREADS]]]\n");
        return 2;
    }
    total = argc > 2 ? atoll(argv[2]) : 1000000;
    inflight = argc > 3 ? (unsigned int)atoi(argv[3]) : 32;
    nthreads = argc > 4 ? (unsigned int)atoi(argv[4]) : 1;
    if (total <= 0 || !inflight || inflight > MAX_INFLIGHT || !nthreads || nthreads > MAX_THREADS)
    {
        fprintf(stderr, "cp_read: N must be > 0, INFLIGHT in 1..%d and THREADS in 1..%d\n", MAX_INFLIGHT,
                MAX_THREADS);
        return 2;
    }

    file = CreateFileA(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    if (file == INVALID_HANDLE_VALUE)
    {
        fprintf(stderr, "cp_read: %s: cannot open (error %lu)\n", argv[1], GetLastError());
        return 1;
    }
    if (!GetFileSizeEx(file, &size) || size.QuadPart < BLOCK)
    {
        fprintf(stderr, "cp_read: %s is smaller than %d bytes (error %lu)\n", argv[1], BLOCK, GetLastError());
        return 1;
    }
    /* Concurrency = THREADS, so every reaper may run at once. */
    if (!(port = CreateIoCompletionPort(file, NULL, 0, nthreads)))
    {
        fprintf(stderr, "cp_read: CreateIoCompletionPort failed (error %lu)\n", GetLastError());
        return 1;
    }
    if (!(free_slots = CreateSemaphoreA(NULL, inflight, inflight, NULL)) ||
        !(all_done = CreateEventA(NULL, TRUE, FALSE, NULL)))
    {
        fprintf(stderr, "cp_read: cannot create a semaphore or an event (error %lu)\n", GetLastError());
        return 1;
    }
    for (unsigned int i = 0; i < nthreads; i++)
    {
        if (!(threads[i] = CreateThread(NULL, 0, reaper, NULL, 0, NULL)))
        {
            fprintf(stderr, "cp_read: CreateThread failed (error %lu)\n", GetLastError());
            return 1;
        }
    }

    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t0);
    for (long long n = 0; n < total && !failed; n++)
    {
        struct slot *s = take_slot(&hint);
        ULONG64 offset = next_offset(&state, (ULONG64)size.QuadPart / BLOCK);

        memset(&s->ov, 0, sizeof(s->ov));
        s->ov.Offset = (DWORD)offset;
        s->ov.OffsetHigh = (DWORD)(offset >> 32);
        /* A read that completes at once still posts its packet: no skip mode here. */
        if (!ReadFile(file, s->buf, BLOCK, NULL, &s->ov) && GetLastError() != ERROR_IO_PENDING)
        {
            fprintf(stderr, "cp_read: ReadFile at %llu failed (error %lu)\n", (unsigned long long)offset,
                    GetLastError());
            return 1;
        }
    }
    if (WaitForSingleObject(all_done, INFINITE) != WAIT_OBJECT_0)
    {
        fprintf(stderr, "cp_read: waiting for the reads failed (error %lu)\n", GetLastError());
        return 1;
    }
    QueryPerformanceCounter(&t1);

    if (failed)
    {
        fprintf(stderr, "cp_read: a read failed (error or status 0x%lx)\n", (unsigned long)failed);
        return 1;
    }
    if (!PostQueuedCompletionStatus(port, 0, KEY_EXIT, NULL))
    {
        fprintf(stderr, "cp_read: PostQueuedCompletionStatus failed (error %lu)\n", GetLastError());
        return 1;
    }
    if (WaitForMultipleObjects(nthreads, threads, TRUE, INFINITE) >= WAIT_OBJECT_0 + nthreads || failed)
    {
        fprintf(stderr, "cp_read: the reapers did not end cleanly (error %lu)\n", (unsigned long)failed);
        return 1;
    }
    printf("cp_read ops/s=%.0f\n", (double)total * (double)freq.QuadPart / (double)(t1.QuadPart - t0.QuadPart));
    for (unsigned int i = 0; i < nthreads; i++) CloseHandle(threads[i]);
    CloseHandle(all_done);
    CloseHandle(free_slots);
    CloseHandle(port);
    CloseHandle(file);
    return 0;
}
