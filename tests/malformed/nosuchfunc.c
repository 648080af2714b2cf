/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Imports a function kernel32.dll does not export: loading must fail cleanly. */
__declspec(dllimport) int __stdcall NoSuchFunction(void);
int main(void) { return NoSuchFunction(); }
