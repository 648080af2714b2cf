/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The system resolver, for the names ws2_32 cannot answer by itself: host
 * names other than localhost (DNS, /etc/hosts), service names
 * (/etc/services), reverse lookups and the machine's own name.  glibc does
 * the work; this file turns its families into Windows' and its EAI_* errors
 * into the Winsock codes Windows' getaddrinfo returns.  Each call blocks the
 * calling thread only, as it does on Windows.
 */
#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "private.h"

/* the resolver's codes of winsock2.h, which this side does not include (its names clash with netdb.h's) */
#define WSA_NOT_ENOUGH_MEMORY ERROR_NOT_ENOUGH_MEMORY
#define WSAHOST_NOT_FOUND 11001
#define WSATRY_AGAIN 11002
#define WSANO_RECOVERY 11003

static int winsock_error(int eai)
{
    switch (eai)
    {
    case 0: return 0;
    case EAI_AGAIN: return WSATRY_AGAIN;
    case EAI_BADFLAGS: return WSAEINVAL;
    case EAI_FAMILY: return WSAEAFNOSUPPORT;
    case EAI_MEMORY: return WSA_NOT_ENOUGH_MEMORY;
    case EAI_NONAME:
    case EAI_NODATA:
    case EAI_ADDRFAMILY: return WSAHOST_NOT_FOUND;
    case EAI_SERVICE: return WSATYPE_NOT_FOUND;
    case EAI_SOCKTYPE: return WSAESOCKTNOSUPPORT;
    case EAI_OVERFLOW: return WSAEFAULT;
    default: return WSANO_RECOVERY;
    }
}

static int unix_family(int family)
{
    switch (family)
    {
    case 0: return AF_UNSPEC;
    case WRING_NET_AF_INET: return AF_INET;
    case WRING_NET_AF_INET6: return AF_INET6;
    default: return -1;
    }
}

/* Copies at most SIZE bytes of SRC with its terminator; false when it does not fit. */
static bool copy_name(char *dst, ULONG size, const char *src)
{
    size_t len = strlen(src);
    if (len >= size) return false;
    memcpy(dst, src, len + 1);
    return true;
}

int WINAPI wring_resolve_host(const char *name, int family, struct wring_net_address *addrs, ULONG *count,
                              char *canon, ULONG canon_size)
{
    struct addrinfo hints = { 0 }, *res, *ai;
    ULONG n = 0;
    int err;

    if (!name || !count) return WSAEFAULT;
    if ((hints.ai_family = unix_family(family)) < 0) return WSAEAFNOSUPPORT;
    /* one entry per address: the socket types are ws2_32's to add */
    hints.ai_socktype = SOCK_STREAM;
    if (canon_size) hints.ai_flags = AI_CANONNAME;
    if ((err = getaddrinfo(name, NULL, &hints, &res))) return winsock_error(err);

    for (ai = res; ai && n < *count; ai = ai->ai_next)
    {
        struct wring_net_address *out = &addrs[n];
        memset(out, 0, sizeof(*out));
        if (ai->ai_family == AF_INET)
        {
            out->family = WRING_NET_AF_INET;
            memcpy(out->addr, &((struct sockaddr_in *)ai->ai_addr)->sin_addr, 4);
        }
        else if (ai->ai_family == AF_INET6)
        {
            const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ai->ai_addr;
            out->family = WRING_NET_AF_INET6;
            memcpy(out->addr, &sin6->sin6_addr, 16);
            out->scope_id = sin6->sin6_scope_id;
        }
        else continue;
        n++;
    }
    if (canon_size)
    {
        const char *cn = res->ai_canonname ? res->ai_canonname : name;
        if (!copy_name(canon, canon_size, cn)) canon[0] = 0;
    }
    freeaddrinfo(res);
    *count = n;
    return n ? 0 : WSAHOST_NOT_FOUND;
}

int WINAPI wring_resolve_service(const char *name, int protocol, USHORT *port)
{
    const char *proto = protocol == IPPROTO_UDP ? "udp" : protocol == IPPROTO_TCP ? "tcp" : NULL;
    struct servent entry, *found = NULL;
    char buffer[1024];

    if (!name || !port) return WSAEFAULT;
    if (getservbyname_r(name, proto, &entry, buffer, sizeof(buffer), &found) || !found) return WSATYPE_NOT_FOUND;
    *port = ntohs(found->s_port);
    return 0;
}

int WINAPI wring_resolve_address(const struct wring_net_address *addr, BOOL name_required, char *name, ULONG size)
{
    struct sockaddr_storage ss = { 0 };
    socklen_t len;
    int err;

    if (!addr || !name) return WSAEFAULT;
    if (addr->family == WRING_NET_AF_INET)
    {
        struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
        sin->sin_family = AF_INET;
        memcpy(&sin->sin_addr, addr->addr, 4);
        len = sizeof(*sin);
    }
    else if (addr->family == WRING_NET_AF_INET6)
    {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
        sin6->sin6_family = AF_INET6;
        memcpy(&sin6->sin6_addr, addr->addr, 16);
        sin6->sin6_scope_id = addr->scope_id;
        len = sizeof(*sin6);
    }
    else return WSAEAFNOSUPPORT;
    err = getnameinfo((struct sockaddr *)&ss, len, name, size, NULL, 0, name_required ? NI_NAMEREQD : 0);
    return winsock_error(err);
}

int WINAPI wring_service_name(USHORT port, int protocol, char *name, ULONG size)
{
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
    int err;

    if (!name) return WSAEFAULT;
    err = getnameinfo((struct sockaddr *)&sin, sizeof(sin), NULL, 0, name, size,
                      protocol == IPPROTO_UDP ? NI_DGRAM : 0);
    return winsock_error(err);
}

int WINAPI wring_host_name(char *name, ULONG size)
{
    char buffer[256];

    if (!name) return WSAEFAULT;
    if (gethostname(buffer, sizeof(buffer))) return WSANO_RECOVERY;
    buffer[sizeof(buffer) - 1] = 0;
    return copy_name(name, size, buffer) ? 0 : WSAEFAULT;
}
