/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Host unit test of msvcrt's command-line splitter (dlls/msvcrt/argv.h), run as a Linux
 * program.  Expectations: Microsoft's "Parsing C command-line arguments" rules and table,
 * and msvcrt as observed under Wine 8.0 for the "" cases.  The one deliberate difference
 * from Wine is argv[0], where Microsoft's rule (quotes group, backslashes are literal) is
 * followed.
 *   gcc -std=gnu11 -Wall -o argv_host dlls/msvcrt/tests/argv_host.c && ./argv_host
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned short WCHAR;

#define ARGV_CHAR char
#define ARGV_FUNC split_args_a
#include "../argv.h"
#undef ARGV_CHAR
#undef ARGV_FUNC
#define ARGV_CHAR WCHAR
#define ARGV_FUNC split_args_w
#include "../argv.h"

struct argv_case
{
    const char *cmdline;
    const char *expect[8];
};

static const struct argv_case cases[] =
{
    { "p \"a b c\" d e", { "p", "a b c", "d", "e" } },
    { "p \"ab\\\"c\" \"\\\\\" d", { "p", "ab\"c", "\\", "d" } },
    { "p a\\\\\\b d\"e f\"g h", { "p", "a\\\\\\b", "de fg", "h" } },
    { "p a\\\\\\\"b c d", { "p", "a\\\"b", "c", "d" } },
    { "p a\\\\\\\\\"b c\" d e", { "p", "a\\\\b c", "d", "e" } },
    { "p a\"b\"\" c d", { "p", "ab\" c d" } },
    { "p \"x\"\"y z\" w", { "p", "x\"y z", "w" } },
    { "p \"\"\"a\"\"\" b", { "p", "\"a\"", "b" } },
    { "p \"\" \"\"\"\"", { "p", "", "\"" } },
    { "p \"\"\"\"\"\"", { "p", "\"\"" } },
    { "p \"a\"\"b\"\"c\" d", { "p", "a\"b\"c", "d" } },
    { "p a\"\"b", { "p", "ab" } },
    { "p    \t  a\t\tb   ", { "p", "a", "b" } },
    { "p \"a b", { "p", "a b" } },
    { "p a\\", { "p", "a\\" } },
    { "p a\\\\ b", { "p", "a\\\\", "b" } },
    { "p \\\"", { "p", "\"" } },
    { "p \"\\\\\"", { "p", "\\" } },
    { "p", { "p" } },
    { "", { "" } },
    { "p ", { "p" } },
    { "\"C:\\Program Files\\x.exe\" a", { "C:\\Program Files\\x.exe", "a" } },
    { "C:\\dir\\p.exe a b", { "C:\\dir\\p.exe", "a", "b" } },
    { "\"ar gs\"x\\\"y z", { "ar gsx\\y z" } },
    { "p\\\"q r", { "p\\q r" } },
    { "\"p\"\ta", { "p", "a" } },
    { "p\\\\ a", { "p\\\\", "a" } },
};

static int passed, failed;

static void check(const struct argv_case *c)
{
    size_t len = strlen(c->cmdline), nchars, i;
    int expect_argc = 0, argc, ok;
    char **argv, *buf;
    WCHAR **wargv, *wbuf, *wcmd;

    while (expect_argc < 8 && c->expect[expect_argc]) expect_argc++;

    split_args_a(c->cmdline, NULL, NULL, &argc, &nchars);
    argv = calloc(argc + 1, sizeof(*argv));
    buf = malloc(nchars);
    split_args_a(c->cmdline, argv, buf, &argc, &nchars);
    ok = argc == expect_argc && !argv[argc];
    for (i = 0; ok && i < (size_t)argc; i++) ok = !strcmp(argv[i], c->expect[i]);
    if (ok) passed++;
    else
    {
        failed++;
        printf("not ok [%s]: argc %d (expected %d):", c->cmdline, argc, expect_argc);
        for (i = 0; i < (size_t)argc; i++) printf(" [%s]", argv[i]);
        printf("\n");
    }

    wcmd = calloc(len + 1, sizeof(WCHAR));
    for (i = 0; i < len; i++) wcmd[i] = (unsigned char)c->cmdline[i];
    split_args_w(wcmd, NULL, NULL, &argc, &nchars);
    wargv = calloc(argc + 1, sizeof(*wargv));
    wbuf = malloc(nchars * sizeof(WCHAR));
    split_args_w(wcmd, wargv, wbuf, &argc, &nchars);
    ok = argc == expect_argc && !wargv[argc];
    for (i = 0; ok && i < (size_t)argc; i++)
    {
        size_t j, n = strlen(c->expect[i]);
        for (j = 0; ok && j <= n; j++) ok = wargv[i][j] == (unsigned char)c->expect[i][j];
    }
    if (ok) passed++;
    else
    {
        failed++;
        printf("not ok (wide) [%s]: argc %d (expected %d)\n", c->cmdline, argc, expect_argc);
    }
    free(argv);
    free(buf);
    free(wargv);
    free(wbuf);
    free(wcmd);
}

int main(void)
{
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) check(&cases[i]);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
