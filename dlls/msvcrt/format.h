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

struct scan_source {
    int (*get)(struct scan_source *src);          /* next char (unsigned char or WCHAR value), -1 at end */
    void (*unget)(struct scan_source *src, int c);
};
int fmt_vscanf_a(struct scan_source *src, const char *fmt, va_list ap); /* fields assigned; -1 (EOF) on input failure before the first conversion */
int fmt_vscanf_w(struct scan_source *src, const WCHAR *fmt, va_list ap);

double fmt_strtod_a(const char *s, char **end, int *range_error);  /* correctly rounded; also hex floats, inf, nan */
double fmt_strtod_w(const WCHAR *s, WCHAR **end, int *range_error);

#endif
