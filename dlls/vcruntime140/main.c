/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * vcruntime140.dll: the part of Microsoft's C runtime that belongs to the compiler (C++
 * exceptions, type_info, the few string functions it emits calls to).  On Windows it imports
 * the Universal CRT for terminate, abort and the heap; here it asks for them at run time, so it
 * loads (and its programs run) whether or not ucrtbase.dll is there.
 */
#include "vcruntime_private.h"

static DWORD tls_index = TLS_OUT_OF_INDEXES;

typedef void (__cdecl *purecall_handler)(void);
static purecall_handler purecall_func;

void *vcruntime_alloc(size_t size)
{
    return HeapAlloc(GetProcessHeap(), 0, size);
}

void vcruntime_free(void *p)
{
    HeapFree(GetProcessHeap(), 0, p);
}

struct cxx_thread *cxx_thread_state(void)
{
    struct cxx_thread *data;
    DWORD saved = GetLastError();

    data = TlsGetValue(tls_index);
    if (!data)
    {
        data = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*data));
        /* without memory for it there is no exception handling: the process cannot go on */
        if (!data) TerminateProcess(GetCurrentProcess(), STATUS_NO_MEMORY);
        TlsSetValue(tls_index, data);
    }
    SetLastError(saved);
    return data;
}

static void free_thread_state(void)
{
    struct cxx_thread *data;

    if (tls_index == TLS_OUT_OF_INDEXES) return;
    data = TlsGetValue(tls_index);
    if (!data) return;
    TlsSetValue(tls_index, NULL);
    HeapFree(GetProcessHeap(), 0, data);
}

void *vcruntime_ucrt_function(const char *name)
{
    HMODULE ucrt = GetModuleHandleW(L"ucrtbase.dll");
    return ucrt ? (void *)GetProcAddress(ucrt, name) : NULL;
}

void vcruntime_abort(void)
{
    void (__cdecl *ucrt_abort)(void) = vcruntime_ucrt_function("abort");

    if (ucrt_abort) ucrt_abort();
    TerminateProcess(GetCurrentProcess(), 3);
    for (;;) ;
}

/* std::terminate lives in the UCRT, with the handler set_terminate installed there */
void cxx_terminate(void)
{
    void (__cdecl *ucrt_terminate)(void) = vcruntime_ucrt_function("terminate");

    if (ucrt_terminate) ucrt_terminate();
    vcruntime_abort();
}

/* what the compiler calls when an exception leaves a noexcept function or a destructor */
void __cdecl __std_terminate(void)
{
    cxx_terminate();
}

void **__cdecl __current_exception(void)
{
    return &cxx_thread_state()->current_exception;
}

void **__cdecl __current_exception_context(void)
{
    return &cxx_thread_state()->current_context;
}

/* the count of exceptions thrown and not yet caught (std::uncaught_exceptions) */
int *__cdecl __processing_throw(void)
{
    return &cxx_thread_state()->uncaught;
}

int __cdecl __uncaught_exceptions(void)
{
    return cxx_thread_state()->uncaught;
}

purecall_handler __cdecl _set_purecall_handler(purecall_handler func)
{
    return InterlockedExchangePointer((void **)&purecall_func, func);
}

purecall_handler __cdecl _get_purecall_handler(void)
{
    return purecall_func;
}

/* a pure virtual function called through an object still being built or already destroyed */
int __cdecl _purecall(void)
{
    purecall_handler handler = _get_purecall_handler();

    if (handler) handler();
    vcruntime_abort();
}

/* what MSVC calls for a return or goto out of a __try with a __finally: the __finally blocks
 * between run, and the function goes on at target in its own frame */
void __cdecl _local_unwind(void *frame, void *target)
{
    CONTEXT context;
    RtlUnwindEx(frame, target, NULL, NULL, &context, NULL);
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, void *reserved)
{
    switch (reason)
    {
    case DLL_PROCESS_ATTACH:
        tls_index = TlsAlloc();
        if (tls_index == TLS_OUT_OF_INDEXES) return FALSE;
        vcruntime_init_rtti();
        break;
    case DLL_THREAD_DETACH:
        free_thread_state();
        break;
    case DLL_PROCESS_DETACH:
        if (reserved) break;
        free_thread_state();
        TlsFree(tls_index);
        break;
    }
    return TRUE;
}
