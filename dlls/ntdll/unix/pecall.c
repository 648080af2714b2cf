/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The only place where the Unix side calls into PE code.  The callees are
 * ms_abi functions; declaring the pointers WINAPI makes gcc emit the shadow
 * space, the argument registers and the saved xmm6-15 that the Windows x64
 * convention needs.
 */
#include "private.h"

typedef BOOL (WINAPI *dll_entry_fn)(HMODULE, DWORD, void *);
typedef void (WINAPI *tls_callback_fn)(void *, DWORD, void *);
typedef DWORD (WINAPI *process_entry_fn)(PEB *);

BOOL pe_call_dll_entry(void *entry, HMODULE module, DWORD reason, void *reserved)
{
    return ((dll_entry_fn)entry)(module, reason, reserved);
}

void pe_call_tls_callback(void *callback, HMODULE module, DWORD reason)
{
    ((tls_callback_fn)callback)(module, reason, NULL);
}

DWORD pe_call_process_entry(void *entry, PEB *peb)
{
    return ((process_entry_fn)entry)(peb);
}

typedef DWORD (WINAPI *thread_start_fn)(void *);
typedef void (WINAPI *apc_fn)(ULONG_PTR, ULONG_PTR, ULONG_PTR);

DWORD pe_call_thread_start(void *start, void *param)
{
    return ((thread_start_fn)start)(param);
}

void pe_call_apc(void *func, ULONG_PTR arg1, ULONG_PTR arg2, ULONG_PTR arg3)
{
    ((apc_fn)func)(arg1, arg2, arg3);
}
