/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Whether the caller's memory can be read (or written), for a WSAEFAULT in place of a fault: probe.c */
#ifndef WRING_WS2_PROBE_H
#define WRING_WS2_PROBE_H

BOOL ws2_accessible(const void *ptr, SIZE_T size, BOOL write);
BOOL ws2_string_readable(const void *str, SIZE_T char_size);

#endif
