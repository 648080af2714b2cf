/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A DLL whose code must never run when it is loaded as data: its DllMain fails the load. */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, void *reserved)
{
    return reason != DLL_PROCESS_ATTACH;
}

int resource_dll_export(void)
{
    return 42;
}
