/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Names and addresses: getaddrinfo and GetAddrInfoW on numeric hosts, the
 * missing host (any or loopback), localhost and the machine's own name, with
 * their hints and Winsock errors; getnameinfo and GetNameInfoW; gethostname,
 * GetHostNameW, gethostbyname and gethostbyaddr.  Loopback only: nothing
 * here needs a network, and the only names looked up are this machine's.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include "wine/test.h"

static ADDRINFOA *call_getaddrinfo(const char *node, const char *service, int flags, int family, int socktype,
                                   int protocol, int *err)
{
    ADDRINFOA hints, *res = (ADDRINFOA *)0xdeadbeef;

    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = flags;
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    WSASetLastError(0xdeadbeef);
    *err = getaddrinfo(node, service, &hints, &res);
    if (*err)
    {
        ok(WSAGetLastError() == *err, "last error %d, returned %d\n", WSAGetLastError(), *err);
        return NULL;
    }
    return res;
}

/* Whether LIST holds the address TEXT (as WSAAddressToString writes it) of FAMILY. */
static BOOL has_address(const ADDRINFOA *list, int family, const char *text)
{
    for (const ADDRINFOA *ai = list; ai; ai = ai->ai_next)
    {
        char buf[64];
        DWORD len = sizeof(buf);
        if (ai->ai_family != family) continue;
        if (!WSAAddressToStringA(ai->ai_addr, ai->ai_addrlen, NULL, buf, &len) && !strcmp(buf, text)) return TRUE;
    }
    return FALSE;
}

static int count_entries(const ADDRINFOA *list)
{
    int n = 0;
    for (; list; list = list->ai_next) n++;
    return n;
}

static void test_numeric(void)
{
    ADDRINFOA *res, *ai;
    int err;

    res = call_getaddrinfo("127.0.0.1", "80", 0, AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, &err);
    ok(!err && res, "getaddrinfo: %d\n", err);
    if (res)
    {
        SOCKADDR_IN *sin = (SOCKADDR_IN *)res->ai_addr;
        ok(count_entries(res) == 1, "%d entries\n", count_entries(res));
        ok(res->ai_family == AF_INET && res->ai_socktype == SOCK_STREAM && res->ai_protocol == IPPROTO_TCP,
           "family %d type %d protocol %d\n", res->ai_family, res->ai_socktype, res->ai_protocol);
        ok(res->ai_addrlen == sizeof(SOCKADDR_IN) && !res->ai_canonname, "addrlen %d canon %p\n",
           (int)res->ai_addrlen, res->ai_canonname);
        ok(sin->sin_family == AF_INET && sin->sin_port == htons(80) && sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
           "address %d %d %08lx\n", sin->sin_family, ntohs(sin->sin_port), sin->sin_addr.s_addr);
        freeaddrinfo(res);
    }

    /* socket type 0: one entry per address, type and protocol left 0 */
    res = call_getaddrinfo("10.1.2.3", NULL, 0, AF_UNSPEC, 0, 0, &err);
    ok(!err && res && count_entries(res) == 1 && !res->ai_socktype && !res->ai_protocol &&
       has_address(res, AF_INET, "10.1.2.3"), "type 0: %d\n", err);
    freeaddrinfo(res);
    res = call_getaddrinfo("127.0.0.1", "53", 0, AF_UNSPEC, 0, IPPROTO_UDP, &err);
    ok(!err && res && !res->ai_socktype && res->ai_protocol == IPPROTO_UDP, "protocol only: %d\n", err);
    freeaddrinfo(res);
    /* the loose IPv4 forms inet_addr takes */
    res = call_getaddrinfo("127.1", NULL, 0, AF_INET, 0, 0, &err);
    ok(!err && res && has_address(res, AF_INET, "127.0.0.1"), "127.1: %d\n", err);
    freeaddrinfo(res);

    res = call_getaddrinfo("::1", "443", AI_NUMERICHOST, AF_UNSPEC, SOCK_DGRAM, 0, &err);
    ok(!err && res && count_entries(res) == 1 && res->ai_family == AF_INET6 && res->ai_socktype == SOCK_DGRAM &&
       res->ai_addrlen == sizeof(SOCKADDR_IN6) && has_address(res, AF_INET6, "[::1]:443"), "::1: %d\n", err);
    freeaddrinfo(res);
    res = call_getaddrinfo("fe80::1%2", "65535", 0, AF_UNSPEC, 0, 0, &err);
    ok(!err && res && has_address(res, AF_INET6, "[fe80::1%2]:65535"), "scoped: %d\n", err);
    freeaddrinfo(res);

    /* the canonical name of a number is the number, in the first entry only */
    res = call_getaddrinfo("127.0.0.1", "0", AI_CANONNAME, AF_UNSPEC, SOCK_STREAM, 0, &err);
    ok(!err && res && res->ai_canonname && !strcmp(res->ai_canonname, "127.0.0.1"), "canon: %d %s\n", err,
       res && res->ai_canonname ? res->ai_canonname : "NULL");
    ok(res && (res->ai_flags & AI_CANONNAME), "flags %#x\n", res ? res->ai_flags : 0);
    freeaddrinfo(res);

    /* an address of the other family is not found */
    res = call_getaddrinfo("127.0.0.1", NULL, 0, AF_INET6, 0, 0, &err);
    /* Wine 8.0 returns glibc's EAI_ADDRFAMILY (-9) as it is */
    todo_wine ok(err == WSAHOST_NOT_FOUND, "IPv4 for AF_INET6: %d\n", err);
    res = call_getaddrinfo("::1", NULL, 0, AF_INET, 0, 0, &err);
    ok(err, "IPv6 for AF_INET: %d\n", err);
    freeaddrinfo(res);
    /* a name where only numbers are taken */
    res = call_getaddrinfo("localhost", "80", AI_NUMERICHOST, AF_UNSPEC, 0, 0, &err);
    ok(err == WSAHOST_NOT_FOUND && !res, "AI_NUMERICHOST: %d\n", err);
    res = call_getaddrinfo("1.2.3.4 ", "80", AI_NUMERICHOST, AF_UNSPEC, 0, 0, &err);
    ok(err == WSAHOST_NOT_FOUND, "trailing space: %d\n", err);

    /* getaddrinfo frees what it returns one entry at a time: a list of two */
    res = call_getaddrinfo(NULL, "80", AI_PASSIVE, AF_UNSPEC, SOCK_STREAM, 0, &err);
    ok(!err && count_entries(res) == 2, "passive: %d, %d entries\n", err, count_entries(res));
    for (ai = res; ai; ai = ai->ai_next) ok(ai->ai_socktype == SOCK_STREAM, "type %d\n", ai->ai_socktype);
    freeaddrinfo(res);
    freeaddrinfo(NULL);
}

static void test_null_and_localhost(void)
{
    ADDRINFOA *res;
    int err;

    res = call_getaddrinfo(NULL, "80", AI_PASSIVE, AF_UNSPEC, 0, 0, &err);
    ok(!err && has_address(res, AF_INET, "0.0.0.0:80") && has_address(res, AF_INET6, "[::]:80"),
       "passive: %d\n", err);
    ok(res && res->ai_flags == AI_PASSIVE, "flags %#x\n", res ? res->ai_flags : 0);
    freeaddrinfo(res);
    res = call_getaddrinfo(NULL, "80", 0, AF_UNSPEC, SOCK_STREAM, 0, &err);
    ok(!err && has_address(res, AF_INET, "127.0.0.1:80") && has_address(res, AF_INET6, "[::1]:80"),
       "loopback: %d\n", err);
    freeaddrinfo(res);
    res = call_getaddrinfo(NULL, "8080", 0, AF_INET, SOCK_STREAM, IPPROTO_TCP, &err);
    ok(!err && count_entries(res) == 1 && has_address(res, AF_INET, "127.0.0.1:8080"), "loopback v4: %d\n", err);
    freeaddrinfo(res);
    res = call_getaddrinfo(NULL, "8080", AI_PASSIVE, AF_INET6, 0, 0, &err);
    ok(!err && count_entries(res) == 1 && has_address(res, AF_INET6, "[::]:8080"), "any v6: %d\n", err);
    freeaddrinfo(res);

    res = call_getaddrinfo("localhost", "8080", AI_CANONNAME, AF_UNSPEC, SOCK_STREAM, 0, &err);
    ok(!err && has_address(res, AF_INET, "127.0.0.1:8080"), "localhost: %d\n", err);
    ok(res && res->ai_canonname && !strcmp(res->ai_canonname, "localhost"), "canon %s\n",
       res && res->ai_canonname ? res->ai_canonname : "NULL");
    freeaddrinfo(res);
    res = call_getaddrinfo("LocalHost", "8080", 0, AF_INET, 0, 0, &err);
    ok(!err && count_entries(res) == 1 && has_address(res, AF_INET, "127.0.0.1:8080"), "LocalHost: %d\n", err);
    freeaddrinfo(res);
}

static void test_services_and_errors(void)
{
    ADDRINFOA *res, *ai;
    int err;

    /* a service name goes to the services database */
    res = call_getaddrinfo("127.0.0.1", "http", 0, AF_INET, SOCK_STREAM, 0, &err);
    ok(!err && has_address(res, AF_INET, "127.0.0.1:80"), "http: %d\n", err);
    freeaddrinfo(res);
    res = call_getaddrinfo("127.0.0.1", "http", AI_NUMERICSERV, AF_INET, 0, 0, &err);
    ok(err == WSAHOST_NOT_FOUND, "AI_NUMERICSERV: %d\n", err);
    res = call_getaddrinfo("127.0.0.1", "nosuchservice", 0, AF_UNSPEC, 0, 0, &err);
    ok(err == WSATYPE_NOT_FOUND, "unknown service: %d\n", err);
    res = call_getaddrinfo("127.0.0.1", "-1", 0, AF_UNSPEC, 0, 0, &err);
    ok(err == WSATYPE_NOT_FOUND, "service -1: %d\n", err);
    res = call_getaddrinfo("127.0.0.1", "0x10", 0, AF_UNSPEC, 0, 0, &err);
    ok(err == WSATYPE_NOT_FOUND, "service 0x10: %d\n", err);

    res = call_getaddrinfo(NULL, NULL, 0, AF_UNSPEC, 0, 0, &err);
    ok(err == WSAHOST_NOT_FOUND && !res, "neither node nor service: %d\n", err);
    res = call_getaddrinfo(NULL, "80", AI_CANONNAME, AF_UNSPEC, 0, 0, &err);
    ok(err == WSAEINVAL, "AI_CANONNAME without a node: %d\n", err);
    res = call_getaddrinfo("127.0.0.1", "80", 0, 7, 0, 0, &err);
    ok(err == WSAEAFNOSUPPORT, "family 7: %d\n", err);
    res = call_getaddrinfo("127.0.0.1", "80", 0, AF_UNSPEC, 77, 0, &err);
    ok(err == WSAESOCKTNOSUPPORT, "socket type 77: %d\n", err);
    res = call_getaddrinfo("nonexistent.invalid", "80", 0, AF_UNSPEC, 0, 0, &err);
    ok(err == WSAHOST_NOT_FOUND, "nonexistent.invalid: %d\n", err);

    /* without hints: any family and type */
    res = NULL;
    err = getaddrinfo("127.0.0.1", "7", NULL, &res);
    ok(!err && res && res->ai_family == AF_INET && has_address(res, AF_INET, "127.0.0.1:7"), "no hints: %d\n", err);
    for (ai = res; ai; ai = ai->ai_next) ok(ai->ai_addr != NULL, "entry without an address\n");
    freeaddrinfo(res);
}

static void test_wide(void)
{
    ADDRINFOW hints, *res = NULL;
    WCHAR host[NI_MAXHOST], serv[NI_MAXSERV];
    int err;

    memset(&hints, 0, sizeof(hints));
    hints.ai_flags = AI_CANONNAME;
    hints.ai_family = AF_INET6;
    hints.ai_socktype = SOCK_STREAM;
    err = GetAddrInfoW(L"::1", L"8443", &hints, &res);
    ok(!err && res && res->ai_family == AF_INET6 && res->ai_addrlen == sizeof(SOCKADDR_IN6), "GetAddrInfoW: %d\n",
       err);
    if (!res) return;
    ok(res->ai_canonname && !wcscmp(res->ai_canonname, L"::1"), "canon %ls\n",
       res->ai_canonname ? res->ai_canonname : L"NULL");
    ok(((SOCKADDR_IN6 *)res->ai_addr)->sin6_port == htons(8443), "port %d\n",
       ntohs(((SOCKADDR_IN6 *)res->ai_addr)->sin6_port));
    err = GetNameInfoW(res->ai_addr, res->ai_addrlen, host, ARRAYSIZE(host), serv, ARRAYSIZE(serv),
                       NI_NUMERICHOST | NI_NUMERICSERV);
    ok(!err && !wcscmp(host, L"::1") && !wcscmp(serv, L"8443"), "GetNameInfoW: %d %ls %ls\n", err, host, serv);
    FreeAddrInfoW(res);

    err = GetAddrInfoW(NULL, NULL, NULL, &res);
    ok(err == WSAHOST_NOT_FOUND && WSAGetLastError() == WSAHOST_NOT_FOUND, "GetAddrInfoW(NULL, NULL): %d\n", err);
}

static void test_nameinfo(void)
{
    SOCKADDR_IN sin;
    SOCKADDR_IN6 sin6;
    char host[NI_MAXHOST], serv[NI_MAXSERV];
    int err;

    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = htons(80);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    err = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), serv, sizeof(serv),
                      NI_NUMERICHOST | NI_NUMERICSERV);
    ok(!err && !strcmp(host, "127.0.0.1") && !strcmp(serv, "80"), "numeric: %d %s %s\n", err, host, serv);
    err = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), serv, sizeof(serv), NI_NUMERICHOST);
    ok(!err && !strcmp(serv, "http"), "service name: %d %s\n", err, serv);
    sin.sin_port = htons(61234);
    err = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), serv, sizeof(serv), NI_NUMERICHOST);
    ok(!err && !strcmp(serv, "61234"), "port without a name: %d %s\n", err, serv);
    err = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, NI_NUMERICHOST);
    ok(!err && !strcmp(host, "127.0.0.1"), "host only: %d %s\n", err, host);
    /* the reverse lookup of loopback finds a name */
    err = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, NI_NAMEREQD);
    ok(!err && host[0], "loopback's name: %d %s\n", err, host);

    WSASetLastError(0xdeadbeef);
    err = getnameinfo((SOCKADDR *)&sin, sizeof(sin) - 1, host, sizeof(host), serv, sizeof(serv), NI_NUMERICHOST);
    /* Wine 8.0 gives WSAEAFNOSUPPORT */
    todo_wine ok(err == WSAEFAULT, "short address: %d\n", err);
    sin.sin_family = 7;
    err = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), serv, sizeof(serv), NI_NUMERICHOST);
    ok(err == WSAEAFNOSUPPORT, "family 7: %d\n", err);
    sin.sin_family = AF_INET;
    /* an address with no name (TEST-NET-1), when a name is required */
    sin.sin_addr.s_addr = htonl(0xc0000201);
    err = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, NI_NAMEREQD);
    ok(err == WSAHOST_NOT_FOUND, "NI_NAMEREQD: %d\n", err);
    err = getnameinfo((SOCKADDR *)&sin, sizeof(sin), host, sizeof(host), NULL, 0, 0);
    ok(!err && !strcmp(host, "192.0.2.1"), "no name: %d %s\n", err, host);

    memset(&sin6, 0, sizeof(sin6));
    sin6.sin6_family = AF_INET6;
    sin6.sin6_port = htons(443);
    sin6.sin6_addr.s6_addr[15] = 1;
    err = getnameinfo((SOCKADDR *)&sin6, sizeof(sin6), host, sizeof(host), serv, sizeof(serv),
                      NI_NUMERICHOST | NI_NUMERICSERV);
    ok(!err && !strcmp(host, "::1") && !strcmp(serv, "443"), "IPv6: %d %s %s\n", err, host, serv);
}

static void test_hostname(void)
{
    char name[256], again[256];
    WCHAR wname[256];
    struct hostent *he;
    ULONG loopback = htonl(INADDR_LOOPBACK);
    int ret, len;

    ret = gethostname(name, sizeof(name));
    ok(!ret && name[0], "gethostname: %d %s\n", ret, name);
    len = strlen(name);
    /* the terminator must fit */
    WSASetLastError(0xdeadbeef);
    ret = gethostname(again, len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "exact length: %d error %d\n", ret, WSAGetLastError());
    ret = gethostname(again, len + 1);
    ok(!ret && !strcmp(again, name), "length + 1: %d %s\n", ret, again);
    WSASetLastError(0xdeadbeef);
    ret = gethostname(NULL, 100);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "NULL: %d error %d\n", ret, WSAGetLastError());
    ret = GetHostNameW(wname, ARRAYSIZE(wname));
    ok(!ret && wname[0], "GetHostNameW: %d\n", ret);
    for (int i = 0; !ret && i <= len; i++) ok(wname[i] == (unsigned char)name[i], "char %d differs\n", i);
    WSASetLastError(0xdeadbeef);
    ret = GetHostNameW(wname, 1);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "GetHostNameW short: %d error %d\n", ret,
       WSAGetLastError());

    he = gethostbyname("127.0.0.1");
    ok(he && !strcmp(he->h_name, "127.0.0.1") && he->h_addrtype == AF_INET && he->h_length == 4,
       "gethostbyname(127.0.0.1): %p\n", he);
    if (he) ok(he->h_addr_list[0] && !memcmp(he->h_addr_list[0], &loopback, 4) && !he->h_addr_list[1],
               "addresses wrong\n");
    he = gethostbyname("localhost");
    ok(he && he->h_addrtype == AF_INET && he->h_addr_list[0] && !memcmp(he->h_addr_list[0], &loopback, 4),
       "gethostbyname(localhost): %p\n", he);
    he = gethostbyname(NULL);
    ok(he && !strcmp(he->h_name, name), "gethostbyname(NULL): %s\n", he ? he->h_name : "NULL");
    WSASetLastError(0xdeadbeef);
    he = gethostbyname("nonexistent.invalid");
    ok(!he && WSAGetLastError() == WSAHOST_NOT_FOUND, "nonexistent: %p error %d\n", he, WSAGetLastError());

    he = gethostbyaddr((char *)&loopback, 4, AF_INET);
    ok(he && he->h_name[0] && he->h_addrtype == AF_INET, "gethostbyaddr: %p\n", he);
    WSASetLastError(0xdeadbeef);
    he = gethostbyaddr((char *)&loopback, 4, 7);
    ok(!he && WSAGetLastError() == WSAEAFNOSUPPORT, "family 7: %p error %d\n", he, WSAGetLastError());
}

void func_addrinfo(void)
{
    WSADATA data;
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_numeric();
    test_null_and_localhost();
    test_services_and_errors();
    test_wide();
    test_nameinfo();
    test_hostname();
    WSACleanup();
}
