/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The entry point of the UCRT test programs, doing what the MSVC CRT's static
 * start-up (linked into every MSVC-built exe) does with ucrtbase before and
 * after main: the app type, argv and the environment configured, the C and
 * C++ initialiser tables in .CRT$XI* / .CRT$XC* run by _initterm_e and
 * _initterm, then main's result handed to exit.  What each step returned is
 * kept in crt0_steps for the start-up test to check.
 */
#include <stdlib.h>
#include <process.h>
#include "crt0.h"

#include <corecrt_startup.h>

typedef _PIFV pifv;
typedef _PVFV pvfv;

__declspec(dllimport) int __cdecl _initterm_e(_PIFV *start, _PIFV *end);
__declspec(dllimport) void __cdecl _initterm(_PVFV *start, _PVFV *end);

/* The section names sort, so each table lies between its A and Z markers. */
#pragma section(".CRT$XIA", long, read)
#pragma section(".CRT$XIZ", long, read)
#pragma section(".CRT$XCA", long, read)
#pragma section(".CRT$XCZ", long, read)
__declspec(allocate(".CRT$XIA")) static pifv xi_a[] = { 0 };
__declspec(allocate(".CRT$XIZ")) static pifv xi_z[] = { 0 };
__declspec(allocate(".CRT$XCA")) static pvfv xc_a[] = { 0 };
__declspec(allocate(".CRT$XCZ")) static pvfv xc_z[] = { 0 };

struct crt0_steps crt0_steps;

/* The marker the compiler references from any unit that uses floating point. */
int _fltused = 0x9875;

int main(int argc, char **argv);

void __cdecl mainCRTStartup(void)
{
    _set_app_type(_crt_console_app);
    crt0_steps.configure_argv = _configure_narrow_argv(_crt_argv_unexpanded_arguments);
    crt0_steps.initialize_environment = _initialize_narrow_environment();
    crt0_steps.initterm_e = _initterm_e(xi_a, xi_z);
    if (crt0_steps.initterm_e) exit(255);
    _initterm(xc_a, xc_z);
    crt0_steps.envp = _get_initial_narrow_environment();
    exit(main(*__p___argc(), *__p___argv()));
}
