/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef WRING_RTL_HOST_SHIM_H
#define WRING_RTL_HOST_SHIM_H
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#undef WIN32_NO_STATUS

void shim_process_init(DWORD cpus);
void shim_thread_init(DWORD tid);
#endif
