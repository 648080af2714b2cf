/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The invalid-parameter report (invalid.c); free of system headers, so corelib.h's files can use it. */
#ifndef UCRTBASE_INVALID_H
#define UCRTBASE_INVALID_H

/* Calls the program's handler, or ends the process as Windows does without one. */
void ucrt_invalid_parameter(void);
/* Sets errno to err, reports an invalid parameter and gives back ret: the UCRT's usual error path. */
int ucrt_invalid(int err, int ret);
/* Ends the process as __fastfail does, with STATUS_STACK_BUFFER_OVERRUN. */
void ucrt_fail_fast(void) __attribute__((noreturn));

#endif
