/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Seed: a DLL with exports by name and by ordinal only, forwarders by name and
 * by ordinal (seed_dll.def), and a TLS directory with a template and a callback.
 */
#include <windows.h>

__attribute__((section(".tls"))) int tls_value = 42;
__attribute__((section(".tls$ZZZ"))) int tls_end;
ULONG _tls_index;

static void NTAPI on_tls(PVOID module, DWORD reason, PVOID reserved)
{
    tls_value += (int)reason;
}

static PIMAGE_TLS_CALLBACK callbacks[] = { on_tls, NULL };

const IMAGE_TLS_DIRECTORY64 _tls_used = {
    (ULONGLONG)&tls_value, (ULONGLONG)(&tls_end + 1), (ULONGLONG)&_tls_index, (ULONGLONG)callbacks, 16, 0
};

int __stdcall seed_add(int a, int b) { return a + b; }
int __stdcall seed_mul(int a, int b) { return a * b; }
int __stdcall seed_hidden(void) { return tls_value; }

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    return TRUE;
}
