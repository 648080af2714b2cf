/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The start-up protocol: initialiser tables, argv, the environment, module exit tables, threads. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <process.h>
#include <windows.h>
#include "wine/test.h"
#include "crt0.h"

#include <corecrt_startup.h>

typedef _PIFV pifv;
typedef _PVFV pvfv;
typedef _onexit_table_t onexit_table;

__declspec(dllimport) int __cdecl _initterm_e(_PIFV *start, _PIFV *end);
__declspec(dllimport) int __cdecl _set_new_mode(int mode);
__declspec(dllimport) int __cdecl _query_new_mode(void);

static int c_init_order, cpp_init_order, init_counter;

static int __cdecl c_initializer(void)
{
    c_init_order = ++init_counter;
    return 0;
}

static void __cdecl cpp_initializer(void)
{
    cpp_init_order = ++init_counter;
}

/* Tables the start-up runs: C initialisers (.CRT$XI*) before C++ constructors (.CRT$XC*). */
#pragma section(".CRT$XIU", long, read)
#pragma section(".CRT$XCU", long, read)
__declspec(allocate(".CRT$XIU")) pifv startup_test_c_init = c_initializer;
__declspec(allocate(".CRT$XCU")) pvfv startup_test_cpp_init = cpp_initializer;

static void test_initializers(void)
{
    ok(crt0_steps.configure_argv == 0, "_configure_narrow_argv returned %d\n", crt0_steps.configure_argv);
    ok(crt0_steps.initialize_environment == 0, "_initialize_narrow_environment returned %d\n",
       crt0_steps.initialize_environment);
    ok(crt0_steps.initterm_e == 0, "_initterm_e returned %d\n", crt0_steps.initterm_e);
    ok(c_init_order == 1, "C initialiser ran as %d\n", c_init_order);
    ok(cpp_init_order == 2, "C++ initialiser ran as %d\n", cpp_init_order);
}

static int __cdecl init_ok(void) { return 0; }
static int __cdecl init_fails(void) { return 7; }
static int __cdecl init_never(void) { init_counter = -100; return 0; }

static void test_initterm_e(void)
{
    pifv table[] = { init_ok, NULL, init_fails, init_never };
    int saved = init_counter;

    ok(_initterm_e(table, table + 2) == 0, "NULL entries are skipped\n");
    ok(_initterm_e(table, table + 4) == 7, "the first failure is returned\n");
    ok(init_counter == saved, "initialisers after a failure do not run\n");
}

static void test_argv(void)
{
    int argc = *__p___argc();
    char **argv = *__p___argv();
    const char *cmd = GetCommandLineA();

    ok(argc >= 1, "argc %d\n", argc);
    ok(argv && argv[0] && strlen(argv[0]) > 0, "argv[0] missing\n");
    ok(argv && !argv[argc], "argv is not NULL-terminated\n");
    ok(argc < 2 || strstr(cmd, argv[argc - 1]) != NULL, "last argument %s not in %s\n", argv[argc - 1], cmd);
    ok(__argc == argc && __argv == argv, "__argc/__argv differ from __p___argc/__p___argv\n");
}

static int handler_calls;
static void __cdecl counting_handler(const wchar_t *expr, const wchar_t *func, const wchar_t *file,
                                     unsigned int line, uintptr_t reserved)
{
    handler_calls++;
}

static void test_winmain_command_line(void)
{
    const char *cmd = GetCommandLineA(), *rest = _get_narrow_winmain_command_line();
    const wchar_t *wcmd = GetCommandLineW(), *wrest = _get_wide_winmain_command_line();
    const char *p = cmd;
    int quoted = 0;

    ok(rest >= cmd && rest <= cmd + strlen(cmd), "not inside the command line\n");
    for (; (unsigned char)*p > ' ' || (*p && quoted); p++)
        if (*p == '"') quoted = !quoted;
    while (*p && (unsigned char)*p <= ' ') p++;
    ok(rest == p, "%s is not what follows the program name in %s\n", rest, cmd);
    ok(wrest >= wcmd && wcslen(wrest) == strlen(rest), "the wide one disagrees\n");
}

static void test_configure_argv(void)
{
    _invalid_parameter_handler old = _set_invalid_parameter_handler(counting_handler);

    handler_calls = 0;
    errno = 0;
    /* the UCRT validates the mode; Wine 8.0 accepts any */
    todo_wine ok(_configure_narrow_argv(7) == EINVAL, "an unknown mode is refused\n");
    todo_wine ok(errno == EINVAL, "errno %d\n", errno);
    todo_wine ok(handler_calls == 1, "the invalid-parameter handler was called %d times\n", handler_calls);
    _set_invalid_parameter_handler(old);
}

static void test_environment(void)
{
    char **envp = _get_initial_narrow_environment();
    char name[64], *eq;
    int i;

    ok(envp != NULL, "no initial environment\n");
    if (!envp) return;
    ok(envp == crt0_steps.envp, "the environment changed between start-up and now\n");
    SetEnvironmentVariableA("UCRT_TEST_UNSET", NULL);
    for (i = 0; envp[i]; i++)
        ok(strncmp(envp[i], "UCRT_TEST_UNSET=", 16), "a variable that is not set is listed\n");
    if (!envp[0]) return;
    eq = strchr(envp[0] + 1, '=');
    ok(eq != NULL, "entry %s has no '='\n", envp[0]);
    if (!eq || eq - envp[0] >= (int)sizeof(name)) return;
    memcpy(name, envp[0], eq - envp[0]);
    name[eq - envp[0]] = 0;
    ok(getenv(name) && !strcmp(getenv(name), eq + 1), "getenv(%s) disagrees with the environment\n", name);
}

static char exit_trail[16];
static int exit_len;
static void __cdecl exit_a(void) { exit_trail[exit_len++] = 'a'; }
static void __cdecl exit_b(void) { exit_trail[exit_len++] = 'b'; }
static void __cdecl exit_c(void) { exit_trail[exit_len++] = 'c'; }
static int exit_calls;
/* Counts, and checks the first-registered function has not run yet. */
static void __cdecl exit_count(void) { if (!exit_len) exit_calls++; }

static onexit_table nested_table;
static void __cdecl exit_registers(void)
{
    exit_trail[exit_len++] = 'r';
    _register_onexit_function(&nested_table, (_onexit_t)exit_c);
}

static void test_onexit_table(void)
{
    onexit_table table;
    int i;

    memset(&table, 0, sizeof(table));
    ok(_initialize_onexit_table(NULL) == -1, "a NULL table is refused\n");
    ok(_register_onexit_function(NULL, (_onexit_t)exit_a) == -1, "a NULL table is refused\n");
    ok(_execute_onexit_table(NULL) == -1, "a NULL table is refused\n");
    ok(_initialize_onexit_table(&table) == 0, "initialising failed\n");
    ok(_execute_onexit_table(&table) == 0, "running an empty table failed\n");

    ok(_register_onexit_function(&table, (_onexit_t)exit_a) == 0, "registering failed\n");
    ok(_register_onexit_function(&table, (_onexit_t)exit_b) == 0, "registering failed\n");
    ok(_register_onexit_function(&table, (_onexit_t)NULL) == 0, "registering NULL failed\n");
    ok(_register_onexit_function(&table, (_onexit_t)exit_c) == 0, "registering failed\n");
    exit_len = 0;
    ok(_execute_onexit_table(&table) == 0, "running failed\n");
    exit_trail[exit_len] = 0;
    ok(!strcmp(exit_trail, "cba"), "ran in order %s\n", exit_trail);
    exit_len = 0;
    ok(_execute_onexit_table(&table) == 0, "running again failed\n");
    ok(exit_len == 0, "functions ran twice\n");

    /* many entries: the table grows (its pointers are the CRT's business: Windows encodes them) */
    _initialize_onexit_table(&table);
    ok(_register_onexit_function(&table, (_onexit_t)exit_b) == 0, "registering failed\n");
    for (i = 0; i < 99; i++)
        ok(_register_onexit_function(&table, (_onexit_t)exit_count) == 0, "registering %d failed\n", i);
    exit_len = 0;
    exit_calls = 0;
    _execute_onexit_table(&table);
    ok(exit_calls == 99 && exit_len == 1 && exit_trail[0] == 'b', "ran %d and %d\n", exit_calls, exit_len);

    /* a function that registers into the table being run: it was emptied first, so that waits */
    _initialize_onexit_table(&nested_table);
    _register_onexit_function(&nested_table, (_onexit_t)exit_registers);
    exit_len = 0;
    _execute_onexit_table(&nested_table);
    ok(exit_len == 1, "ran %d\n", exit_len);
    _execute_onexit_table(&nested_table);
    exit_trail[exit_len] = 0;
    ok(!strcmp(exit_trail, "rc"), "ran %s\n", exit_trail);
}

static void test_new_mode(void)
{
    _invalid_parameter_handler old = _set_invalid_parameter_handler(counting_handler);

    ok(_query_new_mode() == 0, "new mode %d at start\n", _query_new_mode());
    ok(_set_new_mode(1) == 0, "the old mode is returned\n");
    ok(_query_new_mode() == 1, "new mode %d\n", _query_new_mode());
    handler_calls = 0;
    errno = 0;
    ok(_set_new_mode(2) == -1, "mode 2 is refused\n");
    ok(errno == EINVAL && handler_calls == 1, "errno %d, %d handler calls\n", errno, handler_calls);
    ok(_set_new_mode(0) == 1, "the old mode is returned\n");
    _set_invalid_parameter_handler(old);
}

static unsigned __stdcall thread_proc(void *arg)
{
    errno = 0;
    *(int *)arg = errno == 0 && _errno() != NULL;
    return 42;
}

static void test_threads(void)
{
    int thread_ok = 0;
    DWORD code = 0;
    uintptr_t h;

    errno = ERANGE;
    h = _beginthreadex(NULL, 0, thread_proc, &thread_ok, 0, NULL);
    ok(h != 0, "_beginthreadex failed\n");
    if (!h) return;
    ok(WaitForSingleObject((HANDLE)h, 10000) == WAIT_OBJECT_0, "the thread did not end\n");
    ok(GetExitCodeThread((HANDLE)h, &code) && code == 42, "exit code %lu\n", code);
    CloseHandle((HANDLE)h);
    ok(thread_ok, "the thread's errno\n");
    ok(errno == ERANGE, "this thread's errno changed to %d\n", errno);
}

START_TEST(startup)
{
    test_initializers();
    test_initterm_e();
    test_argv();
    test_winmain_command_line();
    test_configure_argv();
    test_environment();
    test_onexit_table();
    test_new_mode();
    test_threads();
}
