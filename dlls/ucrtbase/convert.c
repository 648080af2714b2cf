/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* C99's lldiv (the other long long conversions are msvcrt's _i64 functions under their C99 names, in the .def). */
#include "corelib.h"

typedef struct { long long quot, rem; } lldiv_result;

lldiv_result __cdecl lldiv(long long num, long long den)
{
    lldiv_result r = { num / den, num % den };
    return r;
}
