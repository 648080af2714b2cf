/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The positional printf family (_sprintf_p, _fprintf_p, _scprintf_p and the
 * rest), as the UCRT's headers call it: through __stdio_common_vsprintf_p and
 * its siblings.  %n$ numbers the argument a conversion takes, *n$ the width's
 * and precision's; a format numbers all of them or none.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <wchar.h>
#include <stdint.h>
#include "wine/test.h"

/* not in Wine's headers */
_ACRTIMP int __cdecl __stdio_common_vfprintf_p(unsigned __int64, FILE *, const char *, _locale_t, va_list);

static int handler_calls;
static void __cdecl counting_handler(const wchar_t *expr, const wchar_t *func, const wchar_t *file,
                                     unsigned int line, uintptr_t reserved)
{
    handler_calls++;
}

static int __cdecl sprintf_p(char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = __stdio_common_vsprintf_p(0, buf, len, fmt, NULL, ap);
    va_end(ap);
    return ret;
}

static int __cdecl swprintf_p(wchar_t *buf, size_t len, const wchar_t *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = __stdio_common_vswprintf_p(0, buf, len, fmt, NULL, ap);
    va_end(ap);
    return ret;
}

static int __cdecl fprintf_p(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = __stdio_common_vfprintf_p(0, f, fmt, NULL, ap);
    va_end(ap);
    return ret;
}

static void test_numbered(void)
{
    char buf[64];
    wchar_t wbuf[32];
    int ret;

    ret = sprintf_p(buf, sizeof(buf), "%2$s %1$s", "November", "10");
    ok(ret == 11 && !strcmp(buf, "10 November"), "got %d %s\n", ret, buf);
    /* an argument may be used more than once */
    ret = sprintf_p(buf, sizeof(buf), "%1$d times %1$d is %2$d", 10, 100);
    ok(ret == 18 && !strcmp(buf, "10 times 10 is 100"), "got %d %s\n", ret, buf);
    /* every type finds its own argument: doubles, 64-bit integers, characters, pointers' text */
    ret = sprintf_p(buf, sizeof(buf), "%3$c|%2$.2f|%1$lld|%4$x", 1234567890123ll, 2.5, 'z', 255u);
    ok(ret == 23 && !strcmp(buf, "z|2.50|1234567890123|ff"), "got %d %s\n", ret, buf);
    /* the width and precision from numbered arguments, before or after the value */
    ret = sprintf_p(buf, sizeof(buf), "[%1$*2$s]", "Hello", 8);
    ok(ret == 10 && !strcmp(buf, "[   Hello]"), "got %d %s\n", ret, buf);
    ret = sprintf_p(buf, sizeof(buf), "[%2$-*1$s]", 8, "Hello");
    ok(ret == 10 && !strcmp(buf, "[Hello   ]"), "got %d %s\n", ret, buf);
    ret = sprintf_p(buf, sizeof(buf), "[%3$*1$.*2$f]", 7, 1, 3.14159);
    ok(ret == 9 && !strcmp(buf, "[    3.1]"), "got %d %s\n", ret, buf);
    /* %% takes no argument */
    ret = sprintf_p(buf, sizeof(buf), "%1$d%%", 50);
    ok(ret == 3 && !strcmp(buf, "50%"), "got %d %s\n", ret, buf);
    /* a format that numbers nothing reads its arguments in order, '*' too */
    ret = sprintf_p(buf, sizeof(buf), "%d-%*d", 1, 3, 2);
    ok(ret == 5 && !strcmp(buf, "1-  2"), "got %d %s\n", ret, buf);
    /* no buffer and no length: the length it would have (_scprintf_p) */
    ret = sprintf_p(NULL, 0, "%2$s%1$s", "abc", "de");
    ok(ret == 5, "measuring returned %d\n", ret);

    ret = swprintf_p(wbuf, 32, L"%2$ls=%1$d", 42, L"answer");
    ok(ret == 9 && !wcscmp(wbuf, L"answer=42"), "got %d %ls\n", ret, wbuf);

    /* the non-positional entry points print "1$" as a width of 1 and '$' as an unknown conversion */
    ret = snprintf(buf, sizeof(buf), "%1$d", 5);
    ok(ret == 2 && !strcmp(buf, "$d"), "snprintf: %d %s\n", ret, buf);
}

static void test_refused(void)
{
    _invalid_parameter_handler old = _set_invalid_parameter_handler(counting_handler);
    char buf[32];
    int ret;

    /* numbered and unnumbered conversions mixed: nothing is printed */
    handler_calls = 0;
    errno = 0;
    ret = sprintf_p(buf, sizeof(buf), "%1$d %d", 1, 2);
    ok(ret == -1 && errno == EINVAL && handler_calls == 1, "mixed: %d, errno %d, %d calls\n", ret, errno,
       handler_calls);
    /* an unnumbered '*' in a numbered format */
    handler_calls = 0;
    ret = sprintf_p(buf, sizeof(buf), "%1$*d", 5, 2);
    ok(ret == -1 && handler_calls == 1, "unnumbered width: %d, %d calls\n", ret, handler_calls);
    /* argument 2 left out while 3 is used */
    handler_calls = 0;
    errno = 0;
    ret = sprintf_p(buf, sizeof(buf), "%1$d %3$d", 1, 2, 3);
    ok(ret == -1 && errno == EINVAL && handler_calls == 1, "a gap: %d, errno %d, %d calls\n", ret, errno,
       handler_calls);
    /* _sprintf_p is sprintf_s (as Microsoft's documentation says): output that does not fit is an
     * invalid parameter and leaves an empty string.  Wine 8.0 returns -1 and calls no handler. */
    handler_calls = 0;
    errno = 0;
    ret = sprintf_p(buf, 4, "%1$s", "abcdef");
    todo_wine ok(ret == -1 && errno == ERANGE && handler_calls == 1 && !buf[0], "too long: %d, errno %d, %d calls\n",
       ret, errno, handler_calls);
    handler_calls = 0;
    ret = sprintf_p(buf, sizeof(buf), NULL);
    /* Wine 8.0 calls the handler twice */
    todo_wine ok(ret == -1 && handler_calls == 1, "no format: %d, %d calls\n", ret, handler_calls);
    _set_invalid_parameter_handler(old);
}

static void test_file(void)
{
    char path[] = "positional.tmp", line[32];
    FILE *f = fopen(path, "w+");
    int ret;

    ok(f != NULL, "fopen failed\n");
    if (!f) return;
    ret = fprintf_p(f, "%3$s %2$s %1$s\n", "c", "b", "a");
    ok(ret == 6, "fprintf_p returned %d\n", ret);
    rewind(f);
    ok(fgets(line, sizeof(line), f) && !strcmp(line, "a b c\n"), "read back %s\n", line);
    fclose(f);
    remove(path);
}

START_TEST(positional)
{
    test_numbered();
    test_refused();
    test_file();
}
