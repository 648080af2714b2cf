/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Built twice (loader_reloc1.dll, loader_reloc2.dll) with the same preferred
 * base, so loading both forces the loader to relocate one of them.
 */
#include <windows.h>

static const char message[] = "relocated pointer";
/* An absolute address in data: it needs a base relocation. */
static const char *const table[] = { message, message + 10 };

__declspec(dllexport) const char *reloc_get_message(void) { return message; }
__declspec(dllexport) const char *reloc_get_table(int i) { return table[i]; }
