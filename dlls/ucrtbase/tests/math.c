/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What the UCRT adds to msvcrt's math: classification (fpclassify, signbit), C99 rounding, float variants. */
#include <math.h>
#include <float.h>
#include <errno.h>
#include <string.h>
#include "wine/test.h"

__declspec(dllimport) double __cdecl nan(const char *tag);

static double from_bits(unsigned __int64 bits)
{
    double d;
    memcpy(&d, &bits, sizeof(d));
    return d;
}

static unsigned __int64 to_bits(double d)
{
    unsigned __int64 u;
    memcpy(&u, &d, sizeof(u));
    return u;
}

/* Through pointers, so the compiler computes nothing at build time. */
static double (__cdecl *volatile p_trunc)(double) = trunc;
static double (__cdecl *volatile p_round)(double) = round;
static float (__cdecl *volatile p_roundf)(float) = roundf;
static double (__cdecl *volatile p_log2)(double) = log2;
static double (__cdecl *volatile p_exp2)(double) = exp2;
static double (__cdecl *volatile p_cbrt)(double) = cbrt;
static float (__cdecl *volatile p_sqrtf)(float) = sqrtf;
static float (__cdecl *volatile p_fmodf)(float, float) = fmodf;

static void test_classify(void)
{
    double inf = from_bits(0x7ff0000000000000ull), qnan = from_bits(0x7ff8000000000000ull);
    double sub = from_bits(1), negzero = from_bits(0x8000000000000000ull);
    float finf = (float)inf, fsub = FLT_MIN / 4;

    ok(_dclass(1.0) == FP_NORMAL && _dclass(0.0) == FP_ZERO && _dclass(sub) == FP_SUBNORMAL &&
       _dclass(inf) == FP_INFINITE && _dclass(qnan) == FP_NAN, "_dclass\n");
    ok(_fdclass(1.0f) == FP_NORMAL && _fdclass(0.0f) == FP_ZERO && _fdclass(fsub) == FP_SUBNORMAL &&
       _fdclass(finf) == FP_INFINITE, "_fdclass\n");
    ok(fpclassify(2.5) == FP_NORMAL && isnan(qnan) && !isnan(inf) && isinf(inf) && isfinite(sub),
       "the <math.h> macros\n");
    ok(_dsign(-1.0) && _dsign(negzero) && !_dsign(0.0) && !_dsign(qnan) && _dsign(-qnan), "_dsign\n");
    ok(signbit(negzero) && !signbit(1.0), "signbit\n");
}

static void test_rounding(void)
{
    ok(p_trunc(2.7) == 2.0 && p_trunc(-2.7) == -2.0 && p_trunc(1e300) == 1e300, "trunc\n");
    ok(to_bits(p_trunc(-0.5)) == 0x8000000000000000ull, "trunc keeps the sign of zero\n");
    ok(p_round(2.5) == 3.0 && p_round(-2.5) == -3.0 && p_round(2.4999999999999996) == 2.0, "round\n");
    ok(p_round(0.49999999999999994) == 0.0, "round of the double below one half\n");
    ok(p_roundf(1.5f) == 2.0f && p_roundf(-0.4f) == 0.0f, "roundf\n");
    ok(lround(-3.5) == -4 && llround(2.5e15 + 0.5) == 2500000000000001ll, "lround/llround\n");
    ok(floorf(-1.5f) == -2.0f && ceilf(-1.5f) == -1.0f && truncf(-1.5f) == -1.0f, "floorf/ceilf/truncf\n");
}

static void test_functions(void)
{
    double inf = from_bits(0x7ff0000000000000ull);

    ok(copysign(3.0, -0.0) == -3.0 && copysignf(2.0f, 1.0f) == 2.0f, "copysign\n");
    ok(fmin(1.0, 2.0) == 1.0 && fmax(1.0, 2.0) == 2.0, "fmin/fmax\n");
    ok(fmin(nan(""), 5.0) == 5.0 && fmax(6.0, nan("")) == 6.0, "a NaN loses\n");
    ok(isnan(nan("")), "nan\n");
    ok(scalbn(3.0, 4) == 48.0, "scalbn\n");
    ok(nextafter(1.0, 2.0) == 1.0 + DBL_EPSILON && nextafter(0.0, -1.0) == -from_bits(1), "nextafter\n");
    ok(hypot(3.0, 4.0) == 5.0, "hypot\n");
    ok(p_log2(8.0) == 3.0 && p_log2(0.25) == -2.0 && p_log2(inf) == inf, "log2\n");
    errno = 0;
    ok(isnan(p_log2(-1.0)) && errno == EDOM, "log2 of a negative: errno %d\n", errno);
    ok(p_exp2(10.0) == 1024.0 && p_exp2(-1.0) == 0.5 && p_exp2(0.5) == sqrt(2.0), "exp2\n");
    ok(p_cbrt(27.0) == 3.0 && p_cbrt(-8.0) == -2.0 && p_cbrt(0.0) == 0.0, "cbrt\n");
    ok(p_sqrtf(2.25f) == 1.5f && p_fmodf(7.5f, 2.0f) == 1.5f, "sqrtf/fmodf\n");
    ok(powf(2.0f, 10.0f) == 1024.0f && fabs(expf(1.0f) - 2.7182817f) < 1e-6, "powf/expf\n");
    ok(logf(1.0f) == 0.0f && log10f(1000.0f) == 3.0f, "logf/log10f\n");
    ok(sinf(0.0f) == 0.0f && cosf(0.0f) == 1.0f && tanf(0.0f) == 0.0f, "sinf/cosf/tanf\n");
    ok(atan2f(1.0f, 1.0f) == (float)atan2(1.0, 1.0) && atanf(1.0f) == (float)atan(1.0), "atanf/atan2f\n");
}

START_TEST(math)
{
    test_classify();
    test_rounding();
    test_functions();
}
