/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * CommandLineToArgvW's splitting rules: the program name without escapes,
 * blanks between arguments, the backslash-and-quote rules, runs of quotes, a
 * leading blank giving an empty program name, and an empty line giving the
 * program's own path.  The whole result is one LocalAlloc block.
 */
#include <windows.h>
#include <shellapi.h>
#include "wine/test.h"

static const struct
{
    const WCHAR *line;
    const WCHAR *args[6];
} cases[] =
{
    { L"prog", { L"prog" } },
    { L"prog a  b\tc ", { L"prog", L"a", L"b", L"c" } },
    { L"\"C:\\Program Files\\p.exe\" x", { L"C:\\Program Files\\p.exe", L"x" } },
    /* the program name ends at its closing quote, and no backslash escapes in it */
    { L"\"a b\"c d", { L"a b", L"c", L"d" } },
    { L"p\\\"q r", { L"p\\\"q", L"r" } },
    { L"p \"a b\" c", { L"p", L"a b", L"c" } },
    { L"p a\\\\b", { L"p", L"a\\\\b" } },
    { L"p a\\\"b", { L"p", L"a\"b" } },
    { L"p a\\\\\"b c\"", { L"p", L"a\\b c" } },
    { L"p a\\\\\\\"b", { L"p", L"a\\\"b" } },
    { L"p \"\"", { L"p", L"" } },
    { L"p a\"\"b", { L"p", L"ab" } },
    { L"p \"a\"\"b\"", { L"p", L"a\"b" } },
    { L"p \"\"\"a\"", { L"p", L"\"a" } },
    { L"p \"c:\\dir\\\" x", { L"p", L"c:\\dir\" x" } },
    /* a blank first: the program name is empty */
    { L" a b", { L"", L"a", L"b" } },
};

START_TEST(argv)
{
    WCHAR exe[MAX_PATH];
    WCHAR **argv;
    int argc, expected;

    for (int i = 0; i < ARRAYSIZE(cases); i++)
    {
        winetest_push_context("%s", wine_dbgstr_w(cases[i].line));
        for (expected = 0; cases[i].args[expected]; expected++) {}
        argc = -1;
        argv = CommandLineToArgvW(cases[i].line, &argc);
        ok(argv != NULL, "failed: %lu\n", GetLastError());
        if (argv)
        {
            ok(argc == expected, "%d arguments, expected %d\n", argc, expected);
            for (int j = 0; j < argc && j < expected; j++)
                ok(!lstrcmpW(argv[j], cases[i].args[j]), "argument %d is %s, expected %s\n", j,
                   wine_dbgstr_w(argv[j]), wine_dbgstr_w(cases[i].args[j]));
            ok(argv[argc] == NULL, "no NULL after the last argument\n");
            ok(LocalFree(argv) == NULL, "LocalFree failed\n");
        }
        winetest_pop_context();
    }

    /* an empty line stands for the program's own path */
    GetModuleFileNameW(NULL, exe, ARRAYSIZE(exe));
    argv = CommandLineToArgvW(L"", &argc);
    ok(argv && argc == 1, "empty line: %p, %d\n", argv, argc);
    if (argv)
    {
        ok(!lstrcmpiW(argv[0], exe), "empty line gave %s, not %s\n", wine_dbgstr_w(argv[0]), wine_dbgstr_w(exe));
        LocalFree(argv);
    }

    SetLastError(0xdeadbeef);
    argv = CommandLineToArgvW(L"p a", NULL);
    ok(!argv && GetLastError() == ERROR_INVALID_PARAMETER, "no count: %p, %lu\n", argv, GetLastError());
}
