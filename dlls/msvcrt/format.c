/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * printf core shared by every msvcrt printf-family function.
 *
 * One engine serves the narrow and wide families: `wide` says both what the
 * format string is made of and what the sink receives.  Output is staged in
 * a small buffer so the sink sees few, large writes.
 *
 * msvcrt.dll behaviours kept on purpose (they differ from C99):
 *  - exponents have at least three digits (1.000000e+000);
 *  - infinities and NaNs print as 1.#INF, 1.#QNAN, 1.#SNAN and -1.#IND (the
 *    negative default NaN), formatted as if "#INF" were fraction digits:
 *    padded with zeros to the precision, or cut and "rounded" by bumping the
 *    last character when the next one is >= '5' (%.2f of inf is "1.#J");
 *  - halfway decimal cases round away from zero (%.0f of 2.5 is "3"); every
 *    other result is the correctly rounded one, at any precision (the UCRT's
 *    standard rounding, FMT_TIES_EVEN, takes halfway cases to even);
 *  - %p is 16 upper-case hex digits ("0X" prefix with '#');
 *  - %a keeps 13 hex digits by default and may carry into the leading digit;
 *  - l is 32-bit; ll, I64, I, z, t, j are 64-bit; hh reads like h; F and N
 *    are accepted and ignored, so %F is not a conversion;
 *  - %S/%C take the other family's width, h and l/w force narrow and wide;
 *    a wide string char above 0xff (the "C" locale) fails the whole call in
 *    narrow output, a wide %C char above 0xff prints nothing;
 *  - the 0 flag also pads %s and %c with zeros;
 *  - %n stores the count: msvcrt.dll (unlike msvcr80+) never disabled it;
 *  - an unknown conversion character is printed as itself.
 * The UCRT keeps some of these only on request (FMT_* in format.h): by
 * default it prints inf, nan and -nan(ind), two-digit exponents, reads hh as
 * char, has %F, and its wide family takes %s as narrow like the narrow one.
 */
#include <stddef.h>
#include <stdarg.h>
#include "format.h"
#include "fpconv.h"

#define STAGE_SIZE 256

struct printer {
    struct fmt_sink *sink;
    int wide;
    unsigned int flags;         /* FMT_* */
    int failed;
    long long count;
    size_t used;
    int positional;             /* the format numbers its arguments (FMT_POSITIONAL and a %n$ in it) */
    va_list base;               /* the arguments as passed, where a position is looked up */
    union {
        char a[STAGE_SIZE];
        WCHAR w[STAGE_SIZE];
    } stage;
    va_list ap;
};

enum int_size { SZ_INT, SZ_SHORT, SZ_CHAR, SZ_64 };

struct spec {
    int left, plus, space, alt, zero;
    int width, prec;            /* prec < 0: none given */
    int pos, width_pos, prec_pos; /* argument numbers of %n$, *n$ and .*n$; 0 where none */
    int stars;                  /* 1: the width is a '*', 2: the precision is */
    enum int_size isize;
    char csize;                 /* 'h' narrow, 'l' wide, 0 default */
    unsigned int conv;
};

/* A formatted number: sign, prefix, then digit positions [int_from, int_to)
 * and [frac_from, frac_to) of d, with '0' outside [0, nd), then suffix. */
struct numbody {
    char sign;
    const char *prefix;
    const char *d;
    int nd;
    int int_from, int_to, point;
    long long frac_from, frac_to;
    const char *suffix;
};

static void flush(struct printer *p)
{
    if (p->used && !p->failed &&
        p->sink->write(p->sink, p->wide ? (const void *)p->stage.w : (const void *)p->stage.a, p->used))
        p->failed = 1;
    p->used = 0;
}

static void put(struct printer *p, unsigned int c)
{
    if (p->wide)
        p->stage.w[p->used++] = (WCHAR)c;
    else
        p->stage.a[p->used++] = (char)c;
    p->count++;
    if (p->used == STAGE_SIZE)
        flush(p);
}

static void put_repeat(struct printer *p, unsigned int c, long long n)
{
    while (n-- > 0 && !p->failed)
        put(p, c);
}

static void put_ascii(struct printer *p, const char *s)
{
    while (*s)
        put(p, (unsigned char)*s++);
}

static int ascii_len(const char *s)
{
    int n = 0;
    while (s[n])
        n++;
    return n;
}

static unsigned int fmt_char(const void *fmt, size_t i, int wide)
{
    return wide ? ((const WCHAR *)fmt)[i] : ((const unsigned char *)fmt)[i];
}

static void pad_front(struct printer *p, const struct spec *sp, long long len)
{
    if (!sp->left && !sp->zero)
        put_repeat(p, ' ', sp->width - len);
}

static void pad_zero(struct printer *p, const struct spec *sp, long long len)
{
    if (!sp->left && sp->zero)
        put_repeat(p, '0', sp->width - len);
}

static void pad_back(struct printer *p, const struct spec *sp, long long len)
{
    if (sp->left)
        put_repeat(p, ' ', sp->width - len);
}

static char sign_char(const struct spec *sp, int neg)
{
    return neg ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
}

static void put_numbody(struct printer *p, const struct spec *sp, const struct numbody *b)
{
    long long len = (b->sign ? 1 : 0) + ascii_len(b->prefix) + (b->int_to - b->int_from) + b->point +
                    ((long long)b->frac_to - b->frac_from) + ascii_len(b->suffix);
    long long i;

    pad_front(p, sp, len);
    if (b->sign)
        put(p, (unsigned char)b->sign);
    put_ascii(p, b->prefix);
    pad_zero(p, sp, len);
    for (i = b->int_from; i < b->int_to; i++)
        put(p, i >= 0 && i < b->nd ? (unsigned char)b->d[i] : '0');
    if (b->point)
        put(p, '.');
    for (i = b->frac_from; i < b->frac_to && !p->failed; i++)
        put(p, i >= 0 && i < b->nd ? (unsigned char)b->d[i] : '0');
    put_ascii(p, b->suffix);
    pad_back(p, sp, len);
}

static void format_integer(struct printer *p, const struct spec *sp, unsigned long long v, int neg)
{
    static const char lower_digits[] = "0123456789abcdef", upper_digits[] = "0123456789ABCDEF";
    const char *digits = sp->conv == 'X' ? upper_digits : lower_digits;
    unsigned int base = sp->conv == 'o' ? 8 : (sp->conv == 'x' || sp->conv == 'X') ? 16 : 10;
    char rev[24], buf[24];
    const char *prefix = "";
    int n = 0, i, min_digits;
    struct spec s = *sp;
    struct numbody b;

    if (s.prec >= 0)
        s.zero = 0;
    min_digits = s.prec < 0 ? 1 : s.prec;
    while (v) {
        rev[n++] = digits[v % base];
        v /= base;
    }
    for (i = 0; i < n; i++)
        buf[i] = rev[n - 1 - i];
    if (s.alt && base == 8 && min_digits <= n)
        min_digits = n + 1;
    if (s.alt && base == 16 && n)
        prefix = sp->conv == 'X' ? "0X" : "0x";
    if (min_digits < n)
        min_digits = n;

    b.sign = (sp->conv == 'd' || sp->conv == 'i') ? sign_char(sp, neg) : 0;
    b.prefix = prefix;
    b.d = buf;
    b.nd = n;
    b.int_from = n - min_digits;
    b.int_to = n;
    b.point = 0;
    b.frac_from = b.frac_to = 0;
    b.suffix = "";
    put_numbody(p, &s, &b);
}

static void format_exponent(char *out, char letter, int e, int min_digits)
{
    char rev[8];
    int n = 0;

    *out++ = letter;
    *out++ = e < 0 ? '-' : '+';
    if (e < 0)
        e = -e;
    do {
        rev[n++] = (char)('0' + e % 10);
        e /= 10;
    } while (e || n < min_digits);
    while (n)
        *out++ = rev[--n];
    *out = 0;
}

static unsigned long long float_bits(double v)
{
    union { double d; unsigned long long u; } x;
    x.d = v;
    return x.u;
}

/* The UCRT's C99 spelling: inf, nan, -nan(ind) for the default NaN, nan(snan); precision ignored. */
static void format_special_c99(struct printer *p, const struct spec *sp, unsigned long long bits)
{
    unsigned long long mant = bits & ((1ull << 52) - 1);
    int neg = (int)(bits >> 63);
    int upper = sp->conv == 'E' || sp->conv == 'F' || sp->conv == 'G' || sp->conv == 'A';
    const char *text;
    struct numbody b;
    struct spec s = *sp;

    if (!mant)
        text = upper ? "INF" : "inf";
    else if (!(mant >> 51))
        text = upper ? "NAN(SNAN)" : "nan(snan)";
    else if (neg && mant == 1ull << 51)
        text = upper ? "NAN(IND)" : "nan(ind)";
    else
        text = upper ? "NAN" : "nan";
    s.zero = 0;
    b.sign = sign_char(sp, neg);
    b.prefix = text;
    b.d = "";
    b.nd = 0;
    b.int_from = b.int_to = 0;
    b.point = 0;
    b.frac_from = b.frac_to = 0;
    b.suffix = "";
    put_numbody(p, &s, &b);
}

static void format_special(struct printer *p, const struct spec *sp, unsigned long long bits)
{
    unsigned long long mant = bits & ((1ull << 52) - 1);
    int neg = (int)(bits >> 63), upper = sp->conv == 'E' || sp->conv == 'G' || sp->conv == 'A';
    unsigned int conv = sp->conv | 0x20;
    const char *text;
    char d[8];
    int len, frac, n, i;
    struct numbody b;

    if (!mant)
        text = "1#INF";
    else if (!(mant >> 51))
        text = "1#SNAN";
    else if (neg && mant == 1ull << 51)
        text = "1#IND";
    else
        text = "1#QNAN";
    len = ascii_len(text);

    if (conv == 'a')
        frac = sp->prec < 0 ? 13 : sp->prec;
    else if (conv == 'g')
        frac = (sp->prec < 0 ? 6 : sp->prec ? sp->prec : 1) - 1;
    else
        frac = sp->prec < 0 ? 6 : sp->prec;

    n = frac + 1 < len ? frac + 1 : len;
    for (i = 0; i < n; i++)
        d[i] = text[i];
    if (n < len && text[n] >= '5')
        d[n - 1]++;
    if (conv == 'g' && !sp->alt) {
        frac = n - 1;
        while (frac && d[frac] == '0')
            frac--;
    }

    b.sign = sign_char(sp, neg);
    b.prefix = conv == 'a' ? (upper ? "0X" : "0x") : "";
    b.d = d;
    b.nd = n;
    b.int_from = 0;
    b.int_to = 1;
    b.point = frac > 0 || sp->alt;
    b.frac_from = 1;
    b.frac_to = 1 + (long long)frac;
    b.suffix = conv == 'e' ? (upper ? "E+000" : "e+000") : conv == 'a' ? (upper ? "P+0" : "p+0") : "";
    put_numbody(p, sp, &b);
}

static void format_hex_float(struct printer *p, const struct spec *sp, unsigned long long bits)
{
    const char *digits = sp->conv == 'A' ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned long long frac = bits & ((1ull << 52) - 1);
    int biased = (int)((bits >> 52) & 0x7ff), prec = sp->prec < 0 ? 13 : sp->prec, lead, exp, n, i;
    char d[16], suffix[16], rev[8];
    struct numbody b;

    lead = biased ? 1 : 0;
    exp = !biased && !frac ? 0 : biased ? biased - 1023 : -1022;
    if (prec < 13) {
        int shift = 4 * (13 - prec);
        unsigned long long rem = frac & ((1ull << shift) - 1);
        frac >>= shift;
        if (rem >= 1ull << (shift - 1))
            frac++;
        if (frac >> (4 * prec)) {
            lead++;
            frac &= (1ull << (4 * prec)) - 1;
        }
    }
    n = prec < 13 ? prec : 13;
    d[0] = digits[lead];
    for (i = n; i >= 1; i--) {
        d[i] = digits[frac & 15];
        frac >>= 4;
    }

    suffix[0] = sp->conv == 'A' ? 'P' : 'p';
    suffix[1] = exp < 0 ? '-' : '+';
    if (exp < 0)
        exp = -exp;
    n = 0;
    do {
        rev[n++] = (char)('0' + exp % 10);
        exp /= 10;
    } while (exp);
    for (i = 0; i < n; i++)
        suffix[2 + i] = rev[n - 1 - i];
    suffix[2 + n] = 0;

    b.sign = sign_char(sp, (int)(bits >> 63));
    b.prefix = sp->conv == 'A' ? "0X" : "0x";
    b.d = d;
    b.nd = 1 + (prec < 13 ? prec : 13);
    b.int_from = 0;
    b.int_to = 1;
    b.point = prec > 0 || sp->alt;
    b.frac_from = 1;
    b.frac_to = 1 + (long long)prec;
    b.suffix = suffix;
    put_numbody(p, sp, &b);
}

static void format_float(struct printer *p, const struct spec *sp, double v)
{
    unsigned long long bits = float_bits(v);
    unsigned int conv = sp->conv | 0x20;
    char d[FP_MAX_DIGITS], suffix[16];
    int nd, pt, prec, e_style, frac, even = !!(p->flags & FMT_TIES_EVEN);
    struct numbody b;

    if (((bits >> 52) & 0x7ff) == 0x7ff) {
        if (p->flags & FMT_LEGACY_SPECIALS)
            format_special(p, sp, bits);
        else
            format_special_c99(p, sp, bits);
        return;
    }
    if (conv == 'a') {
        format_hex_float(p, sp, bits);
        return;
    }
    nd = fp_exact_digits(v, d, &pt);
    suffix[0] = 0;

    if (conv == 'f') {
        prec = sp->prec < 0 ? 6 : sp->prec;
        fp_round_digits(d, &nd, &pt, pt + (prec < 2 * FP_MAX_DIGITS ? prec : 2 * FP_MAX_DIGITS), even);
        e_style = 0;
        frac = prec;
    } else if (conv == 'e') {
        prec = sp->prec < 0 ? 6 : sp->prec;
        fp_round_digits(d, &nd, &pt, prec < FP_MAX_DIGITS ? prec + 1 : FP_MAX_DIGITS, even);
        e_style = 1;
        frac = prec;
    } else {
        int x;
        prec = sp->prec < 0 ? 6 : sp->prec ? sp->prec : 1;
        fp_round_digits(d, &nd, &pt, prec < FP_MAX_DIGITS ? prec : FP_MAX_DIGITS, even);
        x = nd ? pt - 1 : 0;
        e_style = x < -4 || x >= prec;
        frac = e_style ? prec - 1 : prec - 1 - x;
        if (!sp->alt) {
            int significant = e_style ? nd - 1 : nd - pt;
            if (significant < 0)
                significant = 0;
            if (frac > significant)
                frac = significant;
        }
    }

    b.sign = sign_char(sp, (int)(bits >> 63));
    b.prefix = "";
    b.d = d;
    b.nd = nd;
    if (e_style) {
        format_exponent(suffix, sp->conv == 'E' || sp->conv == 'G' ? 'E' : 'e', nd ? pt - 1 : 0,
                        p->flags & FMT_THREE_DIGIT_EXP ? 3 : 2);
        b.int_from = 0;
        b.int_to = 1;
        b.frac_from = 1;
    } else {
        if (!nd)
            pt = 1;
        b.int_from = pt > 0 ? 0 : pt - 1;
        b.int_to = pt > 0 ? pt : pt - 1 + 1;
        b.frac_from = pt;
    }
    b.frac_to = b.frac_from + (long long)frac;
    b.point = frac > 0 || sp->alt;
    b.suffix = suffix;
    put_numbody(p, sp, &b);
}

/* A run of characters from a narrow or wide string argument. */
static void format_string(struct printer *p, const struct spec *sp, const void *str, int arg_wide, long long len)
{
    long long i;

    if (!str) {
        str = "(null)";
        arg_wide = 0;
        len = -1;
    }
    if (len < 0) {
        len = 0;
        while ((sp->prec < 0 || len < sp->prec) &&
               (arg_wide ? ((const WCHAR *)str)[len] : ((const char *)str)[len]))
            len++;
    } else if (sp->prec >= 0 && len > sp->prec) {
        len = sp->prec;
    }

    if (!sp->left)
        put_repeat(p, sp->zero ? '0' : ' ', sp->width - len);
    for (i = 0; i < len && !p->failed; i++) {
        unsigned int c = arg_wide ? ((const WCHAR *)str)[i] : ((const unsigned char *)str)[i];
        if (!p->wide && c > 0xff) {
            flush(p);
            p->failed = 1;
            return;
        }
        put(p, c);
    }
    pad_back(p, sp, len);
}

static int arg_is_wide(const struct printer *p, const struct spec *sp)
{
    if (sp->csize)
        return sp->csize == 'l';
    if (!(p->flags & FMT_LEGACY_WIDE))
        return sp->conv == 'S' || sp->conv == 'C';
    return (sp->conv == 'S' || sp->conv == 'C') ? !p->wide : p->wide;
}

static void format_char(struct printer *p, const struct spec *sp)
{
    int wide_arg = arg_is_wide(p, sp);
    unsigned int c = (unsigned int)va_arg(p->ap, int);
    WCHAR w = (WCHAR)c;
    char a = (char)c;

    if (wide_arg && !p->wide && w > 0xff)
        return;
    format_string(p, sp, wide_arg ? (const void *)&w : (const void *)&a, wide_arg, 1);
}

/* %Z: a counted ANSI_STRING or UNICODE_STRING. */
static void format_counted(struct printer *p, const struct spec *sp)
{
    const struct { USHORT Length, MaximumLength; void *Buffer; } *s = va_arg(p->ap, void *);
    int wide_arg = sp->csize == 'l';

    if (!s || !s->Buffer) {
        format_string(p, sp, NULL, 0, -1);
        return;
    }
    format_string(p, sp, s->Buffer, wide_arg, wide_arg ? s->Length / 2 : s->Length);
}

static void format_pointer(struct printer *p, const struct spec *sp)
{
    unsigned long long v = (unsigned long long)(size_t)va_arg(p->ap, void *);
    char d[16];
    int i;
    struct numbody b;
    struct spec s = *sp;

    for (i = 15; i >= 0; i--) {
        d[i] = "0123456789ABCDEF"[v & 15];
        v >>= 4;
    }
    s.zero = 0;
    b.sign = 0;
    b.prefix = sp->alt ? "0X" : "";
    b.d = d;
    b.nd = 16;
    b.int_from = 0;
    b.int_to = 16;
    b.point = 0;
    b.frac_from = b.frac_to = 0;
    b.suffix = "";
    put_numbody(p, &s, &b);
}

static void store_count(struct printer *p, const struct spec *sp)
{
    void *dst = va_arg(p->ap, void *);

    if (sp->isize == SZ_64)
        *(long long *)dst = p->count;
    else if (sp->isize == SZ_SHORT)
        *(short *)dst = (short)p->count;
    else if (sp->isize == SZ_CHAR)
        *(signed char *)dst = (signed char)p->count;
    else
        *(int *)dst = (int)p->count;
}

static void format_int_arg(struct printer *p, const struct spec *sp)
{
    int is_signed = sp->conv == 'd' || sp->conv == 'i';
    unsigned long long u;
    int neg = 0;

    if (sp->isize == SZ_64) {
        u = va_arg(p->ap, unsigned long long);
    } else {
        unsigned int v = va_arg(p->ap, unsigned int);
        if (sp->isize == SZ_SHORT)
            u = is_signed ? (unsigned long long)(long long)(short)v : (unsigned short)v;
        else if (sp->isize == SZ_CHAR)
            u = is_signed ? (unsigned long long)(long long)(signed char)v : (unsigned char)v;
        else
            u = is_signed ? (unsigned long long)(long long)(int)v : v;
    }
    if (is_signed && (long long)u < 0) {
        neg = 1;
        u = 0 - u;
    }
    format_integer(p, sp, u, neg);
}

/* Positions the arguments at number n (from 1) of a positional call.  Win64 passes every
 * variadic argument in one 8-byte slot whatever its type, so n - 1 slots are skipped. */
static void seek_arg(struct printer *p, int n)
{
    va_end(p->ap);
    va_copy(p->ap, p->base);
    while (--n > 0)
        (void)va_arg(p->ap, unsigned long long);
}

static size_t parse_number(const void *fmt, size_t i, int wide, int *out)
{
    unsigned int c;
    int v = 0;

    while ((c = fmt_char(fmt, i, wide)) >= '0' && c <= '9') {
        if (v < 100000000)
            v = v * 10 + (int)(c - '0');
        i++;
    }
    *out = v;
    return i;
}

/* "n$" at i, with FMT_POSITIONAL: its n, and i moves past it; else 0 */
static int parse_position(const struct printer *p, const void *fmt, size_t *i)
{
    size_t j;
    int n;

    if (!(p->flags & FMT_POSITIONAL))
        return 0;
    j = parse_number(fmt, *i, p->wide, &n);
    if (j == *i || fmt_char(fmt, j, p->wide) != '$')
        return 0;
    *i = j + 1;
    return n ? n : -1;
}

/* Parses the part after '%'; returns the index just past the conversion.  The arguments a '*'
 * takes are read unless dry (the positional check reads none). */
static size_t parse_spec(struct printer *p, const void *fmt, size_t i, struct spec *sp, int dry)
{
    int wide = p->wide;
    unsigned int c;

    sp->pos = parse_position(p, fmt, &i);
    sp->width_pos = sp->prec_pos = 0;
    sp->stars = 0;

    sp->left = sp->plus = sp->space = sp->alt = sp->zero = 0;
    sp->width = 0;
    sp->prec = -1;
    sp->isize = SZ_INT;
    sp->csize = 0;

    for (;; i++) {
        c = fmt_char(fmt, i, wide);
        if (c == '-')
            sp->left = 1;
        else if (c == '+')
            sp->plus = 1;
        else if (c == ' ')
            sp->space = 1;
        else if (c == '#')
            sp->alt = 1;
        else if (c == '0')
            sp->zero = 1;
        else
            break;
    }
    if (fmt_char(fmt, i, wide) == '*') {
        i++;
        sp->stars |= 1;
        sp->width_pos = parse_position(p, fmt, &i);
        if (p->positional)
            seek_arg(p, sp->width_pos);
        sp->width = dry ? 0 : va_arg(p->ap, int);
        if (sp->width < 0) {
            sp->left = 1;
            sp->width = sp->width == -2147483647 - 1 ? 2147483647 : -sp->width;
        }
    } else {
        i = parse_number(fmt, i, wide, &sp->width);
    }
    if (fmt_char(fmt, i, wide) == '.') {
        i++;
        if (fmt_char(fmt, i, wide) == '*') {
            i++;
            sp->stars |= 2;
            sp->prec_pos = parse_position(p, fmt, &i);
            if (p->positional)
                seek_arg(p, sp->prec_pos);
            sp->prec = dry ? 0 : va_arg(p->ap, int);
            if (sp->prec < 0)
                sp->prec = -1;
            else if (sp->prec > 100000000)
                sp->prec = 100000000;
        } else {
            i = parse_number(fmt, i, wide, &sp->prec);
        }
    }

    for (;;) {
        c = fmt_char(fmt, i, wide);
        if (c == 'h') {
            if (fmt_char(fmt, i + 1, wide) == 'h' && !(p->flags & FMT_LEGACY_SIZES)) {
                sp->isize = SZ_CHAR;
                i++;
            } else {
                sp->isize = SZ_SHORT;
            }
            sp->csize = 'h';
            i++;
        } else if (c == 'l') {
            if (fmt_char(fmt, i + 1, wide) == 'l') {
                sp->isize = SZ_64;
                i += 2;
            } else {
                sp->csize = 'l';
                i++;
            }
        } else if (c == 'w') {
            sp->csize = 'l';
            i++;
        } else if (c == 'I') {
            if (fmt_char(fmt, i + 1, wide) == '6' && fmt_char(fmt, i + 2, wide) == '4') {
                sp->isize = SZ_64;
                i += 3;
            } else if (fmt_char(fmt, i + 1, wide) == '3' && fmt_char(fmt, i + 2, wide) == '2') {
                sp->isize = SZ_INT;
                i += 3;
            } else {
                sp->isize = sizeof(void *) == 8 ? SZ_64 : SZ_INT;
                i++;
            }
        } else if (c == 'z' || c == 't') {
            sp->isize = sizeof(size_t) == 8 ? SZ_64 : SZ_INT;
            i++;
        } else if (c == 'j') {
            sp->isize = SZ_64;
            i++;
        } else if (c == 'L' || c == 'N' || (c == 'F' && (p->flags & FMT_LEGACY_SIZES))) {
            i++;
        } else {
            break;
        }
    }
    sp->conv = fmt_char(fmt, i, wide);
    return sp->conv ? i + 1 : i;
}

static int takes_arg(unsigned int conv)
{
    switch (conv) {
    case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
    case 'c': case 'C': case 's': case 'S': case 'Z': case 'p': case 'n':
        return 1;
    default:
        return 0;
    }
}

/* A positional call's format, read once before anything is printed: 0 when it numbers no
 * argument (it is then read in order), 1 when it numbers them all -- each at most FMT_ARGMAX, and
 * every one up to the highest used at least once -- else FMT_POSITION_REFUSED. */
static int check_positions(struct printer *p, const void *fmt)
{
    unsigned char used[FMT_ARGMAX + 1] = { 0 };
    int numbered = 0, unnumbered = 0, top = 0, n, k;
    struct spec sp;
    size_t i = 0;
    unsigned int c;

    while ((c = fmt_char(fmt, i, p->wide))) {
        i++;
        if (c != '%')
            continue;
        if (fmt_char(fmt, i, p->wide) == '%') {
            i++;
            continue;
        }
        i = parse_spec(p, fmt, i, &sp, 1);
        int nums[3] = { sp.pos, sp.width_pos, sp.prec_pos };
        int wants[3] = { takes_arg(sp.conv), sp.stars & 1, sp.stars & 2 };
        for (k = 0; k < 3; k++) {
            n = nums[k];
            if (n < 0 || n > FMT_ARGMAX)
                return FMT_POSITION_REFUSED;
            if (n) {
                numbered = 1;
                used[n] = 1;
                if (n > top)
                    top = n;
            } else if (wants[k]) {
                unnumbered = 1;
            }
        }
        if (!sp.conv)
            break;
    }
    if (!numbered)
        return 0;
    if (unnumbered)
        return FMT_POSITION_REFUSED;
    for (n = 1; n <= top; n++)
        if (!used[n])
            return FMT_POSITION_REFUSED;
    return 1;
}

int fmt_vprintf_opt(struct fmt_sink *sink, const void *fmt, int wide, unsigned int flags, va_list ap)
{
    struct printer p;
    struct spec sp;
    size_t i = 0;
    unsigned int c;

    if (!fmt)
        return -1;
    p.sink = sink;
    p.wide = wide;
    p.flags = flags;
    p.failed = 0;
    p.count = 0;
    p.used = 0;
    p.positional = 0;
    va_copy(p.ap, ap);
    va_copy(p.base, ap);
    if (flags & FMT_POSITIONAL) {
        int r = check_positions(&p, fmt);
        if (r < 0) {
            va_end(p.ap);
            va_end(p.base);
            return r;
        }
        p.positional = r;
    }

    while (!p.failed && (c = fmt_char(fmt, i, wide))) {
        i++;
        if (c != '%') {
            put(&p, c);
            continue;
        }
        if (fmt_char(fmt, i, wide) == '%') {
            put(&p, '%');
            i++;
            continue;
        }
        i = parse_spec(&p, fmt, i, &sp, 0);
        if (p.positional && takes_arg(sp.conv))
            seek_arg(&p, sp.pos);
        switch (sp.conv) {
        case 0:
            break;
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
            format_int_arg(&p, &sp);
            break;
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
            format_float(&p, &sp, va_arg(p.ap, double));
            break;
        case 'c': case 'C':
            format_char(&p, &sp);
            break;
        case 's': case 'S':
            {
                const void *str = va_arg(p.ap, const void *);
                format_string(&p, &sp, str, arg_is_wide(&p, &sp), -1);
            }
            break;
        case 'Z':
            format_counted(&p, &sp);
            break;
        case 'p':
            format_pointer(&p, &sp);
            break;
        case 'n':
            if (p.flags & FMT_NO_COUNT) {
                va_end(p.ap);
                va_end(p.base);
                return FMT_COUNT_REFUSED;
            }
            store_count(&p, &sp);
            break;
        default:
            put(&p, sp.conv);
            break;
        }
    }
    va_end(p.ap);
    va_end(p.base);
    flush(&p);
    if (p.failed || p.count > 2147483647)
        return -1;
    return (int)p.count;
}

int fmt_vprintf_a(struct fmt_sink *sink, const char *fmt, va_list ap)
{
    return fmt_vprintf_opt(sink, fmt, 0, FMT_MSVCRT, ap);
}

int fmt_vprintf_w(struct fmt_sink *sink, const WCHAR *fmt, va_list ap)
{
    return fmt_vprintf_opt(sink, fmt, 1, FMT_MSVCRT, ap);
}
