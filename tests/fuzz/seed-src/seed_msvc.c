/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Seed: a program as clang builds it for the MSVC target and lld-link links it:
 * no C runtime, native __declspec(thread) (so lld emits the TLS directory this
 * file defines), SEH unwind data in .pdata/.xdata and relocations.
 */
/* no SDK headers: the MSVC target has none here, and the seed needs only these */
typedef unsigned long ULONG;
typedef unsigned long long ULONGLONG;
typedef void (*PIMAGE_TLS_CALLBACK)(void *, ULONG, void *);
typedef struct { ULONGLONG start, end, index, callbacks; ULONG zero_fill, characteristics; } IMAGE_TLS_DIRECTORY64;
__declspec(dllimport) __declspec(noreturn) void __stdcall ExitProcess(unsigned int code);
#define EXCEPTION_INT_DIVIDE_BY_ZERO 0xc0000094
#define EXCEPTION_EXECUTE_HANDLER 1
#define EXCEPTION_CONTINUE_SEARCH 0

ULONG _tls_index;
__declspec(allocate(".tls")) char _tls_start = 0;
__declspec(allocate(".tls$ZZZ")) char _tls_end = 0;
#pragma section(".tls", read, write)
#pragma section(".tls$ZZZ", read, write)
#pragma section(".CRT$XLA", read)
#pragma section(".CRT$XLZ", read)
__declspec(allocate(".CRT$XLA")) PIMAGE_TLS_CALLBACK __xl_a = 0;
__declspec(allocate(".CRT$XLZ")) PIMAGE_TLS_CALLBACK __xl_z = 0;
const IMAGE_TLS_DIRECTORY64 _tls_used = {
    (ULONGLONG)&_tls_start, (ULONGLONG)&_tls_end, (ULONGLONG)&_tls_index, (ULONGLONG)(&__xl_a + 1), 0, 0
};

static __declspec(thread) int counter = 3;

static int __declspec(noinline) filter(unsigned long code)
{
    return code == EXCEPTION_INT_DIVIDE_BY_ZERO ? EXCEPTION_EXECUTE_HANDLER : EXCEPTION_CONTINUE_SEARCH;
}

void mainCRTStartup(void)
{
    int result = 1;
    __try
    {
        result = 10 / (counter - 3);
    }
    __except (filter(GetExceptionCode()))
    {
        result = 0;
    }
    ExitProcess(result);
}
