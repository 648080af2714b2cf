/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The UCRT's start-up protocol, as the MSVC CRT's static start-up code in every
 * program calls it: msvcrt's start-up (shared) has already split the command
 * line and copied the environment when the DLL attached, so configuring them
 * checks the request; the exit tables are the module-local ones a DLL (or an
 * exe) keeps, and the quick-exit table.
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

int __cdecl _configure_narrow_argv(int mode)
{
    if (mode < argv_none || mode > argv_expanded) return ucrt_invalid(M_EINVAL, M_EINVAL);
    return 0;
}

int __cdecl _configure_wide_argv(int mode)
{
    if (mode < argv_none || mode > argv_expanded) return ucrt_invalid(M_EINVAL, M_EINVAL);
    return 0;
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
