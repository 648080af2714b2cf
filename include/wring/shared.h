/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Windows types as both sides see them: Wine's headers, with WINE_UNIX_LIB on the Unix side. */
#ifndef WRING_SHARED_H
#define WRING_SHARED_H

#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#include "winioctl.h"
#undef WIN32_NO_STATUS

/* NtReadFile/NtWriteFile offsets with a meaning of their own (wdm.h; not in Wine's public headers) */
#ifndef FILE_USE_FILE_POINTER_POSITION
#define FILE_USE_FILE_POINTER_POSITION  ((LONGLONG)-2)
#endif
#ifndef FILE_WRITE_TO_END_OF_FILE
#define FILE_WRITE_TO_END_OF_FILE       ((LONGLONG)-1)
#endif

#endif
