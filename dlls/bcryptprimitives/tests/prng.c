/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * bcryptprimitives' ProcessPrng, looked up as Go's runtime and Rust's std look
 * it up: it fills the whole buffer with bytes that change from call to call.
 */
#include <string.h>
#include <windows.h>
#include "wine/test.h"

START_TEST(prng)
{
    BOOL (WINAPI *prng)(BYTE *, SIZE_T);
    BYTE a[256], b[256], zero[256] = { 0 };
    HMODULE dll = LoadLibraryA("bcryptprimitives.dll");

    if (!dll)
    {
        /* Windows 10 has it; Wine 8.0 does not */
        skip("no bcryptprimitives.dll\n");
        return;
    }
    prng = (void *)GetProcAddress(dll, "ProcessPrng");
    ok(prng != NULL, "no ProcessPrng\n");
    if (!prng) return;
    memset(a, 0, sizeof(a));
    memset(b, 0, sizeof(b));
    ok(prng(a, sizeof(a)) == TRUE, "ProcessPrng failed\n");
    ok(prng(b, sizeof(b)) == TRUE, "ProcessPrng failed\n");
    /* 2048 random bits are never all zero, nor twice the same */
    ok(memcmp(a, zero, sizeof(a)) && memcmp(b, zero, sizeof(b)), "the buffer was not filled\n");
    ok(memcmp(a, b, sizeof(a)), "two calls gave the same bytes\n");
    ok(prng(a, 0) == TRUE, "an empty request failed\n");
    FreeLibrary(dll);
}
