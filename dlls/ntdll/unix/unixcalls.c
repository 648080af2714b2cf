/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The table handed to ntdll.dll, built from the same list as its stubs. */
#include "private.h"

#define WRING_TABLE_ENTRY(ret, name, params, args) .name = name,
const struct wring_unix_funcs unix_funcs = {
    WRING_NT_CALLS(WRING_TABLE_ENTRY)
    WRING_PRIVATE_CALLS(WRING_TABLE_ENTRY)
};
