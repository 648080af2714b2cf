/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The msvcrt formatting engine: printf and scanf cores shared by the string
 * front ends (sprintf.c) and the FILE ones (stdio), plus correctly rounded
 * strtod.  Semantics are msvcrt.dll's: 1.#INF-style specials, three-digit
 * exponents, %S/%C swapping width between the narrow and wide families.
 */
#ifndef WRING_MSVCRT_FORMAT_H
#define WRING_MSVCRT_FORMAT_H

#include <stdarg.h>
#include <stddef.h>
#include <windef.h>

struct fmt_sink {
    /* Writes n characters (char for the _a functions, WCHAR for the _w ones); 0 on success, -1 on failure. */
    int (*write)(struct fmt_sink *sink, const void *chars, size_t n);
};
int fmt_vprintf_a(struct fmt_sink *sink, const char *fmt, va_list ap);   /* chars produced, or -1 */
int fmt_vprintf_w(struct fmt_sink *sink, const WCHAR *fmt, va_list ap);

/* msvcrt.dll's behaviours where C99 says otherwise; the two functions above take them all, the
 * UCRT (ucrtbase's __stdio_common_* entry points) only those its option flags ask for. */
#define FMT_LEGACY_SPECIALS 0x1  /* 1.#INF and 1.#QNAN rather than inf and nan */
#define FMT_THREE_DIGIT_EXP 0x2  /* 1e+000 rather than 1e+00 */
#define FMT_LEGACY_WIDE     0x4  /* in the wide family %s and %c are wide, %S and %C narrow */
#define FMT_LEGACY_SIZES    0x8  /* hh reads like h, F is a size prefix rather than a conversion */
#define FMT_MSVCRT (FMT_LEGACY_SPECIALS | FMT_THREE_DIGIT_EXP | FMT_LEGACY_WIDE | FMT_LEGACY_SIZES)
#define FMT_NO_COUNT        0x10 /* %n is refused (the UCRT's default): the call fails with FMT_COUNT_REFUSED */
#define FMT_TIES_EVEN       0x20 /* halfway cases round to even rather than away from zero */
#define FMT_COUNT_REFUSED   (-2)
#define FMT_POSITIONAL      0x40 /* %n$, *n$ and .*n$ number the arguments (the _p family) */
#define FMT_POSITION_REFUSED (-3) /* numbered and unnumbered arguments mixed, or one left out */
#define FMT_ARGMAX          100  /* the highest argument number (_ARGMAX) */
int fmt_vprintf_opt(struct fmt_sink *sink, const void *fmt, int wide, unsigned int flags, va_list ap);

struct scan_source {
    int (*get)(struct scan_source *src);          /* next char (unsigned char or WCHAR value), -1 at end */
    void (*unget)(struct scan_source *src, int c);
};
int fmt_vscanf_a(struct scan_source *src, const char *fmt, va_list ap); /* fields assigned; -1 (EOF) on input failure before the first conversion */
int fmt_vscanf_w(struct scan_source *src, const WCHAR *fmt, va_list ap);

/* The UCRT's scanf options: the secure family's buffer sizes after each %c, %s and %[ pointer,
 * and whether the wide family's %s and %c are wide (msvcrt's rule) or narrow (C99's). */
#define SCAN_SECURE      0x1
#define SCAN_LEGACY_WIDE 0x2
#define SCAN_C99_FLOATS  0x4    /* %f also reads inf, infinity, nan and hex floats */
int fmt_vscanf_opt(struct scan_source *src, const void *fmt, int wide, unsigned int flags, va_list ap);

double fmt_strtod_a(const char *s, char **end, int *range_error);  /* correctly rounded; also hex floats, inf, nan */
double fmt_strtod_w(const WCHAR *s, WCHAR **end, int *range_error);

#endif
