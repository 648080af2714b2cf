/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * wsprintfA/W and wvsprintfA/W: Windows' small printf.  Specifications are
 * %[-][#][0][width][.precision][size]type with the sizes h, l, I, I32 and I64 and the
 * types c C d i u x X s S p; no floating point and no '*'.  The output stops
 * at 1024 characters, the terminating zero included, as Windows documents.
 */
#include "user32_private.h"

#define WSPRINTF_MAX 1024

struct spec
{
    BOOL left, alt, zero;
    int width, precision;        /* precision -1: none */
    enum { SIZE_DEFAULT, SIZE_SHORT, SIZE_LONG, SIZE_32, SIZE_64 } size;
    WCHAR type;
};

/* Where the characters go: narrow or wide, at most max - 1 of them and a zero. */
struct sink
{
    void *buf;
    BOOL wide;
    int len, max;
};

static BOOL put(struct sink *out, WCHAR c)
{
    if (out->len >= out->max - 1) return FALSE;
    if (out->wide) ((WCHAR *)out->buf)[out->len++] = c;
    else ((char *)out->buf)[out->len++] = (char)c;
    return TRUE;
}

/* A narrow character stays a byte in narrow output; wide output gets its Unicode value. */
static BOOL put_narrow(struct sink *out, char c)
{
    WCHAR w = 0;
    if (!out->wide) return put(out, (BYTE)c);
    MultiByteToWideChar(CP_ACP, 0, &c, 1, &w, 1);
    return put(out, w);
}

static BOOL put_wide(struct sink *out, WCHAR w)
{
    char c;
    if (out->wide) return put(out, w);
    if (WideCharToMultiByte(CP_ACP, 0, &w, 1, &c, 1, NULL, NULL) != 1) c = '?';
    return put(out, (BYTE)c);
}

static BOOL pad(struct sink *out, int count, WCHAR c)
{
    for (int i = 0; i < count; i++)
        if (!put(out, c)) return FALSE;
    return TRUE;
}

static const char *parse_spec(const char *fmt, size_t step, struct spec *spec)
{
    /* fmt walks narrow or wide text: step is the character size, read through AT() */
#define AT(p) (step == 1 ? (WCHAR)(BYTE)*(p) : *(const WCHAR *)(p))
    *spec = (struct spec){ .precision = -1 };
    for (;; fmt += step)
    {
        WCHAR c = AT(fmt);
        if (c == '-') spec->left = TRUE;
        else if (c == '#') spec->alt = TRUE;
        else if (c == '0') spec->zero = TRUE;
        else break;
    }
    while (AT(fmt) >= '0' && AT(fmt) <= '9') { spec->width = spec->width * 10 + AT(fmt) - '0'; fmt += step; }
    if (AT(fmt) == '.')
    {
        fmt += step;
        spec->precision = 0;
        while (AT(fmt) >= '0' && AT(fmt) <= '9') { spec->precision = spec->precision * 10 + AT(fmt) - '0'; fmt += step; }
    }
    if (AT(fmt) == 'h') { spec->size = SIZE_SHORT; fmt += step; }
    else if (AT(fmt) == 'l') { spec->size = SIZE_LONG; fmt += step; }
    else if (AT(fmt) == 'I' && AT(fmt + step) == '6' && AT(fmt + 2 * step) == '4')
    {
        spec->size = SIZE_64;
        fmt += 3 * step;
    }
    else if (AT(fmt) == 'I' && AT(fmt + step) == '3' && AT(fmt + 2 * step) == '2')
    {
        spec->size = SIZE_32;
        fmt += 3 * step;
    }
    else if (AT(fmt) == 'I')
    {
        /* I alone is the size of a pointer */
        spec->size = SIZE_64;
        fmt += step;
    }
    spec->type = AT(fmt);
#undef AT
    return fmt;
}

static BOOL put_number(struct sink *out, const struct spec *spec, ULONG64 value, BOOL negative)
{
    static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
    const char *digits_of = spec->type == 'X' ? upper : lower;
    unsigned base = (spec->type == 'x' || spec->type == 'X' || spec->type == 'p') ? 16 : 10;
    char digits[24];
    int n = 0, prefix, zeros, total;

    /* unlike printf, a zero with precision 0 still prints its digit */
    do { digits[n++] = digits_of[value % base]; value /= base; } while (value);
    prefix = negative ? 1 : (spec->alt && base == 16 && spec->type != 'p' ? 2 : 0);
    zeros = spec->precision > n ? spec->precision - n : 0;
    total = prefix + zeros + n;
    if (spec->zero && !spec->left && spec->precision < 0 && spec->width > total)
    {
        zeros += spec->width - total;
        total = spec->width;
    }
    if (!spec->left && !pad(out, spec->width - total, ' ')) return FALSE;
    if (negative && !put(out, '-')) return FALSE;
    if (prefix == 2 && (!put(out, '0') || !put(out, spec->type))) return FALSE;
    if (!pad(out, zeros, '0')) return FALSE;
    while (n)
        if (!put(out, digits[--n])) return FALSE;
    return !spec->left || pad(out, spec->width - total, ' ');
}

/* A string argument; narrow says which kind it is. NULL prints as "(null)". */
static BOOL put_string(struct sink *out, const struct spec *spec, const void *str, BOOL narrow)
{
    static const char null_text[] = "(null)";
    int len = 0;

    if (!str) { str = null_text; narrow = TRUE; }
    if (narrow) while (((const char *)str)[len] && (spec->precision < 0 || len < spec->precision)) len++;
    else while (((const WCHAR *)str)[len] && (spec->precision < 0 || len < spec->precision)) len++;
    if (!spec->left && !pad(out, spec->width - len, spec->zero ? '0' : ' ')) return FALSE;
    for (int i = 0; i < len; i++)
        if (!(narrow ? put_narrow(out, ((const char *)str)[i]) : put_wide(out, ((const WCHAR *)str)[i]))) return FALSE;
    return !spec->left || pad(out, spec->width - len, ' ');
}

static BOOL put_char(struct sink *out, const struct spec *spec, WCHAR c, BOOL narrow)
{
    if (!spec->left && !pad(out, spec->width - 1, spec->zero ? '0' : ' ')) return FALSE;
    if (!(narrow ? put_narrow(out, (char)c) : put_wide(out, c))) return FALSE;
    return !spec->left || pad(out, spec->width - 1, ' ');
}

static int format(struct sink *out, const void *fmt_start, va_list args)
{
    size_t step = out->wide ? sizeof(WCHAR) : 1;
    const char *fmt = fmt_start;
    struct spec spec;

#define AT(p) (step == 1 ? (WCHAR)(BYTE)*(p) : *(const WCHAR *)(p))
    for (; AT(fmt); fmt += step)
    {
        BOOL ok = TRUE, narrow;
        if (AT(fmt) != '%')
        {
            if (!put(out, AT(fmt))) break;
            continue;
        }
        fmt = parse_spec(fmt + step, step, &spec);
        /* the "natural" kind of %s and %c is the function's own; S and C are the other kind */
        narrow = out->wide ? FALSE : TRUE;
        if (spec.type == 'S' || spec.type == 'C') narrow = !narrow;
        if (spec.size == SIZE_SHORT && (spec.type == 's' || spec.type == 'S' || spec.type == 'c' || spec.type == 'C'))
            narrow = TRUE;
        if (spec.size == SIZE_LONG && (spec.type == 's' || spec.type == 'S' || spec.type == 'c' || spec.type == 'C'))
            narrow = FALSE;
        switch (spec.type)
        {
        case 'c': case 'C':
            ok = put_char(out, &spec, (WCHAR)va_arg(args, int), narrow);
            break;
        case 's': case 'S':
            ok = put_string(out, &spec, va_arg(args, const void *), narrow);
            break;
        case 'd': case 'i':
        {
            /* h and l change nothing for numbers: int and long are both 32 bits */
            LONG64 v = spec.size == SIZE_64 ? va_arg(args, LONG64) : va_arg(args, int);
            ok = put_number(out, &spec, v < 0 ? -(ULONG64)v : (ULONG64)v, v < 0);
            break;
        }
        case 'u': case 'x': case 'X':
        {
            ULONG64 v = spec.size == SIZE_64 ? va_arg(args, ULONG64) : va_arg(args, unsigned int);
            ok = put_number(out, &spec, v, FALSE);
            break;
        }
        case 'p':
        {
            struct spec p = spec;
            p.type = 'X';
            p.precision = 2 * sizeof(void *);
            ok = put_number(out, &p, (ULONG_PTR)va_arg(args, void *), FALSE);
            break;
        }
        case 0:
            /* a lone % at the end: nothing more to print */
            fmt -= step;
            break;
        default:
            /* an unknown type prints itself, as "%%" prints "%" */
            ok = put(out, spec.type);
            break;
        }
        if (!ok) break;
    }
#undef AT
    if (out->wide) ((WCHAR *)out->buf)[out->len] = 0;
    else ((char *)out->buf)[out->len] = 0;
    return out->len;
}

INT WINAPI wvsprintfA(LPSTR buffer, LPCSTR spec, va_list args)
{
    struct sink out = { buffer, FALSE, 0, WSPRINTF_MAX };
    return format(&out, spec, args);
}

INT WINAPI wvsprintfW(LPWSTR buffer, LPCWSTR spec, va_list args)
{
    struct sink out = { buffer, TRUE, 0, WSPRINTF_MAX };
    return format(&out, spec, args);
}

INT WINAPIV wsprintfA(LPSTR buffer, LPCSTR spec, ...)
{
    va_list args;
    int ret;
    va_start(args, spec);
    ret = wvsprintfA(buffer, spec, args);
    va_end(args);
    return ret;
}

INT WINAPIV wsprintfW(LPWSTR buffer, LPCWSTR spec, ...)
{
    va_list args;
    int ret;
    va_start(args, spec);
    ret = wvsprintfW(buffer, spec, args);
    va_end(args);
    return ret;
}
