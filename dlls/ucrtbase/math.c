/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What C99 added to the math library that msvcrt.dll never had: the
 * classification helpers the UCRT's <math.h> macros call (fpclassify, signbit),
 * rounding to integers, the float variants and a few exact functions.  The
 * float variants that are not exact go through msvcrt's double functions, and
 * log2/exp2 use the x87's own base-2 instructions as msvcrt's math does.
 */
#include "ucrtbase_private.h"

#define M_EDOM 33

/* fpclassify's results in the UCRT's <math.h> */
#define UCRT_FP_SUBNORMAL (-2)
#define UCRT_FP_NORMAL    (-1)
#define UCRT_FP_ZERO      0
#define UCRT_FP_INFINITE  1
#define UCRT_FP_NAN       2

double __cdecl floor(double x);
double __cdecl ceil(double x);
double __cdecl sqrt(double x);
double __cdecl pow(double x, double y);
double __cdecl exp(double x);
double __cdecl log(double x);
double __cdecl log10(double x);
double __cdecl sin(double x);
double __cdecl cos(double x);
double __cdecl tan(double x);
double __cdecl atan(double x);
double __cdecl atan2(double y, double x);
double __cdecl ldexp(double x, int e);
double __cdecl _hypot(double x, double y);
double __cdecl _copysign(double x, double s);

static unsigned __int64 dbits(double x)
{
    union { double d; unsigned __int64 u; } v = { .d = x };
    return v.u;
}

static double from_dbits(unsigned __int64 u)
{
    union { unsigned __int64 u; double d; } v = { .u = u };
    return v.d;
}

static unsigned int fbits(float x)
{
    union { float f; unsigned int u; } v = { .f = x };
    return v.u;
}

short __cdecl _dclass(double x)
{
    unsigned __int64 u = dbits(x);
    unsigned int e = (unsigned int)(u >> 52) & 0x7ff;
    unsigned __int64 m = u & ((1ull << 52) - 1);

    if (e == 0x7ff) return m ? UCRT_FP_NAN : UCRT_FP_INFINITE;
    if (!e) return m ? UCRT_FP_SUBNORMAL : UCRT_FP_ZERO;
    return UCRT_FP_NORMAL;
}

short __cdecl _fdclass(float x)
{
    unsigned int u = fbits(x), e = (u >> 23) & 0xff, m = u & 0x7fffff;

    if (e == 0xff) return m ? UCRT_FP_NAN : UCRT_FP_INFINITE;
    if (!e) return m ? UCRT_FP_SUBNORMAL : UCRT_FP_ZERO;
    return UCRT_FP_NORMAL;
}

short __cdecl _dtest(double *x)
{
    return _dclass(*x);
}

short __cdecl _fdtest(float *x)
{
    return _fdclass(*x);
}

/* signbit: nonzero (0x8000) when the sign bit is set, NaNs and zeros included */
int __cdecl _dsign(double x)
{
    return dbits(x) >> 63 ? 0x8000 : 0;
}

int __cdecl _fdsign(float x)
{
    return fbits(x) >> 31 ? 0x8000 : 0;
}

double __cdecl trunc(double x)
{
    unsigned __int64 u = dbits(x);
    int e = (int)((u >> 52) & 0x7ff) - 1023;

    if (e >= 52) return x;                      /* already integral, or inf or NaN */
    if (e < 0) return from_dbits(u & (1ull << 63));
    return from_dbits(u & ~(((1ull << 52) - 1) >> e));
}

/* Halfway cases go away from zero; x - trunc(x) is exact for every |x| below 2^52. */
double __cdecl round(double x)
{
    double t = trunc(x), d = x - t;

    if (d >= 0.5) return t + 1.0;
    if (d <= -0.5) return t - 1.0;
    return t;
}

/* Out of range or NaN: a domain error and the value the processor gives for such a conversion. */
long __cdecl lround(double x)
{
    double r = round(x);

    if (!(r >= -2147483648.0 && r <= 2147483647.0))
    {
        *_errno() = M_EDOM;
        return (long)0x80000000u;
    }
    return (long)r;
}

long long __cdecl llround(double x)
{
    double r = round(x);

    if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0))
    {
        *_errno() = M_EDOM;
        return (long long)0x8000000000000000ull;
    }
    return (long long)r;
}

double __cdecl copysign(double x, double s)
{
    return _copysign(x, s);
}

float __cdecl copysignf(float x, float s)
{
    return (float)_copysign(x, s);
}

/* A NaN argument loses to a number. */
double __cdecl fmin(double x, double y)
{
    if (x != x) return y;
    if (y != y) return x;
    if (x == y) return _dsign(x) ? x : y;      /* -0 is the smaller zero */
    return x < y ? x : y;
}

double __cdecl fmax(double x, double y)
{
    if (x != x) return y;
    if (y != y) return x;
    if (x == y) return _dsign(x) ? y : x;
    return x > y ? x : y;
}

double __cdecl scalbn(double x, int n)
{
    return ldexp(x, n);
}

double __cdecl nextafter(double x, double y)
{
    unsigned __int64 u;

    if (x != x || y != y) return x + y;
    if (x == y) return y;
    if (x == 0) return from_dbits(1 | (dbits(y) & (1ull << 63)));
    u = dbits(x);
    if ((x < y) == !(u >> 63)) u++;
    else u--;
    return from_dbits(u);
}

double __cdecl nan(const char *tag)
{
    return from_dbits(0x7ff8000000000000ull);
}

double __cdecl hypot(double x, double y)
{
    return _hypot(x, y);
}

/* log2 and exp2 with the x87's 64-bit significand: exact at the powers of two. */
double __cdecl log2(double x)
{
    long double r;

    if (x != x) return x;
    if (x < 0)
    {
        *_errno() = M_EDOM;
        return from_dbits(0xfff8000000000000ull);
    }
    if (x == 0)
    {
        *_errno() = 34;   /* ERANGE */
        return from_dbits(0xfff0000000000000ull);
    }
    __asm__("fyl2x" : "=t"(r) : "0"((long double)x), "u"(1.0L) : "st(1)");
    return (double)r;
}

double __cdecl exp2(double x)
{
    long double n, f, r;

    if (x != x) return x;
    if (x >= 1024)
    {
        *_errno() = 34;
        return from_dbits(0x7ff0000000000000ull);
    }
    if (x < -1080) return 0.0;
    __asm__("frndint" : "=t"(n) : "0"((long double)x));
    f = (long double)x - n;
    __asm__("f2xm1" : "=t"(r) : "0"(f));
    r += 1.0L;
    __asm__("fscale" : "=t"(r) : "0"(r), "u"(n));
    return (double)r;
}

/* A cube root from pow, with one Newton step to bring it to the nearest double. */
double __cdecl cbrt(double x)
{
    double a = x < 0 ? -x : x, y;

    if (x != x || a == 0 || a == from_dbits(0x7ff0000000000000ull)) return x;
    y = pow(a, 1.0 / 3.0);
    y = y - (y * y * y - a) / (3.0 * y * y);
    return x < 0 ? -y : y;
}

double __cdecl fmod(double x, double y);

/* float versions: exact where the double function is exact, else its result rounded */
float __cdecl fmodf(float x, float y) { return (float)fmod(x, y); }
float __cdecl truncf(float x) { return (float)trunc(x); }
float __cdecl roundf(float x) { return (float)round(x); }
float __cdecl floorf(float x) { return (float)floor(x); }
float __cdecl ceilf(float x) { return (float)ceil(x); }
float __cdecl sqrtf(float x) { return (float)sqrt(x); }
float __cdecl powf(float x, float y) { return (float)pow(x, y); }
float __cdecl expf(float x) { return (float)exp(x); }
float __cdecl logf(float x) { return (float)log(x); }
float __cdecl log10f(float x) { return (float)log10(x); }
float __cdecl sinf(float x) { return (float)sin(x); }
float __cdecl cosf(float x) { return (float)cos(x); }
float __cdecl tanf(float x) { return (float)tan(x); }
float __cdecl atanf(float x) { return (float)atan(x); }
float __cdecl atan2f(float y, float x) { return (float)atan2(y, x); }
