/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Unix entry points for the names ws2_32 cannot resolve by itself (the
 * system resolver: DNS, /etc/hosts, /etc/services); part of the list in
 * wring/unixcalls.h.  Addresses cross in Windows' terms (AF_INET6 is 23),
 * errors come back as the Winsock codes getaddrinfo returns (EAI_* = WSA*).
 */
#ifndef WRING_UNIXCALLS_NET_H
#define WRING_UNIXCALLS_NET_H

#define WRING_NET_AF_INET   2
#define WRING_NET_AF_INET6  23

/* one address of a host: 4 bytes of addr for AF_INET, 16 for AF_INET6 */
struct wring_net_address
{
    USHORT family;
    BYTE addr[16];
    ULONG scope_id;
};

/* wring_resolve_host: the addresses of NAME of FAMILY (0 for both), at most *COUNT of them, *COUNT
 *   set to how many; its canonical name in CANON when CANON_SIZE is not 0.
 * wring_resolve_service: the port (host order) of service NAME for PROTOCOL (IPPROTO_TCP/UDP, 0 any).
 * wring_resolve_address: the host name of ADDR; with NAME_REQUIRED a missing name is an error,
 *   otherwise the numeric form is given.
 * wring_service_name: the name of PORT for PROTOCOL, or its number when it has none.
 * wring_host_name: the machine's host name. */
#define WRING_NET_CALLS(X) \
    X(int, wring_resolve_host, (const char *name, int family, struct wring_net_address *addrs, ULONG *count, \
        char *canon, ULONG canon_size), (name, family, addrs, count, canon, canon_size)) \
    X(int, wring_resolve_service, (const char *name, int protocol, USHORT *port), (name, protocol, port)) \
    X(int, wring_resolve_address, (const struct wring_net_address *addr, BOOL name_required, char *name, \
        ULONG size), (addr, name_required, name, size)) \
    X(int, wring_service_name, (USHORT port, int protocol, char *name, ULONG size), (port, protocol, name, size)) \
    X(int, wring_host_name, (char *name, ULONG size), (name, size))

/* declared here for both sides: ntdll exports them and ws2_32 imports them */
#define WRING_NET_DECLARE(ret, name, params, args) ret WINAPI name params;
WRING_NET_CALLS(WRING_NET_DECLARE)
#undef WRING_NET_DECLARE

#endif
