/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * How a UCRT program ends (run by exit.sh): exit and a return from main run
 * the exe's thread_local callback, then the _crt_atexit handlers last first;
 * quick_exit runs only the _crt_at_quick_exit ones; _exit none; terminate
 * calls the handler set_terminate set; _wassert reports on stderr; abort runs
 * a SIGABRT handler, then fails fast or, with _CALL_REPORTFAULT taken away by
 * _set_abort_behavior, exits with 3.  Mode "args" configures argv again with
 * wildcards expanded and prints it.  Every line is
 * flushed as it is written, so what reaches stdout does not depend on when
 * the streams are flushed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <corecrt_startup.h>
#include <signal.h>

__declspec(dllimport) void __cdecl _register_thread_local_exe_atexit_callback(PIMAGE_TLS_CALLBACK callback);
__declspec(dllimport) void __cdecl quick_exit(int code);
typedef void (__cdecl *terminate_handler)(void);
__declspec(dllimport) terminate_handler __cdecl set_terminate(terminate_handler func);
__declspec(dllimport) void __cdecl terminate(void);
__declspec(dllimport) void __cdecl _wassert(const wchar_t *msg, const wchar_t *file, unsigned int line);
__declspec(dllimport) unsigned int __cdecl _set_abort_behavior(unsigned int flags, unsigned int mask);

static void say(const char *line)
{
    fputs(line, stdout);
    fflush(stdout);
}

static void __cdecl atexit_1(void) { say("atexit 1\n"); }
static void __cdecl atexit_2(void) { say("atexit 2\n"); }
static void __cdecl quick_1(void) { say("quick 1\n"); }
static void __cdecl quick_2(void) { say("quick 2\n"); }

static void __cdecl terminate_handler_9(void)
{
    say("terminate handler\n");
    _exit(9);
}

static void __cdecl sigabrt_handler(int sig)
{
    say(sig == SIGABRT ? "sigabrt\n" : "other signal\n");
    _exit(12);
}

static void NTAPI tls_callback(void *module, DWORD reason, void *reserved)
{
    say(reason == DLL_PROCESS_DETACH ? "tls detach\n" : "tls other\n");
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    int ok_terminate, i;

    if (!strcmp(mode, "args"))
    {
        if (_configure_narrow_argv(_crt_argv_expanded_arguments)) _exit(1);
        for (i = 1; i < *__p___argc(); i++)
        {
            say((*__p___argv())[i]);
            say("\n");
        }
        _exit((*__p___argv())[*__p___argc()] ? 1 : 0);
    }

    _crt_atexit(atexit_1);
    _crt_atexit(atexit_2);
    _crt_at_quick_exit(quick_1);
    _crt_at_quick_exit(quick_2);
    _register_thread_local_exe_atexit_callback(tls_callback);
    say("main\n");
    if (!strcmp(mode, "exit")) exit(3);
    if (!strcmp(mode, "quick")) quick_exit(5);
    if (!strcmp(mode, "_exit")) _exit(6);
    if (!strcmp(mode, "terminate"))
    {
        ok_terminate = set_terminate(terminate_handler_9) == NULL;
        if (set_terminate(terminate_handler_9) != terminate_handler_9 || !ok_terminate) _exit(1);
        terminate();
    }
    if (!strcmp(mode, "assert")) _wassert(L"x == 1", L"file.c", 12);
    if (!strcmp(mode, "abort")) abort();
    if (!strcmp(mode, "abort_handler"))
    {
        signal(SIGABRT, sigabrt_handler);
        abort();
    }
    if (!strcmp(mode, "abort_noreport"))
    {
        _set_abort_behavior(0, _CALL_REPORTFAULT);
        abort();
    }
    return 4;
}
