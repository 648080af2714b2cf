/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * scanf core shared by every msvcrt scanf-family function.
 *
 * The source gives one character of push-back, as a FILE does, so a failed
 * match consumes what it read except the last character (scanning "1e+x"
 * with %f uses "1" and loses "e+").  Behaviour follows msvcrt.dll:
 *  - integers wrap on overflow instead of saturating;
 *  - l is 32-bit for integers and means double for floats; ll, I64, I, z, t,
 *    j are 64-bit; L means double (msvcrt's long double); hh stores a char;
 *  - %S/%C and the h/l/w prefixes pick the narrow or wide target like printf;
 *  - floats are decimal only (no inf, nan or hex), converted exactly (the
 *    UCRT reads C99's forms too: SCAN_C99_FLOATS);
 *  - an empty input returns EOF before anything else is looked at, and so
 *    does reaching the end before the first conversion.
 */
#include <stddef.h>
#include <stdarg.h>
#include "format.h"

#define FLOAT_CHARS 1024

struct scanner {
    struct scan_source *src;
    int wide;
    unsigned int flags;         /* SCAN_* */
    long long consumed;
    va_list ap;
};

enum store_size { ST_CHAR, ST_SHORT, ST_INT, ST_64 };

struct scan_spec {
    int suppress;
    long long width;            /* < 0: no limit */
    enum store_size size;
    char csize;                 /* 'h' narrow, 'l' wide, 0 default */
    int is_double;
    unsigned int conv;
};

static unsigned int fmt_char(const void *fmt, size_t i, int wide)
{
    return wide ? ((const WCHAR *)fmt)[i] : ((const unsigned char *)fmt)[i];
}

static int get(struct scanner *s)
{
    int c = s->src->get(s->src);
    if (c >= 0)
        s->consumed++;
    return c;
}

static void unget(struct scanner *s, int c)
{
    if (c < 0)
        return;
    s->src->unget(s->src, c);
    s->consumed--;
}

static int is_space(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Skips white space; returns the first other character, unread, or -1. */
static int skip_space(struct scanner *s)
{
    int c;

    while (is_space(c = get(s)))
        ;
    unget(s, c);
    return c;
}

static int digit_value(int c, int base)
{
    int v;

    if (c >= '0' && c <= '9')
        v = c - '0';
    else if (c >= 'a' && c <= 'z')
        v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z')
        v = c - 'A' + 10;
    else
        return -1;
    return v < base ? v : -1;
}

static void store_int(struct scanner *s, const struct scan_spec *sp, unsigned long long v)
{
    void *dst = va_arg(s->ap, void *);

    switch (sp->size) {
    case ST_CHAR:  *(char *)dst = (char)v; break;
    case ST_SHORT: *(short *)dst = (short)v; break;
    case ST_INT:   *(int *)dst = (int)v; break;
    case ST_64:    *(long long *)dst = (long long)v; break;
    }
}

/* Returns 1 on a match, 0 on a matching failure, -1 at end of input. */
static int scan_integer(struct scanner *s, const struct scan_spec *sp)
{
    long long left = sp->width;
    unsigned long long v = 0;
    int base, neg = 0, digits = 0, c;

    switch (sp->conv) {
    case 'o': base = 8; break;
    case 'x': case 'X': case 'p': base = 16; break;
    case 'i': base = 0; break;
    default: base = 10; break;
    }
    if (skip_space(s) < 0)
        return -1;
    c = get(s);
    if ((c == '-' || c == '+') && left) {
        neg = c == '-';
        left--;
        c = left ? get(s) : -1;
    }
    if (c == '0' && left && base != 8 && base != 10) {
        digits = 1;
        left--;
        c = left ? get(s) : -1;
        if ((c == 'x' || c == 'X') && left) {
            base = 16;
            left--;
            c = left ? get(s) : -1;
        } else if (!base) {
            base = 8;
        }
    }
    if (!base)
        base = 10;
    while (left && c >= 0 && digit_value(c, base) >= 0) {
        v = v * (unsigned)base + (unsigned)digit_value(c, base);
        digits = 1;
        left--;
        c = left ? get(s) : -1;
    }
    unget(s, c);
    if (!digits)
        return 0;
    if (!sp->suppress) {
        if (neg)
            v = 0 - v;
        if (sp->conv == 'p') {
            *va_arg(s->ap, void **) = (void *)(size_t)v;
        } else {
            store_int(s, sp, v);
        }
    }
    return 1;
}

static int is_digit_in(int c, int hex)
{
    return (c >= '0' && c <= '9') || (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'));
}

/* Collects a float's characters, then converts them exactly. */
static int scan_float(struct scanner *s, const struct scan_spec *sp)
{
    char buf[FLOAT_CHARS];
    long long left = sp->width;
    int n = 0, c, mant_digits = 0, hex = 0;
    double v;

    if (skip_space(s) < 0)
        return -1;
    c = get(s);
#define TAKE() do { buf[n++] = (char)c; left--; c = (left && n < FLOAT_CHARS - 1) ? get(s) : -1; } while (0)
    if (c == '-' || c == '+')
        TAKE();
    if ((s->flags & SCAN_C99_FLOATS) && left && ((c | 0x20) == 'i' || (c | 0x20) == 'n')) {
        /* inf, infinity and nan: what is read is converted by fmt_strtod_a */
        const char *word = (c | 0x20) == 'i' ? "infinity" : "nan";
        int k = 0;

        while (left && word[k] && (c | 0x20) == word[k]) {
            TAKE();
            k++;
        }
        unget(s, c);
        if (k < 3)
            return 0;
        buf[n] = 0;
        goto convert;
    }
    if ((s->flags & SCAN_C99_FLOATS) && left && c == '0') {
        TAKE();
        mant_digits++;
        if (left && (c | 0x20) == 'x') {
            TAKE();
            hex = 1;
        }
    }
    while (left && is_digit_in(c, hex)) {
        TAKE();
        mant_digits++;
    }
    if (left && c == '.') {
        TAKE();
        while (left && is_digit_in(c, hex)) {
            TAKE();
            mant_digits++;
        }
    }
    if (mant_digits && left && (hex ? (c | 0x20) == 'p' : (c == 'e' || c == 'E'))) {
        TAKE();
        if (left && (c == '-' || c == '+'))
            TAKE();
        while (left && c >= '0' && c <= '9')
            TAKE();
    }
#undef TAKE
    unget(s, c);
    if (!mant_digits)
        return 0;
    buf[n] = 0;
convert:
    if (!sp->suppress) {
        v = fmt_strtod_a(buf, NULL, NULL);
        if (sp->is_double)
            *va_arg(s->ap, double *) = v;
        else
            *va_arg(s->ap, float *) = (float)v;
    }
    return 1;
}

static void store_char(void **dst, int wide_dst, int c)
{
    if (wide_dst) {
        WCHAR *w = *dst;
        *w++ = (WCHAR)c;
        *dst = w;
    } else {
        char *a = *dst;
        *a++ = (char)c;
        *dst = a;
    }
}

static int dest_is_wide(const struct scanner *s, const struct scan_spec *sp)
{
    if (sp->csize)
        return sp->csize == 'l';
    if (!(s->flags & SCAN_LEGACY_WIDE))
        return sp->conv == 'S' || sp->conv == 'C';
    return (sp->conv == 'S' || sp->conv == 'C') ? !s->wide : s->wide;
}

/* Does c belong to the scanset that starts at fmt[set] (after '[' and '^')? */
static int in_set(const void *fmt, size_t set, size_t end, int wide, int c)
{
    size_t i = set;

    while (i < end) {
        unsigned int lo = fmt_char(fmt, i, wide);
        if (i + 2 < end && fmt_char(fmt, i + 1, wide) == '-') {
            unsigned int hi = fmt_char(fmt, i + 2, wide);
            if (lo > hi) {
                unsigned int t = lo;
                lo = hi;
                hi = t;
            }
            if ((unsigned int)c >= lo && (unsigned int)c <= hi)
                return 1;
            i += 3;
            continue;
        }
        if ((unsigned int)c == lo)
            return 1;
        i++;
    }
    return 0;
}

/* %c, %s and %[: set is the scanset's first index, set_end one past its
 * last; returns 1 / 0 / -1 like scan_integer. */
static int scan_chars(struct scanner *s, const struct scan_spec *sp, const void *fmt,
                      size_t set, size_t set_end, int negate)
{
    long long left = sp->width, got = 0;
    void *dst = sp->suppress ? NULL : va_arg(s->ap, void *), *start = dst;
    int wide_dst = dest_is_wide(s, sp), c = 0;
    int is_chars = sp->conv == 'c' || sp->conv == 'C';
    /* the secure family's room for the field, its terminator included */
    unsigned long long room = dst && (s->flags & SCAN_SECURE) ? va_arg(s->ap, unsigned int) : ~0ull;

    if (sp->conv == 'c' || sp->conv == 'C') {
        if (left < 0)
            left = 1;
    } else if (sp->conv != '[' && skip_space(s) < 0) {
        return -1;
    }
    while (left) {
        c = get(s);
        if (c < 0)
            break;
        if ((sp->conv == 's' || sp->conv == 'S') && is_space(c)) {
            unget(s, c);
            break;
        }
        if (sp->conv == '[' && in_set(fmt, set, set_end, s->wide, c) == negate) {
            unget(s, c);
            break;
        }
        if (dst && (unsigned long long)got + (is_chars ? 1 : 2) > room) {
            /* too long for the buffer: it is left empty and the scan stops */
            if (room)
                store_char(&start, wide_dst, 0);
            return 0;
        }
        if (dst)
            store_char(&dst, wide_dst, c);
        got++;
        left--;
    }
    if (!got)
        return c < 0 ? -1 : 0;
    if (sp->conv == 'c' || sp->conv == 'C')
        return left ? 0 : 1;
    if (dst)
        store_char(&dst, wide_dst, 0);
    return 1;
}

static size_t parse_scan_spec(const void *fmt, size_t i, int wide, struct scan_spec *sp)
{
    unsigned int c;

    sp->suppress = 0;
    sp->width = -1;
    sp->size = ST_INT;
    sp->csize = 0;
    sp->is_double = 0;
    if (fmt_char(fmt, i, wide) == '*') {
        sp->suppress = 1;
        i++;
    }
    while ((c = fmt_char(fmt, i, wide)) >= '0' && c <= '9') {
        if (sp->width < 0)
            sp->width = 0;
        if (sp->width < 1000000000)
            sp->width = sp->width * 10 + (c - '0');
        i++;
    }
    if (!sp->width)
        sp->width = -1;
    for (;;) {
        c = fmt_char(fmt, i, wide);
        if (c == 'h') {
            sp->size = sp->size == ST_SHORT ? ST_CHAR : ST_SHORT;
            sp->csize = 'h';
            i++;
        } else if (c == 'l') {
            if (fmt_char(fmt, i + 1, wide) == 'l') {
                sp->size = ST_64;
                i += 2;
            } else {
                sp->csize = 'l';
                sp->is_double = 1;
                i++;
            }
        } else if (c == 'w') {
            sp->csize = 'l';
            i++;
        } else if (c == 'L') {
            sp->is_double = 1;
            i++;
        } else if (c == 'I') {
            if (fmt_char(fmt, i + 1, wide) == '6' && fmt_char(fmt, i + 2, wide) == '4') {
                sp->size = ST_64;
                i += 3;
            } else if (fmt_char(fmt, i + 1, wide) == '3' && fmt_char(fmt, i + 2, wide) == '2') {
                sp->size = ST_INT;
                i += 3;
            } else {
                sp->size = sizeof(void *) == 8 ? ST_64 : ST_INT;
                i++;
            }
        } else if (c == 'z' || c == 't') {
            sp->size = sizeof(size_t) == 8 ? ST_64 : ST_INT;
            i++;
        } else if (c == 'j') {
            sp->size = ST_64;
            i++;
        } else if (c == 'F' || c == 'N') {
            i++;
        } else {
            break;
        }
    }
    sp->conv = fmt_char(fmt, i, wide);
    return sp->conv ? i + 1 : i;
}

int fmt_vscanf_opt(struct scan_source *src, const void *fmt, int wide, unsigned int flags, va_list ap)
{
    struct scanner s;
    struct scan_spec sp;
    size_t i = 0;
    int assigned = 0, converted = 0, r = 1, c;
    unsigned int f;

    if (!fmt)
        return -1;
    s.src = src;
    s.wide = wide;
    s.flags = flags;
    s.consumed = 0;
    c = get(&s);
    if (c < 0)
        return -1;
    unget(&s, c);
    va_copy(s.ap, ap);

    while (r > 0 && (f = fmt_char(fmt, i, wide))) {
        i++;
        if (is_space((int)f)) {
            skip_space(&s);
            continue;
        }
        if (f != '%' || fmt_char(fmt, i, wide) == '%') {
            if (f == '%') {
                i++;
                skip_space(&s);
            }
            c = get(&s);
            if (c != (int)f) {
                unget(&s, c);
                r = c < 0 ? -1 : 0;
            }
            continue;
        }
        i = parse_scan_spec(fmt, i, wide, &sp);
        switch (sp.conv) {
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p':
            r = scan_integer(&s, &sp);
            break;
        case 'e': case 'E': case 'f': case 'g': case 'G': case 'a': case 'A':
            r = scan_float(&s, &sp);
            break;
        case 'c': case 'C': case 's': case 'S':
            r = scan_chars(&s, &sp, fmt, 0, 0, 0);
            break;
        case '[':
            {
                size_t set, end;
                int negate = 0;
                if (fmt_char(fmt, i, wide) == '^') {
                    negate = 1;
                    i++;
                }
                set = i;
                end = fmt_char(fmt, i, wide) == ']' ? i + 1 : i;
                while (fmt_char(fmt, end, wide) && fmt_char(fmt, end, wide) != ']')
                    end++;
                i = fmt_char(fmt, end, wide) ? end + 1 : end;
                r = scan_chars(&s, &sp, fmt, set, end, negate);
            }
            break;
        case 'n':
            if (!sp.suppress)
                store_int(&s, &sp, (unsigned long long)s.consumed);
            continue;
        default:
            r = 0;
            break;
        }
        if (r > 0) {
            converted++;
            if (!sp.suppress)
                assigned++;
        }
    }
    va_end(s.ap);
    return r < 0 && !converted ? -1 : assigned;
}

int fmt_vscanf_a(struct scan_source *src, const char *fmt, va_list ap)
{
    return fmt_vscanf_opt(src, fmt, 0, SCAN_LEGACY_WIDE, ap);
}

int fmt_vscanf_w(struct scan_source *src, const WCHAR *fmt, va_list ap)
{
    return fmt_vscanf_opt(src, fmt, 1, SCAN_LEGACY_WIDE, ap);
}
