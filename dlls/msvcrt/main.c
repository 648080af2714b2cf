/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* msvcrt.dll entry point: process and thread set-up and tear-down. */
#include "msvcrt_private.h"

HANDLE msvcrt_heap;
static DWORD tls_index = TLS_OUT_OF_INDEXES;

/* errno lives per thread; the block is made on first use so threads that never touch it cost nothing. */
struct thread_data *msvcrt_get_thread_data(void)
{
    struct thread_data *data;
    DWORD saved = GetLastError();

    data = TlsGetValue(tls_index);
    if (!data)
    {
        data = HeapAlloc(msvcrt_heap, HEAP_ZERO_MEMORY, sizeof(*data));
        if (!data)
        {
            /* Without memory there is nowhere to keep errno: that is fatal, as in msvcrt (R6016). */
            msvcrt_write_stderr_raw("\r\nruntime error R6016\r\n- not enough space for thread data\r\n");
            ExitProcess(255);
        }
        TlsSetValue(tls_index, data);
    }
    SetLastError(saved);
    return data;
}

static void free_thread_data(void)
{
    struct thread_data *data;

    if (tls_index == TLS_OUT_OF_INDEXES) return;
    data = TlsGetValue(tls_index);
    if (!data) return;
    TlsSetValue(tls_index, NULL);
    HeapFree(msvcrt_heap, 0, data);
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, void *reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        msvcrt_heap = GetProcessHeap();
        tls_index = TlsAlloc();
        if (tls_index == TLS_OUT_OF_INDEXES) return FALSE;
        msvcrt_init_locks();
        msvcrt_init_fds();
        msvcrt_init_stdio();
        if (!msvcrt_init_environ()) return FALSE;
        if (!msvcrt_init_startup()) return FALSE;
        break;
    case DLL_THREAD_DETACH:
        free_thread_data();
        break;
    case DLL_PROCESS_DETACH:
        /* At process exit (reserved != NULL) other threads are gone mid-flight and may hold
         * stream locks: flush without locking, and free nothing the system reclaims anyway. */
        if (reserved)
        {
            msvcrt_flush_all_streams();
            break;
        }
        msvcrt_close_all_streams();
        msvcrt_free_environ();
        msvcrt_free_fds();
        free_thread_data();
        msvcrt_free_locks();
        TlsFree(tls_index);
        break;
    }
    return TRUE;
}
