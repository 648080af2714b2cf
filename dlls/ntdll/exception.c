/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Structured exception handling is not there yet: a fault ends the process
 * (see unix/signal.c), so nothing can reach an unwind.  RtlUnwindEx is
 * exported so that C runtimes importing it load, and it says so if called.
 */
#include "ntdll_private.h"

void WINAPI RtlUnwindEx(void *frame, void *target_ip, EXCEPTION_RECORD *record, void *retval, CONTEXT *context,
                        UNWIND_HISTORY_TABLE *history)
{
    (void)frame; (void)target_ip; (void)record; (void)retval; (void)context; (void)history;
    wring_unimplemented("ntdll.dll", "RtlUnwindEx");
}
