/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * write_paths: buffered 4 KiB overlapped writes per second through each way a Windows program
 * can learn of their completion, an unmodified Windows program.  It is the tool that looked
 * for a wait per write on the completion port and TP_IO paths (there is none: those paths run
 * at tens of thousands of writes a second; the soak's low write count came from its own
 * unbounded chains of synchronous reads, see tests/soak/soak.c).
 *
 *   event  WriteFile with an event, GetOverlappedResult(TRUE), one at a time
 *   port   a completion port, INFLIGHT writes outstanding, GetQueuedCompletionStatus
 *   tp     a TP_IO on the default pool, INFLIGHT outstanding, the callback frees a slot
 *
 * Block i goes to offset (i % 4096) * 4 KiB of FILE, created or truncated; FILE is deleted.
 * usage: write_paths event|port|tp FILE [N [INFLIGHT]]
 * prints: write_paths MODE inflight=K writes/s=NNN
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define BLOCK 4096
#define MAX_INFLIGHT 256

static OVERLAPPED slots[MAX_INFLIGHT];
static unsigned char buf[BLOCK];
static HANDLE slot_done;
static volatile LONG failed;

static void CALLBACK write_done(PTP_CALLBACK_INSTANCE instance, void *context, void *overlapped, ULONG status,
                                ULONG_PTR bytes, PTP_IO io)
{
    if (status != NO_ERROR || bytes != BLOCK) InterlockedCompareExchange(&failed, status ? status : 1, 0);
    ReleaseSemaphore(slot_done, 1, NULL);
}

/* Waits for one outstanding write of the port or the pool. */
static BOOL reap_one(HANDLE port)
{
    OVERLAPPED *ov;
    ULONG_PTR key;
    DWORD bytes;

    if (!port) return WaitForSingleObject(slot_done, INFINITE) == WAIT_OBJECT_0;
    if (!GetQueuedCompletionStatus(port, &bytes, &key, &ov, INFINITE) || bytes != BLOCK)
    {
        fprintf(stderr, "write_paths: a write failed (error %lu, %lu bytes)\n", GetLastError(), bytes);
        return FALSE;
    }
    return TRUE;
}

int main(int argc, char **argv)
{
    LARGE_INTEGER freq, t0, t1;
    HANDLE file, port = NULL, event = NULL;
    unsigned int inflight, outstanding = 0;
    PTP_IO io = NULL;
    long long total;
    double seconds;
    const char *mode;

    if (argc < 3 || argc > 5 || (strcmp(argv[1], "event") && strcmp(argv[1], "port") && strcmp(argv[1], "tp")))
    {
        fprintf(stderr, "usage: write_paths event|port|tp FILE [N [INFLIGHT]]\n");
        return 2;
    }
    mode = argv[1];
    total = argc > 3 ? atoll(argv[3]) : 20000;
    inflight = argc > 4 ? (unsigned int)atoi(argv[4]) : 32;
    if (!strcmp(mode, "event")) inflight = 1;
    if (total <= 0 || !inflight || inflight > MAX_INFLIGHT)
    {
        fprintf(stderr, "write_paths: N must be > 0 and INFLIGHT in 1..%d\n", MAX_INFLIGHT);
        return 2;
    }
    file = CreateFileA(argv[2], GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_OVERLAPPED, NULL);
    if (file == INVALID_HANDLE_VALUE)
    {
        fprintf(stderr, "write_paths: %s: cannot create (error %lu)\n", argv[2], GetLastError());
        return 1;
    }
    if (!strcmp(mode, "event")) event = CreateEventA(NULL, FALSE, FALSE, NULL);
    else if (!strcmp(mode, "port")) port = CreateIoCompletionPort(file, NULL, 1, 0);
    else if ((slot_done = CreateSemaphoreA(NULL, 0, MAX_INFLIGHT, NULL)))
        io = CreateThreadpoolIo(file, write_done, NULL, NULL);
    if (!event && !port && !io)
    {
        fprintf(stderr, "write_paths: cannot set up %s (error %lu)\n", mode, GetLastError());
        return 1;
    }

    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t0);
    for (long long n = 0; n < total && !failed; n++)
    {
        OVERLAPPED *ov = &slots[n % inflight];
        DWORD got;

        if (outstanding == inflight && !event)
        {
            if (!reap_one(port)) return 1;
            outstanding--;
        }
        memset(ov, 0, sizeof(*ov));
        ov->Offset = (DWORD)(n % 4096) * BLOCK;
        ov->hEvent = event;
        if (io) StartThreadpoolIo(io);
        if (!WriteFile(file, buf, BLOCK, &got, ov) && GetLastError() != ERROR_IO_PENDING)
        {
            fprintf(stderr, "write_paths: WriteFile failed (error %lu)\n", GetLastError());
            if (io) CancelThreadpoolIo(io);
            return 1;
        }
        if (event && (!GetOverlappedResult(file, ov, &got, TRUE) || got != BLOCK))
        {
            fprintf(stderr, "write_paths: a write failed (error %lu, %lu bytes)\n", GetLastError(), got);
            return 1;
        }
        if (!event) outstanding++;
    }
    while (outstanding--)
        if (!reap_one(port)) return 1;
    QueryPerformanceCounter(&t1);
    if (failed)
    {
        fprintf(stderr, "write_paths: a write failed (status %ld)\n", failed);
        return 1;
    }
    seconds = (double)(t1.QuadPart - t0.QuadPart) / freq.QuadPart;
    printf("write_paths %s inflight=%u writes/s=%.0f\n", mode, inflight, total / seconds);
    if (io)
    {
        WaitForThreadpoolIoCallbacks(io, FALSE);
        CloseThreadpoolIo(io);
    }
    CloseHandle(file);
    DeleteFileA(argv[2]);
    return 0;
}
