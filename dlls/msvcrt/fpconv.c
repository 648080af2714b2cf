/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Exact decimal <-> binary conversion for the msvcrt formatter.
 *
 * Both directions use plain big-integer arithmetic so that every result is
 * the correctly rounded one: printf digits come from the exact expansion
 * m * 2^e = (m * 5^-e) / 10^-e, and strtod divides two exact integers to get
 * 67 quotient bits plus a sticky remainder bit before rounding to 53 bits.
 */
#include <stddef.h>
#include <stdarg.h>
#include "format.h"
#include "fpconv.h"

typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned __int128 u128;

/* 10^1131 (the largest divisor strtod needs) plus shifting room. */
#define BIG_LIMBS 200

struct big {
    int n;                  /* limbs in use; w[n-1] != 0 unless n == 0 */
    u32 w[BIG_LIMBS];
};

static void big_set(struct big *b, u64 v)
{
    b->n = 0;
    while (v) {
        b->w[b->n++] = (u32)v;
        v >>= 32;
    }
}

static void big_mul_add(struct big *b, u32 m, u32 add)
{
    u64 carry = add;
    int i;

    for (i = 0; i < b->n; i++) {
        u64 t = (u64)b->w[i] * m + carry;
        b->w[i] = (u32)t;
        carry = t >> 32;
    }
    if (carry)
        b->w[b->n++] = (u32)carry;
}

static void big_mul_pow(struct big *b, u32 base, int exp)
{
    /* 5^13 and 10^9 are the largest powers that fit in one limb. */
    u32 step = base == 5 ? 1220703125u : 1000000000u;
    int chunk = base == 5 ? 13 : 9;

    while (exp >= chunk) {
        big_mul_add(b, step, 0);
        exp -= chunk;
    }
    if (exp) {
        u32 m = 1;
        while (exp--)
            m *= base;
        big_mul_add(b, m, 0);
    }
}

/* Divides in place, returning the remainder. */
static u32 big_div_small(struct big *b, u32 d)
{
    u64 rem = 0;
    int i;

    for (i = b->n - 1; i >= 0; i--) {
        u64 cur = (rem << 32) | b->w[i];
        b->w[i] = (u32)(cur / d);
        rem = cur % d;
    }
    while (b->n && !b->w[b->n - 1])
        b->n--;
    return (u32)rem;
}

static int big_bitlen(const struct big *b)
{
    if (!b->n)
        return 0;
    return (b->n - 1) * 32 + (32 - __builtin_clz(b->w[b->n - 1]));
}

static void big_shl(struct big *b, int bits)
{
    int words = bits / 32, sh = bits % 32, i;

    if (!b->n || !bits)
        return;
    b->w[b->n] = 0;
    if (sh) {
        for (i = b->n; i > 0; i--)
            b->w[i] = (b->w[i] << sh) | (b->w[i - 1] >> (32 - sh));
        b->w[0] <<= sh;
    }
    b->n += 1;
    if (words) {
        for (i = b->n - 1; i >= 0; i--)
            b->w[i + words] = b->w[i];
        for (i = 0; i < words; i++)
            b->w[i] = 0;
        b->n += words;
    }
    while (b->n && !b->w[b->n - 1])
        b->n--;
}

static void big_shr1(struct big *b)
{
    int i;

    for (i = 0; i < b->n; i++)
        b->w[i] = (b->w[i] >> 1) | (i + 1 < b->n ? b->w[i + 1] << 31 : 0);
    while (b->n && !b->w[b->n - 1])
        b->n--;
}

static int big_cmp(const struct big *a, const struct big *b)
{
    int i;

    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

/* a -= b, with a >= b. */
static void big_sub(struct big *a, const struct big *b)
{
    u64 borrow = 0;
    int i;

    for (i = 0; i < a->n; i++) {
        u64 t = (u64)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
        a->w[i] = (u32)t;
        borrow = (t >> 32) & 1;
    }
    while (a->n && !a->w[a->n - 1])
        a->n--;
}

static u64 double_bits(double v)
{
    union { double d; u64 u; } x;
    x.d = v;
    return x.u;
}

static double bits_double(u64 u)
{
    union { double d; u64 u; } x;
    x.u = u;
    return x.d;
}

int fp_exact_digits(double v, char *digits, int *point)
{
    u64 bits = double_bits(v), m = bits & ((1ull << 52) - 1);
    int e = (int)((bits >> 52) & 0x7ff), n = 0, i;
    char tmp[FP_MAX_DIGITS + 9];
    struct big b;

    if (e)
        m |= 1ull << 52;
    else
        e = 1;
    e -= 1075;
    if (!m) {
        *point = 0;
        return 0;
    }
    big_set(&b, m);
    if (e >= 0)
        big_shl(&b, e);
    else
        big_mul_pow(&b, 5, -e);

    /* Nine digits at a time, least significant chunk first. */
    while (b.n) {
        u32 chunk = big_div_small(&b, 1000000000u);
        for (i = 0; i < 9; i++) {
            tmp[n++] = (char)('0' + chunk % 10);
            chunk /= 10;
        }
    }
    while (n && tmp[n - 1] == '0')
        n--;
    *point = n + (e < 0 ? e : 0);
    for (i = 0; i < n; i++)
        digits[i] = tmp[n - 1 - i];
    while (n && digits[n - 1] == '0')
        n--;
    return n;
}

void fp_round_digits(char *digits, int *ndigits, int *point, int keep, int ties_even)
{
    int i, tie_to_even;

    if (keep >= *ndigits)
        return;
    if (keep < 0) {
        *ndigits = 0;
        return;
    }
    tie_to_even = ties_even && digits[keep] == '5' && keep + 1 == *ndigits &&
                  (keep == 0 || (digits[keep - 1] - '0') % 2 == 0);
    if (digits[keep] < '5' || tie_to_even) {
        *ndigits = keep;
        while (*ndigits && digits[*ndigits - 1] == '0')
            (*ndigits)--;
        return;
    }
    for (i = keep - 1; i >= 0; i--) {
        if (digits[i] != '9') {
            digits[i]++;
            *ndigits = i + 1;
            return;
        }
    }
    digits[0] = '1';
    *ndigits = 1;
    (*point)++;
}

/* Rounds q * 2^e (plus a sticky bit for anything below q) to a double,
 * halfway cases to even. */
static double make_double(u128 q, int e, int sticky, int neg, int *range_error)
{
    u64 sign = neg ? 1ull << 63 : 0, mant;
    int qb, e2, keep, drop;

    if (!q)
        return bits_double(sign);
    qb = 128 - (q >> 64 ? __builtin_clzll((u64)(q >> 64)) : 64 + __builtin_clzll((u64)q));
    e2 = qb - 1 + e;
    if (e2 > 1023)
        goto overflow;
    keep = e2 + 1075 < 53 ? e2 + 1075 : 53;
    if (keep < 0) {
        *range_error = 1;
        return bits_double(sign);
    }
    drop = qb - keep;
    if (drop <= 0) {
        mant = (u64)(q << -drop);
    } else {
        u128 rem = q & (((u128)1 << drop) - 1), half = (u128)1 << (drop - 1);
        mant = (u64)(q >> drop);
        if (rem > half || (rem == half && (sticky || (mant & 1))))
            mant++;
    }
    if (keep == 53) {
        if (mant >> 53) {
            mant >>= 1;
            e2++;
            if (e2 > 1023)
                goto overflow;
        }
        return bits_double(sign | ((u64)(e2 + 1023) << 52) | (mant & ((1ull << 52) - 1)));
    }
    /* Subnormal: a carry into bit 52 lands in the exponent field as it should. */
    *range_error = 1;
    return bits_double(sign | mant);

overflow:
    *range_error = 1;
    return bits_double(sign | (0x7ffull << 52));
}

static double fp_from_decimal(const char *digits, int ndigits, int point, int sticky, int neg, int *range_error)
{
    struct big num, den, sub;
    u128 q = 0;
    int exp10, shift, i;

    while (ndigits && digits[0] == '0') {
        digits++;
        ndigits--;
        point--;
    }
    while (ndigits && digits[ndigits - 1] == '0')
        ndigits--;
    if (!ndigits)
        return bits_double(neg ? 1ull << 63 : 0);
    if (point > 310)
        return make_double(1, 2000, 0, neg, range_error);
    if (point < -330) {
        *range_error = 1;
        return bits_double(neg ? 1ull << 63 : 0);
    }
    /* Digits past any halfway point (at most 768 significant) only matter
     * as a sticky "nonzero" marker. */
    if (ndigits > FP_MAX_DIGITS) {
        for (i = FP_MAX_DIGITS; i < ndigits; i++)
            if (digits[i] != '0')
                sticky = 1;
        ndigits = FP_MAX_DIGITS;
    }

    big_set(&num, 0);
    for (i = 0; i < ndigits; i++)
        big_mul_add(&num, 10, (u32)(digits[i] - '0'));
    if (sticky)
        big_mul_add(&num, 10, 1);
    exp10 = point - ndigits - (sticky ? 1 : 0);
    big_set(&den, 1);
    if (exp10 >= 0)
        big_mul_pow(&num, 10, exp10);
    else
        big_mul_pow(&den, 10, -exp10);

    /* Scale so the quotient has 66 or 67 bits. */
    shift = 66 - (big_bitlen(&num) - big_bitlen(&den));
    if (shift > 0)
        big_shl(&num, shift);
    else
        big_shl(&den, -shift);
    sub = den;
    big_shl(&sub, 67);
    for (i = 67; i >= 0; i--) {
        q <<= 1;
        if (big_cmp(&num, &sub) >= 0) {
            big_sub(&num, &sub);
            q |= 1;
        }
        big_shr1(&sub);
    }
    return make_double(q, -shift, num.n != 0, neg, range_error);
}

static unsigned int src_char(const void *s, size_t i, int wide)
{
    return wide ? ((const WCHAR *)s)[i] : ((const unsigned char *)s)[i];
}

static unsigned int lower(unsigned int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int match_word(const void *s, size_t i, int wide, const char *word)
{
    size_t k;

    for (k = 0; word[k]; k++)
        if (lower(src_char(s, i + k, wide)) != (unsigned char)word[k])
            return 0;
    return 1;
}

static int hex_value(unsigned int c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    c = lower(c);
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    return -1;
}

/* Hexadecimal significand after "0x"; *pos is just past the prefix. */
static double parse_hex(const void *s, size_t *pos, int wide, int neg, int *range_error)
{
    size_t i = *pos;
    u64 mant = 0;
    int exp2 = 0, sticky = 0, any = 0, seen_point = 0, d;

    for (;; i++) {
        unsigned int c = src_char(s, i, wide);
        if (c == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        if ((d = hex_value(c)) < 0)
            break;
        any = 1;
        if (mant >> 60) {
            if (d)
                sticky = 1;
            if (!seen_point)
                exp2 += 4;
        } else {
            mant = (mant << 4) | (u64)d;
            if (seen_point)
                exp2 -= 4;
        }
    }
    if (!any)
        return bits_double(neg ? 1ull << 63 : 0);
    *pos = i;
    if (lower(src_char(s, i, wide)) == 'p') {
        size_t j = i + 1;
        int eneg = 0, ev = 0, edig = 0;
        unsigned int c = src_char(s, j, wide);
        if (c == '+' || c == '-') {
            eneg = c == '-';
            c = src_char(s, ++j, wide);
        }
        while (c >= '0' && c <= '9') {
            if (ev < 100000)
                ev = ev * 10 + (int)(c - '0');
            edig = 1;
            c = src_char(s, ++j, wide);
        }
        if (edig) {
            exp2 += eneg ? -ev : ev;
            *pos = j;
        }
    }
    return make_double(mant, exp2, sticky, neg, range_error);
}

static double strtod_any(const void *s, size_t *end, int wide, int *range_error)
{
    char digits[FP_MAX_DIGITS];
    size_t i = 0;
    int neg = 0, nd = 0, point = 0, sticky = 0, any = 0, seen_point = 0;
    unsigned int c;

    *range_error = 0;
    *end = 0;
    while ((c = src_char(s, i, wide)) == ' ' || (c >= '\t' && c <= '\r'))
        i++;
    if (c == '+' || c == '-') {
        neg = c == '-';
        i++;
    }
    if (match_word(s, i, wide, "inf")) {
        *end = i + (match_word(s, i, wide, "infinity") ? 8 : 3);
        return bits_double((neg ? 1ull << 63 : 0) | (0x7ffull << 52));
    }
    if (match_word(s, i, wide, "nan")) {
        i += 3;
        if (src_char(s, i, wide) == '(') {
            size_t j = i + 1;
            while ((c = src_char(s, j, wide)) == '_' || (c >= '0' && c <= '9') ||
                   (lower(c) >= 'a' && lower(c) <= 'z'))
                j++;
            if (c == ')')
                i = j + 1;
        }
        *end = i;
        return bits_double((neg ? 1ull << 63 : 0) | (0xfffull << 51));
    }
    if (src_char(s, i, wide) == '0' && lower(src_char(s, i + 1, wide)) == 'x') {
        size_t pos = i + 2;
        double r = parse_hex(s, &pos, wide, neg, range_error);
        *end = pos == i + 2 ? i + 1 : pos;
        return r;
    }
    for (;; i++) {
        c = src_char(s, i, wide);
        if (c == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        if (c < '0' || c > '9')
            break;
        any = 1;
        if (c == '0' && !nd) {
            if (seen_point)
                point--;
            continue;
        }
        if (nd < FP_MAX_DIGITS)
            digits[nd++] = (char)c;
        else if (c != '0')
            sticky = 1;
        if (!seen_point)
            point++;
    }
    if (!any)
        return 0.0;
    *end = i;
    if (lower(c) == 'e') {
        size_t j = i + 1;
        int eneg = 0, ev = 0, edig = 0;
        c = src_char(s, j, wide);
        if (c == '+' || c == '-') {
            eneg = c == '-';
            c = src_char(s, ++j, wide);
        }
        while (c >= '0' && c <= '9') {
            if (ev < 100000)
                ev = ev * 10 + (int)(c - '0');
            edig = 1;
            c = src_char(s, ++j, wide);
        }
        if (edig) {
            point += eneg ? -ev : ev;
            *end = j;
        }
    }
    return fp_from_decimal(digits, nd, point, sticky, neg, range_error);
}

double fmt_strtod_a(const char *s, char **end, int *range_error)
{
    size_t n;
    int err;
    double r = strtod_any(s, &n, 0, &err);

    if (end)
        *end = (char *)s + n;
    if (range_error)
        *range_error = err;
    return r;
}

double fmt_strtod_w(const WCHAR *s, WCHAR **end, int *range_error)
{
    size_t n;
    int err;
    double r = strtod_any(s, &n, 1, &err);

    if (end)
        *end = (WCHAR *)s + n;
    if (range_error)
        *range_error = err;
    return r;
}
