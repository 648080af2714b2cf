/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * SetConsoleCtrlHandler, driven by tests/ctrlc.sh, which sends SIGINT once the
 * program says "ready".  Modes:
 *   handled  two handlers; the last added returns TRUE: it runs on its own thread, the
 *            first never does; the program prints what ran and exits 0
 *   passed   the only handler returns FALSE: the process ends with STATUS_CONTROL_C_EXIT
 * "api" checks the registration calls' results without any signal.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static HANDLE done;
static DWORD main_thread;
static volatile LONG first_calls, last_calls;

static BOOL WINAPI first_handler(DWORD event)
{
    (void)event;
    InterlockedIncrement(&first_calls);
    return TRUE;
}

static BOOL WINAPI last_handler(DWORD event)
{
    InterlockedIncrement(&last_calls);
    printf("event %lu on %s thread\n", event, GetCurrentThreadId() == main_thread ? "the main" : "another");
    fflush(stdout);
    SetEvent(done);
    return TRUE;
}

static BOOL WINAPI passing_handler(DWORD event)
{
    printf("passing %lu\n", event);
    fflush(stdout);
    SetEvent(done);
    return FALSE;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "api";

    main_thread = GetCurrentThreadId();
    done = CreateEventA(NULL, TRUE, FALSE, NULL);
    if (!strcmp(mode, "api"))
    {
        SetLastError(0xdeadbeef);
        BOOL ret = SetConsoleCtrlHandler(first_handler, FALSE);
        printf("remove unknown: %d %lu\n", ret, GetLastError());
        printf("add: %d\n", SetConsoleCtrlHandler(first_handler, TRUE));
        printf("add again: %d\n", SetConsoleCtrlHandler(first_handler, TRUE));
        printf("remove: %d\n", SetConsoleCtrlHandler(first_handler, FALSE));
        printf("remove second: %d\n", SetConsoleCtrlHandler(first_handler, FALSE));
        ret = SetConsoleCtrlHandler(first_handler, FALSE);
        printf("remove third: %d %lu\n", ret, GetLastError());
        printf("ignore: %d\n", SetConsoleCtrlHandler(NULL, TRUE));
        printf("stop ignoring: %d\n", SetConsoleCtrlHandler(NULL, FALSE));
        return 0;
    }
    if (!strcmp(mode, "handled"))
    {
        SetConsoleCtrlHandler(first_handler, TRUE);
        SetConsoleCtrlHandler(last_handler, TRUE);
    }
    else SetConsoleCtrlHandler(passing_handler, TRUE);
    printf("ready\n");
    fflush(stdout);
    if (WaitForSingleObject(done, 60000)) { printf("no event\n"); return 1; }
    if (!strcmp(mode, "passed")) Sleep(INFINITE);    /* the process ends from the handler thread */
    printf("first %ld last %ld\n", first_calls, last_calls);
    return 0;
}
