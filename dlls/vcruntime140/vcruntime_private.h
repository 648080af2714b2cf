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
struct std_exception_data           /* __std_exception_data: std::exception's one member */
{
    const char *what;
    BOOLEAN do_free;                /* what was allocated by __std_exception_copy */
};

void __cdecl __std_exception_copy(const struct std_exception_data *from, struct std_exception_data *to);
void __cdecl __std_exception_destroy(struct std_exception_data *data);
void vcruntime_init_rtti(void);
BOOL vcruntime_undecorate_type(const char *decorated, char *buf, size_t size);
void vcruntime_free(void *p);

#endif
