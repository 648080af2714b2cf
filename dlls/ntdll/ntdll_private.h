/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal declarations of ntdll.dll's PE side. */
#ifndef WRING_NTDLL_PRIVATE_H
#define WRING_NTDLL_PRIVATE_H

#include "wring/shared.h"

extern const struct wring_unix_funcs *wring_unix_funcs;

void WINAPI wring_unimplemented(const char *dll, const char *function) __attribute__((noreturn));
/* Ends the process for an exception nothing handled, saying which and where. */
void WINAPI wring_unhandled_exception(const EXCEPTION_RECORD *record) __attribute__((noreturn));

static inline HANDLE process_heap(void)
{
    return NtCurrentTeb()->Peb->ProcessHeap;
}

#endif
