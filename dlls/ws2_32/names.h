/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What inet.c (addresses as text) and addrinfo.c (names) share. */
#ifndef WS2_32_NAMES_H
#define WS2_32_NAMES_H

#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#define _WS2_32_
#include "winsock2.h"
#include "ws2tcpip.h"
#include "probe.h"

/* the longest text of an address with its scope, brackets and port */
#define ADDRESS_TEXT_MAX 64

/* How an IPv4 address may be written: as inet_addr takes it (one to four parts, octal and
 * hex, the last filling the bytes left), as inet_pton takes it (four decimal parts of at most
 * 255, no leading zeros), or as the tail of an IPv6 address (the same, leading zeros allowed). */
enum ipv4_form { IPV4_LOOSE, IPV4_STRICT, IPV4_DECIMAL };
/* Parses the whole of TEXT; END, when not NULL, receives where parsing stopped and the
 * rest is not checked. */
BOOL parse_ipv4(const char *text, enum ipv4_form form, IN_ADDR *addr, const char **end);
/* Parses an IPv6 address (no scope, no brackets); END as for parse_ipv4. */
BOOL parse_ipv6(const char *text, IN6_ADDR *addr, const char **end);
/* The text of an address as Windows writes it; BUF has room for ADDRESS_TEXT_MAX. */
void format_ipv4(const IN_ADDR *addr, char *buf);
void format_ipv6(const IN6_ADDR *addr, char *buf);

/* Per-thread storage a few old functions return pointers into (TEB WinSockData). */
struct thread_names
{
    char ntoa[16];
    struct hostent host;
    char *aliases[1];
    char *addr_list[17];
    IN_ADDR addrs[16];
    char name[NI_MAXHOST];
};
struct thread_names *get_thread_names(void);
void free_thread_names(void);

/* the heap every allocation of these files comes from */
void *names_alloc(SIZE_T size);
void names_free(void *ptr);

#endif
