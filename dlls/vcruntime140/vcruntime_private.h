/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal declarations of vcruntime140.dll; the C++ exception core it shares with msvcrt is cxx_eh.h. */
#ifndef WRING_VCRUNTIME_PRIVATE_H
#define WRING_VCRUNTIME_PRIVATE_H

#include "../msvcrt/cxx_eh.h"

/* the UCRT's own function NAME when ucrtbase.dll is in the process, else NULL */
void *vcruntime_ucrt_function(const char *name);
/* abort() as the UCRT has it, or its default outcome (exit code 3) without the UCRT */
void vcruntime_abort(void) __attribute__((noreturn));

void *vcruntime_alloc(size_t size);
void vcruntime_free(void *p);

#endif
