/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What ucrtbase's own files share: the invalid-parameter report and the UCRT's option bits. */
#ifndef UCRTBASE_PRIVATE_H
#define UCRTBASE_PRIVATE_H

#include "msvcrt_private.h"

#include "invalid.h"

/* The option bits of __stdio_common_* (corecrt_stdio_config.h). */
#define UCRT_PRINTF_LEGACY_VSPRINTF_NULL_TERMINATION 0x01
#define UCRT_PRINTF_STANDARD_SNPRINTF_BEHAVIOR       0x02
#define UCRT_PRINTF_LEGACY_WIDE_SPECIFIERS           0x04
#define UCRT_PRINTF_LEGACY_MSVCRT_COMPATIBILITY      0x08
#define UCRT_PRINTF_LEGACY_THREE_DIGIT_EXPONENTS     0x10
#define UCRT_PRINTF_STANDARD_ROUNDING                0x20
#define UCRT_SCANF_SECURECRT                         0x01
#define UCRT_SCANF_LEGACY_WIDE_SPECIFIERS            0x02

#endif
