/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Imports from nosuch.dll, which exists nowhere: loading must fail cleanly. */
__declspec(dllimport) int nosuch_function(void);
int main(void) { return nosuch_function(); }
