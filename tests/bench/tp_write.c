/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tp_write: thread-pool write throughput, an unmodified Windows program.  N
 * writes of 4 KiB, block i at offset i * 4 KiB, to a new file (created, or
 * truncated, overlapped) through one TP_IO on the default pool:
 * StartThreadpoolIo + WriteFile per write, at most INFLIGHT outstanding, then
 * FlushFileBuffers once all callbacks have run, so the figure includes
 * getting the data to the disk.  The callback frees the write's slot and
 * releases a semaphore the submitter waits on.  The file is deleted at the end.
 *
 * usage: tp_write FILE [N [INFLIGHT]]
 * prints: tp_write ops/s=NNN
 */
#define _WIN32_WINNT 0x0601
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "slots.h"


static volatile LONG64 completed;
static volatile LONG failed;

static void CALLBACK write_done(PTP_CALLBACK_INSTANCE instance, void *context, void *overlapped, ULONG status,
                                ULONG_PTR bytes, PTP_IO io)
{
    struct slot *s = CONTAINING_RECORD(overlapped, struct slot, ov);

    if (status != NO_ERROR || bytes != BLOCK) InterlockedCompareExchange(&failed, status ? status : ERROR_WRITE_FAULT, 0);
    InterlockedIncrement64(&completed);
    InterlockedExchange(&s->busy, 0);
    if (!ReleaseSemaphore(free_slots, 1, NULL)) InterlockedCompareExchange(&failed, GetLastError(), 0);
}

int main(int argc, char **argv)
{
    LARGE_INTEGER freq, t0, t1;
    unsigned int hint = 0;
    long long total;
    HANDLE file;
    PTP_IO io;

    if (argc < 2 || argc > 4)
    {
        fprintf(stderr, "usage: tp_write FILE [N [INFLIGHT]]\n");
        return 2;
    }
    total = argc > 2 ? atoll(argv[2]) : 10000;
    inflight = argc > 3 ? (unsigned int)atoi(argv[3]) : 32;
    if (total <= 0 || !inflight || inflight > MAX_INFLIGHT)
    {
        fprintf(stderr, "tp_write: N must be > 0 and INFLIGHT in 1..%d\n", MAX_INFLIGHT);
        return 2;
    }
    for (unsigned int i = 0; i < inflight; i++) memset(slots[i].buf, 'a' + i % 26, BLOCK);

    file = CreateFileA(argv[1], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    if (file == INVALID_HANDLE_VALUE)
    {
        fprintf(stderr, "tp_write: %s: cannot create (error %lu)\n", argv[1], GetLastError());
        return 1;
    }
    if (!(free_slots = CreateSemaphoreA(NULL, inflight, inflight, NULL)))
    {
        fprintf(stderr, "tp_write: CreateSemaphore failed (error %lu)\n", GetLastError());
        return 1;
    }
    if (!(io = CreateThreadpoolIo(file, write_done, NULL, NULL)))
    {
        fprintf(stderr, "tp_write: CreateThreadpoolIo failed (error %lu)\n", GetLastError());
        return 1;
    }

    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t0);
    for (long long n = 0; n < total && !failed; n++)
    {
        struct slot *s = take_slot(&hint);
        ULONG64 offset = (ULONG64)n * BLOCK;

        memset(&s->ov, 0, sizeof(s->ov));
        s->ov.Offset = (DWORD)offset;
        s->ov.OffsetHigh = (DWORD)(offset >> 32);
        StartThreadpoolIo(io);
        /* Without skip mode a write that completes at once still gets its callback. */
        if (!WriteFile(file, s->buf, BLOCK, NULL, &s->ov) && GetLastError() != ERROR_IO_PENDING)
        {
            DWORD error = GetLastError();
            CancelThreadpoolIo(io);
            fprintf(stderr, "tp_write: WriteFile at %llu failed (error %lu)\n", (unsigned long long)offset, error);
            return 1;
        }
    }
    WaitForThreadpoolIoCallbacks(io, FALSE);
    if (!failed && !FlushFileBuffers(file))
    {
        fprintf(stderr, "tp_write: FlushFileBuffers failed (error %lu)\n", GetLastError());
        return 1;
    }
    QueryPerformanceCounter(&t1);

    if (failed)
    {
        fprintf(stderr, "tp_write: a write failed (error %lu)\n", (unsigned long)failed);
        return 1;
    }
    if (completed != total)
    {
        fprintf(stderr, "tp_write: %lld of %lld writes completed\n", (long long)completed, total);
        return 1;
    }
    printf("tp_write ops/s=%.0f\n", (double)total * (double)freq.QuadPart / (double)(t1.QuadPart - t0.QuadPart));
    CloseThreadpoolIo(io);
    CloseHandle(free_slots);
    if (!CloseHandle(file) || !DeleteFileA(argv[1]))
    {
        fprintf(stderr, "tp_write: cannot close or delete %s (error %lu)\n", argv[1], GetLastError());
        return 1;
    }
    return 0;
}
