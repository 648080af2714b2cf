/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Names to addresses and back: getaddrinfo/GetAddrInfoW, getnameinfo/
 * GetNameInfoW, gethostname/GetHostNameW, gethostbyname/gethostbyaddr.
 * Numeric addresses, a missing node (the any or loopback address) and
 * localhost are answered here; other names, service names and reverse
 * lookups go to the system resolver on the Unix side (wring/unixcalls_net.h).
 * As on Windows a hint of socket type 0 gives one entry per address with
 * type and protocol 0, and the hints' flags are copied into each entry.
 */
#include "names.h"
#include "wring/unixcalls_net.h"

#define MAX_ADDRESSES 32

/* What one lookup found, before it is laid out as ADDRINFOA or ADDRINFOW entries. */
struct lookup
{
    struct wring_net_address addrs[MAX_ADDRESSES];
    ULONG count;
    USHORT port;
    char canon[NI_MAXHOST];
};

static void add_address(struct lookup *found, int family, const void *addr, ULONG scope)
{
    struct wring_net_address *a = &found->addrs[found->count++];
    memset(a, 0, sizeof(*a));
    a->family = family;
    memcpy(a->addr, addr, family == AF_INET ? 4 : 16);
    a->scope_id = scope;
}

static BOOL is_localhost(const char *name)
{
    static const char localhost[] = "localhost";
    for (int i = 0; i < (int)sizeof(localhost); i++)
        if (tolower((unsigned char)name[i]) != localhost[i]) return FALSE;
    return TRUE;
}

/* An IPv6 address with an optional %scope, as getaddrinfo takes it. */
static BOOL parse_ipv6_scoped(const char *text, IN6_ADDR *addr, ULONG *scope)
{
    const char *end;
    int digits = 0;

    *scope = 0;
    if (!parse_ipv6(text, addr, &end)) return FALSE;
    if (!*end) return TRUE;
    if (*end++ != '%') return FALSE;
    for (; *end >= '0' && *end <= '9'; end++, digits++) *scope = *scope * 10 + (*end - '0');
    return digits && !*end;
}

static int resolve_node(const char *node, int family, int flags, struct lookup *found)
{
    static const BYTE any6[16], loopback6[16] = { [15] = 1 };
    IN_ADDR v4;
    IN6_ADDR v6;
    ULONG scope;
    const char *end;
    char host[256];
    int err;

    found->canon[0] = 0;
    if (!node)
    {
        IN_ADDR any4 = { .S_un.S_addr = 0 }, loopback4 = { .S_un.S_addr = htonl(INADDR_LOOPBACK) };
        BOOL passive = flags & AI_PASSIVE;
        if (family != AF_INET) add_address(found, AF_INET6, passive ? any6 : loopback6, 0);
        if (family != AF_INET6) add_address(found, AF_INET, passive ? &any4 : &loopback4, 0);
        return 0;
    }
    if (parse_ipv4(node, IPV4_LOOSE, &v4, &end) && !*end)
    {
        if (family == AF_INET6) return EAI_NONAME;
        add_address(found, AF_INET, &v4, 0);
    }
    else if (parse_ipv6_scoped(node, &v6, &scope))
    {
        if (family == AF_INET) return EAI_NONAME;
        add_address(found, AF_INET6, &v6, scope);
    }
    else if (flags & AI_NUMERICHOST) return EAI_NONAME;
    else if (is_localhost(node))
    {
        IN_ADDR loopback4 = { .S_un.S_addr = htonl(INADDR_LOOPBACK) };
        if (family != AF_INET) add_address(found, AF_INET6, loopback6, 0);
        if (family != AF_INET6) add_address(found, AF_INET, &loopback4, 0);
        if (flags & AI_CANONNAME) memcpy(found->canon, "localhost", sizeof("localhost"));
        return 0;
    }
    else
    {
        /* an empty name is this machine */
        if (!*node)
        {
            if ((err = wring_host_name(host, sizeof(host)))) return err;
            node = host;
        }
        found->count = MAX_ADDRESSES;
        return wring_resolve_host(node, family, found->addrs, &found->count, found->canon,
                                  (flags & AI_CANONNAME) ? sizeof(found->canon) : 0);
    }
    if (flags & AI_CANONNAME)
    {
        size_t len = strlen(node);
        if (len >= sizeof(found->canon)) return EAI_FAIL;
        memcpy(found->canon, node, len + 1);
    }
    return 0;
}

static int resolve_service(const char *service, int flags, int socktype, int protocol, USHORT *port)
{
    ULONG value = 0;
    const char *p;

    *port = 0;
    if (!service) return 0;
    for (p = service; *p >= '0' && *p <= '9'; p++)
    {
        value = value * 10 + (*p - '0');
        if (value > 0xffff) return EAI_SERVICE;
    }
    if (p != service && !*p)
    {
        *port = value;
        return 0;
    }
    if (flags & AI_NUMERICSERV) return EAI_NONAME;
    if (!protocol) protocol = socktype == SOCK_DGRAM ? IPPROTO_UDP : socktype == SOCK_STREAM ? IPPROTO_TCP : 0;
    return wring_resolve_service(service, protocol, port);
}

static int lookup(const char *node, const char *service, const ADDRINFOA *hints, struct lookup *found)
{
    int flags = hints ? hints->ai_flags : 0, family = hints ? hints->ai_family : AF_UNSPEC;
    int socktype = hints ? hints->ai_socktype : 0, protocol = hints ? hints->ai_protocol : 0;
    int err;

    found->count = 0;
    if (!node && !service) return EAI_NONAME;
    if ((flags & AI_CANONNAME) && !node) return EAI_BADFLAGS;
    if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6) return EAI_FAMILY;
    if (socktype != 0 && socktype != SOCK_STREAM && socktype != SOCK_DGRAM && socktype != SOCK_RAW &&
        socktype != SOCK_RDM && socktype != SOCK_SEQPACKET)
        return EAI_SOCKTYPE;
    if ((err = resolve_service(service, flags, socktype, protocol, &found->port))) return err;
    return resolve_node(node, family, flags, found);
}

static void fill_sockaddr(SOCKADDR *sa, const struct wring_net_address *a, USHORT port)
{
    if (a->family == AF_INET)
    {
        SOCKADDR_IN *sin = (SOCKADDR_IN *)sa;
        memset(sin, 0, sizeof(*sin));
        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
        memcpy(&sin->sin_addr, a->addr, 4);
    }
    else
    {
        SOCKADDR_IN6 *sin6 = (SOCKADDR_IN6 *)sa;
        memset(sin6, 0, sizeof(*sin6));
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port);
        memcpy(&sin6->sin6_addr, a->addr, 16);
        sin6->sin6_scope_id = a->scope_id;
    }
}

/* ADDRINFOA and ADDRINFOW have the same layout but for the canonical name's type, so one
 * builder makes both: each entry is one block with its address behind it, the name apart. */
static int build_list(const struct lookup *found, const ADDRINFOA *hints, BOOL wide, ADDRINFOA **result)
{
    ADDRINFOA *head = NULL, **tail = &head;

    for (ULONG i = 0; i < found->count; i++)
    {
        size_t salen = found->addrs[i].family == AF_INET ? sizeof(SOCKADDR_IN) : sizeof(SOCKADDR_IN6);
        ADDRINFOA *ai = names_alloc(sizeof(*ai) + sizeof(SOCKADDR_IN6));

        if (!ai) goto oom;
        memset(ai, 0, sizeof(*ai));
        ai->ai_flags = hints ? hints->ai_flags : 0;
        ai->ai_family = found->addrs[i].family;
        ai->ai_socktype = hints ? hints->ai_socktype : 0;
        ai->ai_protocol = hints ? hints->ai_protocol : 0;
        ai->ai_addrlen = salen;
        ai->ai_addr = (SOCKADDR *)(ai + 1);
        fill_sockaddr(ai->ai_addr, &found->addrs[i], found->port);
        *tail = ai;
        tail = &ai->ai_next;
        if (i == 0 && hints && (hints->ai_flags & AI_CANONNAME) && found->canon[0])
        {
            size_t len = strlen(found->canon) + 1;
            if (!(ai->ai_canonname = names_alloc(len * (wide ? sizeof(WCHAR) : 1)))) goto oom;
            if (wide)
            {
                ULONG done;
                RtlUTF8ToUnicodeN((WCHAR *)ai->ai_canonname, len * sizeof(WCHAR), &done, found->canon, len);
            }
            else memcpy(ai->ai_canonname, found->canon, len);
        }
    }
    *result = head;
    return 0;
oom:
    freeaddrinfo(head);
    return EAI_MEMORY;
}

INT WINAPI getaddrinfo(const char *node, const char *service, const ADDRINFOA *hints, ADDRINFOA **result)
{
    struct lookup *found;
    int err;

    if (!result) err = WSAEINVAL;
    else if (!(found = names_alloc(sizeof(*found)))) err = EAI_MEMORY;
    else
    {
        *result = NULL;
        if (!(err = lookup(node, service, hints, found))) err = build_list(found, hints, FALSE, result);
        names_free(found);
    }
    WSASetLastError(err);
    return err;
}

void WINAPI freeaddrinfo(ADDRINFOA *ai)
{
    while (ai)
    {
        ADDRINFOA *next = ai->ai_next;
        names_free(ai->ai_canonname);
        names_free(ai);
        ai = next;
    }
}

void WINAPI FreeAddrInfoW(ADDRINFOW *ai)
{
    freeaddrinfo((ADDRINFOA *)ai);
}

/* A UTF-8 copy of a wide name (the resolver's encoding), NULL staying NULL; FALSE on no memory. */
static BOOL utf8_copy(const WCHAR *text, char **copy)
{
    ULONG size, done;

    *copy = NULL;
    if (!text) return TRUE;
    RtlUnicodeToUTF8N(NULL, 0, &size, text, (wcslen(text) + 1) * sizeof(WCHAR));
    if (!(*copy = names_alloc(size))) return FALSE;
    RtlUnicodeToUTF8N(*copy, size, &done, text, (wcslen(text) + 1) * sizeof(WCHAR));
    return TRUE;
}

INT WINAPI GetAddrInfoW(const WCHAR *node, const WCHAR *service, const ADDRINFOW *hints, ADDRINFOW **result)
{
    char *node8 = NULL, *service8 = NULL;
    ADDRINFOA hints8;
    struct lookup *found = NULL;
    int err;

    if (hints)
    {
        memset(&hints8, 0, sizeof(hints8));
        hints8.ai_flags = hints->ai_flags;
        hints8.ai_family = hints->ai_family;
        hints8.ai_socktype = hints->ai_socktype;
        hints8.ai_protocol = hints->ai_protocol;
    }
    if (!result) err = WSAEINVAL;
    else if (!utf8_copy(node, &node8) || !utf8_copy(service, &service8) || !(found = names_alloc(sizeof(*found))))
        err = EAI_MEMORY;
    else
    {
        *result = NULL;
        if (!(err = lookup(node8, service8, hints ? &hints8 : NULL, found)))
            err = build_list(found, hints ? &hints8 : NULL, TRUE, (ADDRINFOA **)result);
    }
    names_free(found);
    names_free(node8);
    names_free(service8);
    WSASetLastError(err);
    return err;
}

/* The address in SA as the resolver takes it, or a Winsock error. */
static int read_sockaddr(const SOCKADDR *sa, socklen_t len, struct wring_net_address *a, USHORT *port)
{
    if (!ws2_accessible(sa, sizeof(sa->sa_family), FALSE)) return WSAEFAULT;
    memset(a, 0, sizeof(*a));
    if (sa->sa_family == AF_INET)
    {
        const SOCKADDR_IN *sin = (const SOCKADDR_IN *)sa;
        if (len < (socklen_t)sizeof(*sin) || !ws2_accessible(sin, sizeof(*sin), FALSE)) return WSAEFAULT;
        a->family = AF_INET;
        memcpy(a->addr, &sin->sin_addr, 4);
        *port = ntohs(sin->sin_port);
        return 0;
    }
    if (sa->sa_family == AF_INET6)
    {
        const SOCKADDR_IN6 *sin6 = (const SOCKADDR_IN6 *)sa;
        if (len < (socklen_t)sizeof(*sin6) || !ws2_accessible(sin6, sizeof(*sin6), FALSE)) return WSAEFAULT;
        a->family = AF_INET6;
        memcpy(a->addr, &sin6->sin6_addr, 16);
        a->scope_id = sin6->sin6_scope_id;
        *port = ntohs(sin6->sin6_port);
        return 0;
    }
    return EAI_FAMILY;
}

static void numeric_host(const struct wring_net_address *a, char *text)
{
    if (a->family == AF_INET) format_ipv4((const IN_ADDR *)a->addr, text);
    else
    {
        format_ipv6((const IN6_ADDR *)a->addr, text);
        if (a->scope_id)
        {
            char *p = text + strlen(text);
            ULONG scope = a->scope_id, div = 1000000000;
            *p++ = '%';
            while (div > 1 && scope / div == 0) div /= 10;
            for (; div; div /= 10) *p++ = '0' + (scope / div) % 10;
            *p = 0;
        }
    }
}

static int copy_out(char *buf, DWORD size, const char *text)
{
    size_t len = strlen(text);
    if (len >= size || !ws2_accessible(buf, len + 1, TRUE)) return WSAEFAULT;
    memcpy(buf, text, len + 1);
    return 0;
}

/* getnameinfo's work into HOST and SERV (UTF-8), whose sizes say whether each is wanted. */
static int name_info(const SOCKADDR *sa, socklen_t len, char *host, DWORD host_size, char *serv,
                     DWORD serv_size, INT flags)
{
    struct wring_net_address a;
    USHORT port;
    int err;

    if ((err = read_sockaddr(sa, len, &a, &port))) return err;
    if (!host_size && !serv_size) return EAI_NONAME;
    if (host_size)
    {
        char text[NI_MAXHOST];
        if (flags & NI_NUMERICHOST) numeric_host(&a, text);
        else if ((err = wring_resolve_address(&a, !!(flags & NI_NAMEREQD), text, sizeof(text)))) return err;
        if ((flags & NI_NOFQDN) && !(flags & NI_NUMERICHOST))
        {
            char *dot = strchr(text, '.');
            if (dot) *dot = 0;
        }
        if ((err = copy_out(host, host_size, text))) return err;
    }
    if (serv_size)
    {
        char text[NI_MAXSERV];
        int protocol = (flags & NI_DGRAM) ? IPPROTO_UDP : IPPROTO_TCP;
        if (flags & NI_NUMERICSERV)
        {
            char *p = text;
            ULONG div = 10000;
            while (div > 1 && port / div == 0) div /= 10;
            for (; div; div /= 10) *p++ = '0' + (port / div) % 10;
            *p = 0;
        }
        else if ((err = wring_service_name(port, protocol, text, sizeof(text)))) return err;
        if ((err = copy_out(serv, serv_size, text))) return err;
    }
    return 0;
}

INT WINAPI getnameinfo(const SOCKADDR *sa, socklen_t len, char *host, DWORD host_size, char *serv,
                       DWORD serv_size, INT flags)
{
    int err = name_info(sa, len, host, host ? host_size : 0, serv, serv ? serv_size : 0, flags);
    WSASetLastError(err);
    return err;
}

static int widen_out(WCHAR *buf, DWORD size, const char *text)
{
    ULONG done;
    size_t len = strlen(text) + 1;

    /* UTF-16 takes no more characters than the UTF-8 takes bytes */
    if (!ws2_accessible(buf, (len < size ? len : size) * sizeof(WCHAR), TRUE)) return WSAEFAULT;
    if (RtlUTF8ToUnicodeN(buf, size * sizeof(WCHAR), &done, text, len)) return WSAEFAULT;
    return 0;
}

INT WINAPI GetNameInfoW(const SOCKADDR *sa, socklen_t len, WCHAR *host, DWORD host_size, WCHAR *serv,
                        DWORD serv_size, INT flags)
{
    char host8[NI_MAXHOST], serv8[NI_MAXSERV];
    BOOL want_host = host && host_size, want_serv = serv && serv_size;
    int err = name_info(sa, len, host8, want_host ? sizeof(host8) : 0, serv8, want_serv ? sizeof(serv8) : 0, flags);

    if (!err && want_host) err = widen_out(host, host_size, host8);
    if (!err && want_serv) err = widen_out(serv, serv_size, serv8);
    WSASetLastError(err);
    return err;
}

int WINAPI gethostname(char *name, int size)
{
    char text[256];
    int err;

    if (!name || size <= 0) err = WSAEFAULT;
    else if (!(err = wring_host_name(text, sizeof(text)))) err = copy_out(name, size, text);
    if (!err) return 0;
    WSASetLastError(err);
    return SOCKET_ERROR;
}

int WINAPI GetHostNameW(WCHAR *name, int size)
{
    char text[256];
    int err;

    if (!name || size <= 0) err = WSAEFAULT;
    else if (!(err = wring_host_name(text, sizeof(text)))) err = widen_out(name, size, text);
    if (!err) return 0;
    WSASetLastError(err);
    return SOCKET_ERROR;
}

/* Fills the thread's hostent with NAME and the IPv4 addresses of FOUND. */
static struct hostent *fill_hostent(const char *name, const struct lookup *found)
{
    struct thread_names *names = get_thread_names();
    int n = 0;

    if (!names)
    {
        WSASetLastError(WSA_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if (copy_out(names->name, sizeof(names->name), name)) names->name[0] = 0;
    for (ULONG i = 0; i < found->count && n < (int)ARRAYSIZE(names->addrs); i++)
    {
        if (found->addrs[i].family != AF_INET) continue;
        memcpy(&names->addrs[n], found->addrs[i].addr, 4);
        names->addr_list[n] = (char *)&names->addrs[n];
        n++;
    }
    names->addr_list[n] = NULL;
    names->aliases[0] = NULL;
    names->host.h_name = names->name;
    names->host.h_aliases = names->aliases;
    names->host.h_addrtype = AF_INET;
    names->host.h_length = 4;
    names->host.h_addr_list = names->addr_list;
    return &names->host;
}

struct hostent * WINAPI gethostbyname(const char *name)
{
    char host[256];
    struct lookup *found;
    struct hostent *he = NULL;
    int err;

    if (name && !ws2_string_readable(name, 1))
    {
        WSASetLastError(WSAEFAULT);
        return NULL;
    }
    if (!name)
    {
        if ((err = wring_host_name(host, sizeof(host))))
        {
            WSASetLastError(err);
            return NULL;
        }
        name = host;
    }
    if (!(found = names_alloc(sizeof(*found))))
    {
        WSASetLastError(WSA_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    found->count = 0;
    if ((err = resolve_node(name, AF_INET, AI_CANONNAME, found))) WSASetLastError(err);
    else he = fill_hostent(found->canon[0] ? found->canon : name, found);
    names_free(found);
    return he;
}

struct hostent * WINAPI gethostbyaddr(const char *addr, int len, int type)
{
    struct lookup *found;
    struct hostent *he = NULL;
    char name[NI_MAXHOST];
    int err;

    if (type != AF_INET) err = WSAEAFNOSUPPORT;
    else if (len < 4 || !ws2_accessible(addr, 4, FALSE)) err = WSAEFAULT;
    else if (!(found = names_alloc(sizeof(*found)))) err = WSA_NOT_ENOUGH_MEMORY;
    else
    {
        found->count = 0;
        add_address(found, AF_INET, addr, 0);
        if (!(err = wring_resolve_address(&found->addrs[0], TRUE, name, sizeof(name))))
            he = fill_hostent(name, found);
        names_free(found);
    }
    if (err) WSASetLastError(err);
    return he;
}
