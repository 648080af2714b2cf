/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Seed: a small console program, imports by name from kernel32, base relocations, .pdata. */
#include <windows.h>

static const char message[] = "seed\n";
static const char *volatile message_ptr = message;   /* an absolute address: a DIR64 relocation */

void __stdcall start(void)
{
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), message_ptr, sizeof(message) - 1, &written, NULL);
    ExitProcess(GetTickCount() ? 0 : 1);
}
