/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal declarations of oleaut32.dll. */
#ifndef WRING_OLEAUT32_PRIVATE_H
#define WRING_OLEAUT32_PRIVATE_H

#define COBJMACROS
#include "wring/shared.h"
#include "ole2.h"
#include "oleauto.h"

/* oleaut32 links to ntdll only: the process heap straight from the PEB */
static inline HANDLE process_heap(void)
{
    return NtCurrentTeb()->Peb->ProcessHeap;
}

/* ntdll's way to end the process when a program needs what Wring does not have yet */
void WINAPI wring_unimplemented(const char *dll, const char *function) __attribute__((noreturn));

#endif
