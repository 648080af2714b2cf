/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * tp_read: thread-pool I/O throughput, an unmodified Windows program.  N reads
 * of 4 KiB at random 4 KiB-aligned offsets of a (page-cached) file through one
 * TP_IO on the default pool: StartThreadpoolIo + ReadFile per read, at most
 * INFLIGHT outstanding.  The callback frees the read's slot and releases a
 * semaphore the submitter waits on.  With -skip the handle has
 * FILE_SKIP_COMPLETION_PORT_ON_SUCCESS, so a read that completes at once gets
 * no callback: the submitter cancels its StartThreadpoolIo and finishes the
 * read inline.
 *
 * usage: tp_read [-skip] FILE [N [INFLIGHT]]
 * prints: tp_read ops/s=NNN  (tp_read_skip with -skip)
 */
#define _WIN32_WINNT 0x0601
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "slots.h"


static volatile LONG64 completed;
static volatile LONG failed;

static void finish_read(struct slot *s, ULONG status, ULONG_PTR bytes)
{
    if (status != NO_ERROR || bytes != BLOCK) InterlockedCompareExchange(&failed, status ? status : ERROR_HANDLE_EOF, 0);
    InterlockedIncrement64(&completed);
    InterlockedExchange(&s->busy, 0);
    ReleaseSemaphore(free_slots, 1, NULL);
}

static void CALLBACK read_done(PTP_CALLBACK_INSTANCE instance, void *context, void *overlapped, ULONG status,
                               ULONG_PTR bytes, PTP_IO io)
{
    finish_read(CONTAINING_RECORD(overlapped, struct slot, ov), status, bytes);
}

int main(int argc, char **argv)
{
    LARGE_INTEGER freq, t0, t1, size;
    ULONG64 state = 0x9e3779b97f4a7c15ull;
    unsigned int hint = 0;
    long long total;
    int skip = 0, arg = 1;
    HANDLE file;
    PTP_IO io;

    if (argc > 1 && !strcmp(argv[1], "-skip")) skip = arg = 2;
    if (argc - arg < 1 || argc - arg > 3)
    {
        fprintf(stderr, "usage: tp_read [-skip] FILE [N [INFLIGHT]]\n");
        return 2;
    }
    total = argc - arg > 1 ? atoll(argv[arg + 1]) : 1000000;
    inflight = argc - arg > 2 ? (unsigned int)atoi(argv[arg + 2]) : 32;
    if (total <= 0 || !inflight || inflight > MAX_INFLIGHT)
    {
        fprintf(stderr, "tp_read: N must be > 0 and INFLIGHT in 1..%d\n", MAX_INFLIGHT);
        return 2;
    }

    file = CreateFileA(argv[arg], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_FLAG_OVERLAPPED, NULL);
    if (file == INVALID_HANDLE_VALUE)
    {
        fprintf(stderr, "tp_read: %s: cannot open (error %lu)\n", argv[arg], GetLastError());
        return 1;
    }
    if (!GetFileSizeEx(file, &size) || size.QuadPart < BLOCK)
    {
        fprintf(stderr, "tp_read: %s is smaller than %d bytes (error %lu)\n", argv[arg], BLOCK, GetLastError());
        return 1;
    }
    if (skip && !SetFileCompletionNotificationModes(file, FILE_SKIP_COMPLETION_PORT_ON_SUCCESS))
    {
        fprintf(stderr, "tp_read: SetFileCompletionNotificationModes failed (error %lu)\n", GetLastError());
        return 1;
    }
    if (!(free_slots = CreateSemaphoreA(NULL, inflight, inflight, NULL)))
    {
        fprintf(stderr, "tp_read: CreateSemaphore failed (error %lu)\n", GetLastError());
        return 1;
    }
    if (!(io = CreateThreadpoolIo(file, read_done, NULL, NULL)))
    {
        fprintf(stderr, "tp_read: CreateThreadpoolIo failed (error %lu)\n", GetLastError());
        return 1;
    }

    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t0);
    for (long long n = 0; n < total && !failed; n++)
    {
        struct slot *s = take_slot(&hint);
        ULONG64 offset = next_offset(&state, (ULONG64)size.QuadPart / BLOCK);
        DWORD got;

        memset(&s->ov, 0, sizeof(s->ov));
        s->ov.Offset = (DWORD)offset;
        s->ov.OffsetHigh = (DWORD)(offset >> 32);
        StartThreadpoolIo(io);
        if (ReadFile(file, s->buf, BLOCK, &got, &s->ov))
        {
            /* Completed at once: without skip mode its callback still comes. */
            if (skip)
            {
                CancelThreadpoolIo(io);
                finish_read(s, NO_ERROR, got);
            }
        }
        else if (GetLastError() != ERROR_IO_PENDING)
        {
            DWORD error = GetLastError();
            CancelThreadpoolIo(io);
            fprintf(stderr, "tp_read: ReadFile at %llu failed (error %lu)\n", (unsigned long long)offset, error);
            return 1;
        }
    }
    WaitForThreadpoolIoCallbacks(io, FALSE);
    QueryPerformanceCounter(&t1);

    if (failed)
    {
        fprintf(stderr, "tp_read: a read failed (error %lu)\n", (unsigned long)failed);
        return 1;
    }
    if (completed != total)
    {
        fprintf(stderr, "tp_read: %lld of %lld reads completed\n", (long long)completed, total);
        return 1;
    }
    printf("%s ops/s=%.0f\n", skip ? "tp_read_skip" : "tp_read",
           (double)total * (double)freq.QuadPart / (double)(t1.QuadPart - t0.QuadPart));
    CloseThreadpoolIo(io);
    CloseHandle(free_slots);
    CloseHandle(file);
    return 0;
}
