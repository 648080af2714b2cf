/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * msvcrt's double math. The exact functions work on the bits; the
 * transcendental ones evaluate in the x87 unit's 64-bit-mantissa extended
 * precision and round once to double, which keeps them within about one ulp.
 * Trigonometric arguments are reduced by pi/2 in three extended-precision
 * parts before fsin/fcos, because the x87's own reduction uses a 66-bit pi
 * and loses accuracy near multiples of pi.
 */

#include "corelib.h"

typedef long double ldouble;

static inline u64 bits(double x)
{
    u64 u;
    __builtin_memcpy(&u, &x, 8);
    return u;
}

static inline double from_bits(u64 u)
{
    double x;
    __builtin_memcpy(&x, &u, 8);
    return x;
}

static inline int is_nan(double x) { return (bits(x) & ~(1ull << 63)) > 0x7ff0000000000000ull; }
static inline int is_inf(double x) { return (bits(x) & ~(1ull << 63)) == 0x7ff0000000000000ull; }

/* A domain error raises the invalid-operation exception as Windows' SSE code does: the flag
 * shows in _statusfp, and a program that unmasked it gets STATUS_FLOAT_INVALID_OPERATION. */
static double domain_error(double result)
{
    double zero = 0.0;

    __asm__ volatile("divsd %0, %0" : "+x"(zero));
    *_errno() = EDOM;
    return result;
}

static double range_error(double result)
{
    *_errno() = ERANGE;
    return result;
}

/* The "indefinite" NaN msvcrt answers for domain errors (sign bit set). */
static inline double nan_ind(void) { return from_bits(0xfff8000000000000ull); }
static inline double inf(void) { return from_bits(0x7ff0000000000000ull); }

double __cdecl fabs(double x)
{
    return from_bits(bits(x) & ~(1ull << 63));
}

double __cdecl sqrt(double x)
{
    if (x < 0) return domain_error(nan_ind());
    __asm__("sqrtsd %1, %0" : "=x"(x) : "x"(x));
    return x;
}

/* roundsd: 9 = toward -inf, 10 = toward +inf, 11 = toward zero, no inexact. */
double __cdecl floor(double x)
{
    __asm__("roundsd $9, %1, %0" : "=x"(x) : "x"(x));
    return x;
}

double __cdecl ceil(double x)
{
    __asm__("roundsd $10, %1, %0" : "=x"(x) : "x"(x));
    return x;
}

static double trunc_(double x)
{
    __asm__("roundsd $11, %1, %0" : "=x"(x) : "x"(x));
    return x;
}

double __cdecl modf(double x, double *ipart)
{
    double i = is_inf(x) ? x : trunc_(x);

    *ipart = i;
    if (is_inf(x)) return from_bits(bits(x) & (1ull << 63));
    return from_bits((bits(x - i) & ~(1ull << 63)) | (bits(x) & (1ull << 63)));
}

/* fprem is exact: the remainder of x by y has the sign of x. */
double __cdecl fmod(double x, double y)
{
    ldouble a = x, b = y;
    unsigned short sw;

    if (is_nan(x) || is_nan(y)) return x + y;
    if (is_inf(x) || y == 0) return domain_error(nan_ind());
    if (is_inf(y)) return x;
    do
        __asm__("fprem; fnstsw %1" : "+t"(a), "=a"(sw) : "u"(b));
    while (sw & 0x400);
    return (double)a;
}

double __cdecl ldexp(double x, int e)
{
    ldouble r;

    if (is_nan(x) || is_inf(x) || x == 0) return x;
    if (e > 5000) e = 5000;
    if (e < -5000) e = -5000;
    __asm__("fscale" : "=t"(r) : "0"((ldouble)x), "u"((ldouble)e));
    x = (double)r;
    if (is_inf(x) || x == 0) *_errno() = ERANGE;
    return x;
}

double __cdecl frexp(double x, int *e)
{
    u64 u = bits(x);
    int exp = (int)((u >> 52) & 0x7ff);

    *e = 0;
    if (is_nan(x) || is_inf(x) || x == 0) return x;
    if (!exp)
    {
        /* Subnormal: scale into the normal range first. */
        u = bits(x * 0x1p64);
        exp = (int)((u >> 52) & 0x7ff) - 64;
    }
    *e = exp - 1022;
    return from_bits((u & ~(0x7ffull << 52)) | (1022ull << 52));
}

double __cdecl _copysign(double x, double s)
{
    return from_bits((bits(x) & ~(1ull << 63)) | (bits(s) & (1ull << 63)));
}

double __cdecl _chgsign(double x)
{
    return from_bits(bits(x) ^ (1ull << 63));
}

int __cdecl _finite(double x) { return !is_nan(x) && !is_inf(x); }
int __cdecl _isnan(double x)  { return is_nan(x); }

/* x87 primitives, extended precision in and out. */

static inline ldouble x87_atan2(ldouble y, ldouble x)
{
    ldouble r;
    __asm__("fpatan" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}

/* y * log2(x) */
static inline ldouble x87_yl2x(ldouble y, ldouble x)
{
    ldouble r;
    __asm__("fyl2x" : "=t"(r) : "0"(x), "u"(y) : "st(1)");
    return r;
}

static inline ldouble x87_sqrt(ldouble x)
{
    __asm__("fsqrt" : "+t"(x));
    return x;
}

static inline ldouble x87_round(ldouble x)
{
    __asm__("frndint" : "+t"(x));
    return x;
}

static inline ldouble x87_scale(ldouble x, ldouble e)
{
    ldouble r;
    __asm__("fscale" : "=t"(r) : "0"(x), "u"(e));
    return r;
}

/* 2^t - 1 for |t| <= 1, accurate even for tiny t. */
static inline ldouble x87_2xm1(ldouble t)
{
    __asm__("f2xm1" : "+t"(t));
    return t;
}

static const ldouble LOG2E = 1.44269504088896340735992468100189214L;

/* 2^t for |t| < 2^15 */
static ldouble exp2_l(ldouble t)
{
    ldouble n = x87_round(t);
    return x87_scale(x87_2xm1(t - n) + 1, n);
}

/* e^x - 1, accurate for small x. Splitting x*log2(e) keeps the product's
 * rounding error out of the fraction fed to f2xm1. */
static ldouble expm1_l(ldouble x)
{
    ldouble t = x * LOG2E, n, e;

    if (t > -1 && t < 1) return x87_2xm1(t);
    n = x87_round(t);
    e = x87_scale(1, n);
    return e * x87_2xm1(t - n) + (e - 1);
}

static ldouble exp_l(ldouble x)
{
    ldouble t = x * LOG2E;
    ldouble n = x87_round(t);
    return x87_scale(x87_2xm1(t - n) + 1, n);
}

static double exp_impl(double x)
{
    double r;

    if (is_nan(x)) return x;
    if (x > 710) return range_error(inf());
    if (x < -746) return range_error(0);
    r = (double)exp_l(x);
    if (is_inf(r) || r == 0) *_errno() = ERANGE;
    return r;
}

static const ldouble LN2 = 0.693147180559945309417232121458176568L;
static const ldouble LG2 = 0.301029995663981195213738894724493027L;

static double log_impl(double x)
{
    if (is_nan(x)) return x;
    if (x < 0) return domain_error(nan_ind());
    if (x == 0) return range_error(-inf());
    if (is_inf(x)) return x;
    return (double)x87_yl2x(LN2, x);
}

static double log10_impl(double x)
{
    if (is_nan(x)) return x;
    if (x < 0) return domain_error(nan_ind());
    if (x == 0) return range_error(-inf());
    if (is_inf(x)) return x;
    return (double)x87_yl2x(LG2, x);
}

static int is_integer(double y)
{
    return trunc_(y) == y;
}

static int is_odd_integer(double y)
{
    return is_integer(y) && __builtin_fabs(y) < 0x1p53 && ((s64)y & 1);
}

static double pow_impl(double x, double y)
{
    ldouble l, r;
    int negate = 0;
    double ax = fabs(x);

    if (y == 0) return 1;
    if (x == 1) return 1;
    if (is_nan(x) || is_nan(y)) return x + y;
    if (is_inf(y))
    {
        if (ax == 1) return 1;
        return (ax > 1) == (y > 0) ? inf() : 0;
    }
    if (x == 0)
    {
        int odd = is_odd_integer(y);
        if (y < 0)
        {
            *_errno() = ERANGE;
            return odd ? _copysign(inf(), x) : inf();
        }
        return odd ? x : 0;
    }
    if (is_inf(x))
    {
        int odd = is_odd_integer(y);
        double r = y > 0 ? inf() : 0;
        return x < 0 && odd ? -r : r;
    }
    if (x < 0)
    {
        if (!is_integer(y)) return domain_error(nan_ind());
        negate = is_odd_integer(y);
    }
    /* Exact small integer powers by squaring: y*log2(x) would round. */
    if (is_integer(y) && __builtin_fabs(y) <= 64)
    {
        int n = (int)__builtin_fabs(y);
        ldouble b = ax, p = 1;
        for (; n; n >>= 1, b *= b)
            if (n & 1) p *= b;
        r = y < 0 ? 1 / p : p;
    }
    else
    {
        l = x87_yl2x(y, ax);
        if (l > 16400) return range_error(negate ? -inf() : inf());
        if (l < -16500) return range_error(negate ? -0.0 : 0);
        r = exp2_l(l);
    }
    x = (double)(negate ? -r : r);
    if (is_inf(x) || x == 0) *_errno() = ERANGE;
    return x;
}

static double atan2_impl(double y, double x)
{
    if (is_nan(x) || is_nan(y)) return x + y;
    return (double)x87_atan2(y, x);
}

static double atan_impl(double x)
{
    if (is_nan(x)) return x;
    return (double)x87_atan2(x, 1);
}

static double asin_impl(double x)
{
    ldouble lx = x;

    if (is_nan(x)) return x;
    if (fabs(x) > 1) return domain_error(nan_ind());
    return (double)x87_atan2(lx, x87_sqrt((1 - lx) * (1 + lx)));
}

static double acos_impl(double x)
{
    ldouble lx = x;

    if (is_nan(x)) return x;
    if (fabs(x) > 1) return domain_error(nan_ind());
    return (double)x87_atan2(x87_sqrt((1 - lx) * (1 + lx)), lx);
}

/* pi/2 in three parts: the first two have 32 significant bits, so their
 * products with a quadrant count below 2^31 are exact in extended precision;
 * the third carries the next 64 bits. */
static const ldouble PIO2_1 = 0x1.921fb544p0L;
static const ldouble PIO2_2 = 0x1.0b4611a6p-34L;
static const ldouble PIO2_3 = 0x98cc51701b839a25p-132L;

/* x = n*pi/2 + r with |r| <= ~pi/4; answers n mod 4. */
static int reduce(double x, ldouble *r)
{
    ldouble n;

    if (__builtin_fabs(x) < 0.785398163397448309616L)
    {
        *r = x;
        return 0;
    }
    n = x87_round(x * 0.636619772367581343075535053490057448L);
    *r = (((ldouble)x - n * PIO2_1) - n * PIO2_2) - n * PIO2_3;
    return (int)((s64)n & 3);
}

static ldouble x87_sin(ldouble r)
{
    __asm__("fsin" : "+t"(r));
    return r;
}

static ldouble x87_cos(ldouble r)
{
    __asm__("fcos" : "+t"(r));
    return r;
}

/* Beyond 2^31 quadrants the three-part reduction is no longer exact; such
 * arguments go to the x87 directly, whose range ends at 2^63. */
#define REDUCE_LIMIT 0x1p31

static int trig_arg_ok(double x)
{
    if (is_inf(x))
    {
        domain_error(0);
        return 0;
    }
    return !is_nan(x);
}

static double sin_impl(double x)
{
    ldouble r;

    if (!trig_arg_ok(x)) return is_nan(x) ? x : nan_ind();
    if (__builtin_fabs(x) >= REDUCE_LIMIT) return (double)x87_sin(x);
    switch (reduce(x, &r))
    {
    case 0: return (double)x87_sin(r);
    case 1: return (double)x87_cos(r);
    case 2: return (double)-x87_sin(r);
    default: return (double)-x87_cos(r);
    }
}

static double cos_impl(double x)
{
    ldouble r;

    if (!trig_arg_ok(x)) return is_nan(x) ? x : nan_ind();
    if (__builtin_fabs(x) >= REDUCE_LIMIT) return (double)x87_cos(x);
    switch (reduce(x, &r))
    {
    case 0: return (double)x87_cos(r);
    case 1: return (double)-x87_sin(r);
    case 2: return (double)-x87_cos(r);
    default: return (double)x87_sin(r);
    }
}

static double tan_impl(double x)
{
    ldouble r, s, c;
    int q;

    if (!trig_arg_ok(x)) return is_nan(x) ? x : nan_ind();
    if (__builtin_fabs(x) >= REDUCE_LIMIT) return (double)(x87_sin(x) / x87_cos(x));
    q = reduce(x, &r);
    s = x87_sin(r);
    c = x87_cos(r);
    return (double)((q & 1) ? -c / s : s / c);
}

static double sinh_impl(double x)
{
    ldouble e;

    if (is_nan(x)) return x;
    if (__builtin_fabs(x) > 711) return range_error(_copysign(inf(), x));
    if (__builtin_fabs(x) < 1)
    {
        e = expm1_l(x);
        return (double)((e + e / (e + 1)) / 2);
    }
    e = exp_l(x);
    x = (double)((e - 1 / e) / 2);
    if (is_inf(x)) *_errno() = ERANGE;
    return x;
}

static double cosh_impl(double x)
{
    ldouble e;

    if (is_nan(x)) return x;
    if (__builtin_fabs(x) > 711) return range_error(inf());
    e = exp_l(__builtin_fabs(x));
    x = (double)((e + 1 / e) / 2);
    if (is_inf(x)) *_errno() = ERANGE;
    return x;
}

static double tanh_impl(double x)
{
    ldouble e;

    if (is_nan(x)) return x;
    if (__builtin_fabs(x) > 23) return _copysign(1, x);
    e = expm1_l(2 * (ldouble)x);
    return (double)(e / (e + 2));
}

static double _hypot_impl(double x, double y)
{
    ldouble a = x, b = y;

    if (is_inf(x) || is_inf(y)) return inf();
    if (is_nan(x) || is_nan(y)) return x + y;
    x = (double)x87_sqrt(a * a + b * b);
    if (is_inf(x)) *_errno() = ERANGE;
    return x;
}

double __cdecl _hypot(double x, double y);

float __cdecl _hypotf(float x, float y)
{
    return (float)_hypot(x, y);
}

struct complex_ { double x, y; };

double __cdecl _cabs(struct complex_ z)
{
    return _hypot(z.x, z.y);
}

double __cdecl _logb(double x)
{
    int e;

    if (is_nan(x)) return x;
    if (is_inf(x)) return inf();
    if (x == 0) return range_error(-inf());
    frexp(x, &e);
    return e - 1;
}

double __cdecl _scalb(double x, win_long e)
{
    return ldexp(x, e);
}

/* Windows starts x64 threads with the x87 precision control at 53 bits
 * (0x27f); the functions above need the full 64, so they run under it and
 * put the caller's control word back. */
static inline unsigned short x87_enter(void)
{
    unsigned short old, cw;

    __asm__ volatile("fnstcw %0" : "=m"(old));
    cw = old | 0x300;
    if (cw != old) __asm__ volatile("fldcw %0" : : "m"(cw));
    return old;
}

static inline void x87_leave(unsigned short old)
{
    __asm__ volatile("fldcw %0" : : "m"(old));
}

#define EXTENDED1(name) \
    double __cdecl name(double x) \
    { \
        unsigned short cw = x87_enter(); \
        double r = name##_impl(x); \
        x87_leave(cw); \
        return r; \
    }

#define EXTENDED2(name) \
    double __cdecl name(double a, double b) \
    { \
        unsigned short cw = x87_enter(); \
        double r = name##_impl(a, b); \
        x87_leave(cw); \
        return r; \
    }

EXTENDED1(exp)
EXTENDED1(log)
EXTENDED1(log10)
EXTENDED1(atan)
EXTENDED1(asin)
EXTENDED1(acos)
EXTENDED1(sin)
EXTENDED1(cos)
EXTENDED1(tan)
EXTENDED1(sinh)
EXTENDED1(cosh)
EXTENDED1(tanh)
EXTENDED2(pow)
EXTENDED2(atan2)
EXTENDED2(_hypot)
