/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal helpers of user32.dll. */
#ifndef WRING_USER32_PRIVATE_H
#define WRING_USER32_PRIVATE_H

#include <stdarg.h>
#include "windef.h"
#include "winbase.h"
#include "winnls.h"
#include "winuser.h"
#include "wincon.h"
#include "winternl.h"

/* SetLastError lives in ntdll (kernel32 only forwards it). */
#define SetLastError RtlSetLastWin32Error

#endif
