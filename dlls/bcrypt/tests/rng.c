/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * BCryptGenRandom with the system-preferred generator, as the Rust standard
 * library calls it: the buffer is filled with bytes that change between calls,
 * and a call with neither a handle nor the flag is refused.
 */
#include <string.h>
#include <windows.h>
#include <bcrypt.h>
#include "wine/test.h"

#ifndef STATUS_INVALID_HANDLE
#define STATUS_INVALID_HANDLE ((NTSTATUS)0xc0000008)
#endif

START_TEST(rng)
{
    BYTE a[300], b[300], zero[300] = { 0 };
    NTSTATUS status;

    memset(a, 0, sizeof(a));
    memset(b, 0, sizeof(b));
    status = BCryptGenRandom(NULL, a, sizeof(a), BCRYPT_USE_SYSTEM_PREFERRED_RNG);
    ok(status == 0, "BCryptGenRandom: %#lx\n", status);
    status = BCryptGenRandom(NULL, b, sizeof(b), BCRYPT_USE_SYSTEM_PREFERRED_RNG);
    ok(status == 0, "BCryptGenRandom: %#lx\n", status);
    /* 2400 random bits are never all zero, nor twice the same */
    ok(memcmp(a, zero, sizeof(a)) && memcmp(b, zero, sizeof(b)), "the buffer was not filled\n");
    ok(memcmp(a, b, sizeof(a)), "two calls gave the same bytes\n");
    /* the last byte too: a short fill would leave it as it was */
    memset(a, 0, sizeof(a));
    for (int i = 0; i < 8 && !a[sizeof(a) - 1]; i++)
        BCryptGenRandom(NULL, a, sizeof(a), BCRYPT_USE_SYSTEM_PREFERRED_RNG);
    ok(a[sizeof(a) - 1] != 0, "the last byte was never written\n");

    status = BCryptGenRandom(NULL, a, 0, BCRYPT_USE_SYSTEM_PREFERRED_RNG);
    ok(status == 0, "an empty request: %#lx\n", status);
    /* no algorithm handle and no flag: nothing to generate with */
    status = BCryptGenRandom(NULL, a, sizeof(a), 0);
    ok(status == STATUS_INVALID_HANDLE, "no handle: %#lx\n", status);
}
