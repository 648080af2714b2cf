/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The table handed to ntdll.dll, built from the same list as its stubs. */
#include "private.h"

/* Each entry point counts itself as Unix code for the safe points of thread.c. */
#define WRING_WRAPPER(ret, name, params, args) \
    static ret WINAPI wrap_##name params \
    { \
        __attribute__((cleanup(leave_unix))) int scope = \
            enter_unix_from(__builtin_return_address(0), (char *)__builtin_frame_address(0) + 16); \
        (void)scope; \
        return name args; \
    }
WRING_NT_CALLS(WRING_WRAPPER)
WRING_PRIVATE_CALLS(WRING_WRAPPER)
#undef WRING_WRAPPER

#define WRING_TABLE_ENTRY(ret, name, params, args) .name = wrap_##name,
const struct wring_unix_funcs unix_funcs = {
    WRING_NT_CALLS(WRING_TABLE_ENTRY)
    WRING_PRIVATE_CALLS(WRING_TABLE_ENTRY)
};
