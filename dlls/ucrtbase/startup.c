/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The UCRT's start-up protocol, as the MSVC CRT's static start-up code in every
 * program calls it: msvcrt's start-up (shared) has already split the command
 * line and copied the environment when the DLL attached, so configuring them
 * checks the request, and expands wildcards when it asks for that; the exit
 * tables are the module-local ones a DLL (or an exe) keeps, and the
 * quick-exit table.
 */
#include "ucrtbase_private.h"

typedef void (__cdecl *pvfv)(void);
typedef void (NTAPI *tls_callback)(void *module, DWORD reason, void *reserved);

/* _onexit_table_t: a heap block of functions, [first, last) used, [first, end) allocated */
struct onexit_table
{
    pvfv *first, *last, *end;
};

enum argv_mode { argv_none, argv_unexpanded, argv_expanded };

static struct onexit_table quick_exit_table;
static tls_callback exe_tls_callback;
static char **split_argv;       /* msvcrt's, before any expansion */
static WCHAR **split_wargv;
static int split_argc;

/* A growing NULL-terminated list of heap strings. */
struct arg_list
{
    WCHAR **args;
    int count, cap;
};

static BOOL push_arg(struct arg_list *list, const WCHAR *dir, size_t dir_len, const WCHAR *name)
{
    size_t len = wcslen(name);
    WCHAR *arg;

    if (list->count + 1 >= list->cap)
    {
        int cap = list->cap ? list->cap * 2 : 16;
        WCHAR **args = list->args ? HeapReAlloc(msvcrt_heap, 0, list->args, cap * sizeof(*args))
                                  : HeapAlloc(msvcrt_heap, 0, cap * sizeof(*args));
        if (!args) return FALSE;
        list->args = args;
        list->cap = cap;
    }
    if (!(arg = HeapAlloc(msvcrt_heap, 0, (dir_len + len + 1) * sizeof(WCHAR)))) return FALSE;
    memcpy(arg, dir, dir_len * sizeof(WCHAR));
    memcpy(arg + dir_len, name, (len + 1) * sizeof(WCHAR));
    list->args[list->count++] = arg;
    list->args[list->count] = NULL;
    return TRUE;
}

/* Pushes the names an argument with * or ? matches, its directory part kept; FALSE if none. */
static BOOL push_matches(struct arg_list *list, const WCHAR *pattern)
{
    WIN32_FIND_DATAW fd;
    size_t dir_len = 0, i;
    BOOL any = FALSE;
    HANDLE h;

    for (i = 0; pattern[i]; i++)
        if (pattern[i] == '\\' || pattern[i] == '/' || pattern[i] == ':') dir_len = i + 1;
    if ((h = FindFirstFileW(pattern, &fd)) == INVALID_HANDLE_VALUE) return FALSE;
    do
    {
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L"..")) continue;
        if (!push_arg(list, pattern, dir_len, fd.cFileName)) break;
        any = TRUE;
    } while (FindNextFileW(h, &fd));
    FindClose(h);
    return any;
}

/* _crt_argv_expanded_arguments, for a program linked with setargv.obj: an argument after the
 * program's name with * or ? in it becomes the names it matches; one matching nothing stays. */
static WCHAR **expand_wildcards(int *argc)
{
    struct arg_list list = { NULL, 0, 0 };
    int i;

    for (i = 0; i < split_argc; i++)
    {
        const WCHAR *arg = split_wargv[i];

        if (i && (wcschr(arg, '*') || wcschr(arg, '?')) && push_matches(&list, arg)) continue;
        if (!push_arg(&list, L"", 0, arg)) return NULL;
    }
    *argc = list.count;
    return list.args;
}

static char **narrow_args(WCHAR **wargv, int argc)
{
    char **argv = HeapAlloc(msvcrt_heap, 0, (argc + 1) * sizeof(*argv));
    int i;

    if (!argv) return NULL;
    for (i = 0; i < argc; i++)
        if (!(argv[i] = msvcrt_wide_to_ansi(wargv[i]))) return NULL;
    argv[argc] = NULL;
    return argv;
}

static int configure_argv(int mode, BOOL wide)
{
    WCHAR **wargv;
    char **argv;
    int argc;

    if (mode < argv_none || mode > argv_expanded) return ucrt_invalid(M_EINVAL, M_EINVAL);
    if (!split_wargv)
    {
        split_argv = __argv;
        split_wargv = __wargv;
        split_argc = __argc;
    }
    if (mode != argv_expanded)
    {
        if (wide) __wargv = split_wargv;
        else __argv = split_argv;
        __argc = split_argc;
        return 0;
    }
    if (!(wargv = expand_wildcards(&argc))) return M_ENOMEM;
    if (wide) __wargv = wargv;
    else if (!(argv = narrow_args(wargv, argc))) return M_ENOMEM;
    else __argv = argv;
    __argc = argc;
    return 0;
}

int __cdecl _configure_narrow_argv(int mode)
{
    return configure_argv(mode, FALSE);
}

int __cdecl _configure_wide_argv(int mode)
{
    return configure_argv(mode, TRUE);
}

int __cdecl _initialize_narrow_environment(void)
{
    return __initenv ? 0 : -1;
}

int __cdecl _initialize_wide_environment(void)
{
    return __winitenv ? 0 : -1;
}

char **__cdecl _get_initial_narrow_environment(void)
{
    return __initenv;
}

WCHAR **__cdecl _get_initial_wide_environment(void)
{
    return __winitenv;
}

/* WinMain's command line: what follows the program's name (quoted or not) and the blanks after it. */
char *__cdecl _get_narrow_winmain_command_line(void)
{
    const unsigned char *p = (const unsigned char *)_acmdln;
    BOOL quoted = FALSE;

    for (; *p > ' ' || (*p && quoted); p++)
        if (*p == '"') quoted = !quoted;
    while (*p && *p <= ' ') p++;
    return (char *)p;
}

WCHAR *__cdecl _get_wide_winmain_command_line(void)
{
    const WCHAR *p = _wcmdln;
    BOOL quoted = FALSE;

    for (; *p > ' ' || (*p && quoted); p++)
        if (*p == '"') quoted = !quoted;
    while (*p && *p <= ' ') p++;
    return (WCHAR *)p;
}

void __cdecl __set_app_type(int type);

void __cdecl _set_app_type(int type)
{
    __set_app_type(type);
}

int __cdecl _XcptFilter(NTSTATUS code, EXCEPTION_POINTERS *ptrs);

int __cdecl _seh_filter_exe(NTSTATUS code, EXCEPTION_POINTERS *ptrs)
{
    return _XcptFilter(code, ptrs);
}

/* 1: malloc calls the new handler when the heap refuses (msvcrt's heap.c) */
int __cdecl _set_new_mode(int mode)
{
    if (mode != 0 && mode != 1) return ucrt_invalid(M_EINVAL, -1);
    return InterlockedExchange(&msvcrt_new_mode, mode);
}

int __cdecl _query_new_mode(void)
{
    return msvcrt_new_mode;
}

/* ---- exit tables ---- */

int __cdecl _initialize_onexit_table(struct onexit_table *table)
{
    if (!table) return -1;
    if (table->first) return 0;
    table->last = table->end = NULL;
    return 0;
}

int __cdecl _register_onexit_function(struct onexit_table *table, pvfv func)
{
    if (!table) return -1;
    _lock(M_LOCK_EXIT);
    if (table->last == table->end)
    {
        size_t count = table->first ? (size_t)(table->end - table->first) : 0;
        size_t cap = count ? count * 2 : 32;
        pvfv *block = table->first ? HeapReAlloc(msvcrt_heap, 0, table->first, cap * sizeof(*block))
                                   : HeapAlloc(msvcrt_heap, 0, cap * sizeof(*block));
        if (!block)
        {
            _unlock(M_LOCK_EXIT);
            return -1;
        }
        table->first = block;
        table->last = block + count;
        table->end = block + cap;
    }
    *table->last++ = func;
    _unlock(M_LOCK_EXIT);
    return 0;
}

/* Last registered runs first; the table is emptied before any runs, so it may be filled again. */
int __cdecl _execute_onexit_table(struct onexit_table *table)
{
    pvfv *first, *last;

    if (!table) return -1;
    _lock(M_LOCK_EXIT);
    first = table->first;
    last = table->last;
    table->first = table->last = table->end = NULL;
    _unlock(M_LOCK_EXIT);
    if (!first) return 0;
    while (last > first)
    {
        pvfv func = *--last;
        if (func) func();
    }
    HeapFree(msvcrt_heap, 0, first);
    return 0;
}

int __cdecl atexit(pvfv func);

/* An exe's atexit when it uses the DLL's table (what the static start-up arranges). */
int __cdecl _crt_atexit(pvfv func)
{
    return atexit(func);
}

int __cdecl _crt_at_quick_exit(pvfv func)
{
    return _register_onexit_function(&quick_exit_table, func);
}

void __cdecl quick_exit(int code)
{
    _execute_onexit_table(&quick_exit_table);
    _exit(code);
}

static void run_exe_tls_callback(void)
{
    tls_callback callback = exe_tls_callback;

    exe_tls_callback = NULL;
    if (callback) callback(NULL, DLL_PROCESS_DETACH, NULL);
}

/* The exe's thread_local destructors: exit runs them before the atexit handlers.  A second
 * registration is a program error Windows ends the process for. */
void __cdecl _register_thread_local_exe_atexit_callback(tls_callback callback)
{
    if (exe_tls_callback) abort();
    exe_tls_callback = callback;
    msvcrt_exit_callback = run_exe_tls_callback;
}
