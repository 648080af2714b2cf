/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Host stand-in for Wine's windef.h: only what the formatter cores use. */
#ifndef WRING_HOST_SHIM_WINDEF_H
#define WRING_HOST_SHIM_WINDEF_H
typedef unsigned short WCHAR;
typedef unsigned short USHORT;
#define __cdecl
#endif
