/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cp_pingpong: completion-port wake-up latency, an unmodified Windows
 * program.  Two threads and two ports, each thread waiting on its own port
 * with GetQueuedCompletionStatus: the main thread posts a packet
 * (PostQueuedCompletionStatus) to the other thread's port and waits on its
 * own; the other thread sends the packet's key back the same way.  Two ports,
 * not one port with keys, because a waiter cannot choose which packet it
 * dequeues: on one port a thread could take its own packet back, and each
 * round trip would not be two wake-ups of the other thread, as it is in
 * native_pingpong (two futex words).  N round trips.
 *
 * usage: cp_pingpong [N]
 * prints: cp_pingpong ops/s=NNN  (round trips per second)
 */
#define _WIN32_WINNT 0x0601
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

/* The key that ends the other thread; round trip n carries key n + 1. */
#define KEY_EXIT 0

static HANDLE ping_port, pong_port;

static DWORD WINAPI ponger(void *arg)
{
    for (;;)
    {
        OVERLAPPED *ov;
        ULONG_PTR key;
        DWORD bytes;

        if (!GetQueuedCompletionStatus(ping_port, &bytes, &key, &ov, INFINITE))
        {
            fprintf(stderr, "cp_pingpong: GetQueuedCompletionStatus failed (error %lu)\n", GetLastError());
            return 1;
        }
        if (key == KEY_EXIT) return 0;
        if (!PostQueuedCompletionStatus(pong_port, 0, key, NULL))
        {
            fprintf(stderr, "cp_pingpong: PostQueuedCompletionStatus failed (error %lu)\n", GetLastError());
            return 1;
        }
    }
}

int main(int argc, char **argv)
{
    LARGE_INTEGER freq, t0, t1;
    long long total;
    HANDLE thread;
    DWORD code;

    if (argc > 2)
    {
        fprintf(stderr, "usage: cp_pingpong [N]\n");
        return 2;
    }
    total = argc > 1 ? atoll(argv[1]) : 100000;
    if (total <= 0)
    {
        fprintf(stderr, "cp_pingpong: N must be > 0\n");
        return 2;
    }
    if (!(ping_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1)) ||
        !(pong_port = CreateIoCompletionPort(INVALID_HANDLE_VALUE, NULL, 0, 1)))
    {
        fprintf(stderr, "cp_pingpong: CreateIoCompletionPort failed (error %lu)\n", GetLastError());
        return 1;
    }
    if (!(thread = CreateThread(NULL, 0, ponger, NULL, 0, NULL)))
    {
        fprintf(stderr, "cp_pingpong: CreateThread failed (error %lu)\n", GetLastError());
        return 1;
    }

    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t0);
    for (long long n = 0; n < total; n++)
    {
        OVERLAPPED *ov;
        ULONG_PTR key;
        DWORD bytes;

        if (!PostQueuedCompletionStatus(ping_port, 0, (ULONG_PTR)n + 1, NULL))
        {
            fprintf(stderr, "cp_pingpong: PostQueuedCompletionStatus failed (error %lu)\n", GetLastError());
            return 1;
        }
        if (!GetQueuedCompletionStatus(pong_port, &bytes, &key, &ov, INFINITE))
        {
            fprintf(stderr, "cp_pingpong: GetQueuedCompletionStatus failed (error %lu)\n", GetLastError());
            return 1;
        }
        if (key != (ULONG_PTR)n + 1)
        {
            fprintf(stderr, "cp_pingpong: round trip %lld came back with key %llu\n", n + 1,
                    (unsigned long long)key);
            return 1;
        }
    }
    QueryPerformanceCounter(&t1);

    if (!PostQueuedCompletionStatus(ping_port, 0, KEY_EXIT, NULL) ||
        WaitForSingleObject(thread, INFINITE) != WAIT_OBJECT_0 || !GetExitCodeThread(thread, &code) || code)
    {
        fprintf(stderr, "cp_pingpong: the other thread did not end cleanly (error %lu)\n", GetLastError());
        return 1;
    }
    printf("cp_pingpong ops/s=%.0f\n", (double)total * (double)freq.QuadPart / (double)(t1.QuadPart - t0.QuadPart));
    CloseHandle(thread);
    CloseHandle(pong_port);
    CloseHandle(ping_port);
    return 0;
}
