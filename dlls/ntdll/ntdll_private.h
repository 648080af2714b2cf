/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal declarations of ntdll.dll's PE side. */
#ifndef WRING_NTDLL_PRIVATE_H
#define WRING_NTDLL_PRIVATE_H

#include "wring/shared.h"

extern const struct wring_unix_funcs *wring_unix_funcs;

void WINAPI wring_unimplemented(const char *dll, const char *function) __attribute__((noreturn));
/* Ends the process for an exception nothing handled, saying which and where. */
void WINAPI wring_unhandled_exception(const EXCEPTION_RECORD *record) __attribute__((noreturn));

/* unwind.c: one frame of a stack walk.  unwind_frame() moves context from a frame to its
 * caller and says what it found; false where the walk cannot go on (code outside every image
 * and function table). */
struct frame_info
{
    ULONG64 pc, base, frame;        /* the frame's pc, its image, its establisher frame */
    RUNTIME_FUNCTION *function;
    PEXCEPTION_ROUTINE handler;     /* the language handler of the type asked for, if any */
    void *handler_data;
};
BOOL unwind_frame(ULONG type, CONTEXT *context, struct frame_info *out);
BOOL frame_in_stack(ULONG64 frame);

static inline HANDLE process_heap(void)
{
    return NtCurrentTeb()->Peb->ProcessHeap;
}

#endif
