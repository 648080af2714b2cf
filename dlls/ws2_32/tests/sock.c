/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sockets on loopback, blocking and FIONBIO: creation and its errors, bind,
 * listen, connect, accept, names, send/recv over TCP and UDP on IPv4 and
 * IPv6, shutdown, options, ioctls, and the errors of bad handles and buffers.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <mstcpip.h>
#include <mswsock.h>
#include <windows.h>
#include "wine/test.h"

static void loopback(int family, struct sockaddr_storage *addr, int *len)
{
    memset(addr, 0, sizeof(*addr));
    if (family == AF_INET)
    {
        struct sockaddr_in *in = (struct sockaddr_in *)addr;
        in->sin_family = AF_INET;
        in->sin_addr.s_addr = 0x0100007f;   /* 127.0.0.1 in network order (htonl is not this test's) */
        *len = sizeof(*in);
    }
    else
    {
        struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)addr;
        in6->sin6_family = AF_INET6;
        in6->sin6_addr.s6_addr[15] = 1;
        *len = sizeof(*in6);
    }
}

/* A listening socket on a loopback port of the system's choice; its address in addr. */
static SOCKET make_listener(int family, struct sockaddr_storage *addr, int *len)
{
    SOCKET s = socket(family, SOCK_STREAM, IPPROTO_TCP);
    ok(s != INVALID_SOCKET, "socket: %d\n", WSAGetLastError());
    loopback(family, addr, len);
    ok(!bind(s, (struct sockaddr *)addr, *len), "bind: %d\n", WSAGetLastError());
    ok(!listen(s, SOMAXCONN), "listen: %d\n", WSAGetLastError());
    ok(!getsockname(s, (struct sockaddr *)addr, len), "getsockname: %d\n", WSAGetLastError());
    return s;
}

/* A connected pair over loopback TCP. */
static void make_pair(int family, SOCKET *client, SOCKET *server)
{
    struct sockaddr_storage addr;
    int len;
    SOCKET l = make_listener(family, &addr, &len);
    *client = socket(family, SOCK_STREAM, IPPROTO_TCP);
    ok(!connect(*client, (struct sockaddr *)&addr, len), "connect: %d\n", WSAGetLastError());
    *server = accept(l, NULL, NULL);
    ok(*server != INVALID_SOCKET, "accept: %d\n", WSAGetLastError());
    closesocket(l);
}

static void test_create(void)
{
    SOCKET s;
    int type, len;

    WSASetLastError(0xdeadbeef);
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_UDP);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAEPROTONOSUPPORT, "TCP with UDP: %d\n", WSAGetLastError());
    s = socket(12345, SOCK_STREAM, 0);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAEAFNOSUPPORT, "bad family: %d\n", WSAGetLastError());
    s = socket(AF_INET, 77, 0);
    ok(s == INVALID_SOCKET && WSAGetLastError() == WSAESOCKTNOSUPPORT, "bad type: %d\n", WSAGetLastError());

    s = WSASocketW(AF_INET6, SOCK_DGRAM, 0, NULL, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
    ok(s != INVALID_SOCKET, "WSASocketW: %d\n", WSAGetLastError());
    len = sizeof(type);
    ok(!getsockopt(s, SOL_SOCKET, SO_TYPE, (char *)&type, &len) && type == SOCK_DGRAM && len == sizeof(int),
       "SO_TYPE %d len %d\n", type, len);
    ok(!closesocket(s), "closesocket: %d\n", WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ok(closesocket(s) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "closed twice: %d\n", WSAGetLastError());

    s = WSASocketA(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, 0);
    ok(s != INVALID_SOCKET, "WSASocketA: %d\n", WSAGetLastError());
    closesocket(s);
}

static void test_not_socket(void)
{
    HANDLE event = CreateEventA(NULL, TRUE, FALSE, NULL);
    struct sockaddr_in addr = { AF_INET };
    char buf[4];
    int len = sizeof(addr);

    WSASetLastError(0xdeadbeef);
    ok(bind((SOCKET)event, (struct sockaddr *)&addr, sizeof(addr)) && WSAGetLastError() == WSAENOTSOCK,
       "bind: %d\n", WSAGetLastError());
    ok(send((SOCKET)event, buf, 4, 0) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "send: %d\n",
       WSAGetLastError());
    ok(recv((SOCKET)0xdead0, buf, 4, 0) == SOCKET_ERROR && WSAGetLastError() == WSAENOTSOCK, "recv: %d\n",
       WSAGetLastError());
    ok(getsockname((SOCKET)event, (struct sockaddr *)&addr, &len) && WSAGetLastError() == WSAENOTSOCK,
       "getsockname: %d\n", WSAGetLastError());
    ok(closesocket((SOCKET)event) && WSAGetLastError() == WSAENOTSOCK, "closesocket: %d\n", WSAGetLastError());
    CloseHandle(event);
}

static void test_bind_listen(void)
{
    struct sockaddr_storage addr, addr2;
    struct sockaddr_in in = { AF_INET };
    int len, len2;
    SOCKET s, s2;

    s = socket(AF_INET, SOCK_STREAM, 0);
    len = sizeof(addr);
    ok(getsockname(s, (struct sockaddr *)&addr, &len) && WSAGetLastError() == WSAEINVAL, "unbound name: %d\n",
       WSAGetLastError());
    ok(listen(s, 5) && WSAGetLastError() == WSAEINVAL, "listen unbound: %d\n", WSAGetLastError());
    ok(bind(s, (struct sockaddr *)&in, sizeof(in) - 1) && WSAGetLastError() == WSAEFAULT, "short bind: %d\n",
       WSAGetLastError());
    /* Wine 8.0's bind reads the address unguarded and faults, where Windows answers WSAEFAULT */
    if (!winetest_platform_is_wine)
        ok(bind(s, (struct sockaddr *)1, sizeof(in)) && WSAGetLastError() == WSAEFAULT, "bad address: %d\n",
           WSAGetLastError());
    loopback(AF_INET, &addr, &len);
    ok(!bind(s, (struct sockaddr *)&addr, len), "bind: %d\n", WSAGetLastError());
    ok(bind(s, (struct sockaddr *)&addr, len) && WSAGetLastError() == WSAEINVAL, "bound twice: %d\n",
       WSAGetLastError());
    len = sizeof(addr);
    ok(!getsockname(s, (struct sockaddr *)&addr, &len) && len == sizeof(struct sockaddr_in), "name: %d\n",
       WSAGetLastError());
    ok(((struct sockaddr_in *)&addr)->sin_port != 0, "no port\n");
    len2 = 4;
    ok(getsockname(s, (struct sockaddr *)&addr2, &len2) && WSAGetLastError() == WSAEFAULT, "short name: %d\n",
       WSAGetLastError());

    /* the same address again is in use */
    s2 = socket(AF_INET, SOCK_STREAM, 0);
    ok(!listen(s, 5), "listen: %d\n", WSAGetLastError());
    ok(bind(s2, (struct sockaddr *)&addr, len) && WSAGetLastError() == WSAEADDRINUSE, "in use: %d\n",
       WSAGetLastError());
    closesocket(s2);

    len = sizeof(addr);
    ok(getpeername(s, (struct sockaddr *)&addr, &len) && WSAGetLastError() == WSAENOTCONN, "peer: %d\n",
       WSAGetLastError());
    closesocket(s);
}

static void test_connect_refused(void)
{
    struct sockaddr_storage addr;
    int len;
    SOCKET l = make_listener(AF_INET, &addr, &len), s;
    closesocket(l);
    s = socket(AF_INET, SOCK_STREAM, 0);
    WSASetLastError(0xdeadbeef);
    ok(connect(s, (struct sockaddr *)&addr, len) && WSAGetLastError() == WSAECONNREFUSED, "refused: %d\n",
       WSAGetLastError());
    closesocket(s);
}

static void test_tcp(int family)
{
    struct sockaddr_storage addr, peer;
    char buf[256], big[100000];
    SOCKET c, s;
    int len, n, total;
    ULONG avail;

    winetest_push_context(family == AF_INET ? "IPv4" : "IPv6");
    make_pair(family, &c, &s);
    len = sizeof(addr);
    ok(!getpeername(s, (struct sockaddr *)&peer, &len), "getpeername: %d\n", WSAGetLastError());
    len = sizeof(addr);
    ok(!getsockname(c, (struct sockaddr *)&addr, &len), "getsockname: %d\n", WSAGetLastError());
    ok(!memcmp(&addr, &peer, len), "the server's peer is not the client\n");
    ok(addr.ss_family == family, "family %d\n", addr.ss_family);

    ok(send(c, "hello", 5, 0) == 5, "send: %d\n", WSAGetLastError());
    n = recv(s, buf, 2, MSG_PEEK);
    ok(n == 2 && !memcmp(buf, "he", 2), "peek: %d\n", n);
    avail = 0;
    ok(!ioctlsocket(s, FIONREAD, &avail) && avail == 5, "FIONREAD %lu\n", avail);
    n = recv(s, buf, sizeof(buf), 0);
    ok(n == 5 && !memcmp(buf, "hello", 5), "recv: %d\n", n);

    /* FIONBIO: nothing to read is WSAEWOULDBLOCK */
    avail = 1;
    ok(!ioctlsocket(s, FIONBIO, &avail), "FIONBIO: %d\n", WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ok(recv(s, buf, sizeof(buf), 0) == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK, "would block: %d\n",
       WSAGetLastError());
    avail = 0;
    ioctlsocket(s, FIONBIO, &avail);

    /* a bad buffer is WSAEFAULT, and the data stays */
    ok(send(c, "x", 1, 0) == 1, "send: %d\n", WSAGetLastError());
    ok(recv(s, (char *)1, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "bad recv buffer: %d\n",
       WSAGetLastError());
    ok(send(c, (char *)1, 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT, "bad send buffer: %d\n",
       WSAGetLastError());
    ok(recv(s, buf, sizeof(buf), 0) == 1 && buf[0] == 'x', "the byte is lost\n");

    /* a blocking send of more than the buffers hold returns once all of it is out */
    memset(big, 'b', sizeof(big));
    {
        HANDLE thread;
        DWORD WINAPI drain(void *arg);
        thread = CreateThread(NULL, 0, drain, (void *)s, 0, NULL);
        ok(send(c, big, sizeof(big), 0) == sizeof(big), "big send: %d\n", WSAGetLastError());
        ok(!shutdown(c, SD_SEND), "shutdown: %d\n", WSAGetLastError());
        WaitForSingleObject(thread, INFINITE);
        GetExitCodeThread(thread, (DWORD *)&total);
        CloseHandle(thread);
        ok(total == sizeof(big), "drained %d\n", total);
    }
    ok(send(c, "x", 1, 0) == SOCKET_ERROR && WSAGetLastError() == WSAESHUTDOWN, "send after shutdown: %d\n",
       WSAGetLastError());
    closesocket(c);
    closesocket(s);
    winetest_pop_context();
}

DWORD WINAPI drain(void *arg)
{
    char buf[4096];
    int n, total = 0;
    while ((n = recv((SOCKET)arg, buf, sizeof(buf), 0)) > 0)
    {
        for (int i = 0; i < n; i++) if (buf[i] != 'b') return 0;
        total += n;
    }
    return total;
}

static void test_udp(int family)
{
    struct sockaddr_storage addr, from;
    SOCKET a, b;
    char buf[16];
    int len, from_len, n;

    winetest_push_context(family == AF_INET ? "IPv4" : "IPv6");
    a = socket(family, SOCK_DGRAM, 0);
    b = socket(family, SOCK_DGRAM, IPPROTO_UDP);
    loopback(family, &addr, &len);
    ok(!bind(a, (struct sockaddr *)&addr, len), "bind: %d\n", WSAGetLastError());
    ok(!getsockname(a, (struct sockaddr *)&addr, &len), "getsockname: %d\n", WSAGetLastError());
    ok(sendto(b, "datagram", 8, 0, (struct sockaddr *)&addr, len) == 8, "sendto: %d\n", WSAGetLastError());
    from_len = sizeof(from);
    n = recvfrom(a, buf, sizeof(buf), 0, (struct sockaddr *)&from, &from_len);
    ok(n == 8 && !memcmp(buf, "datagram", 8), "recvfrom: %d\n", n);
    ok(from.ss_family == family && from_len == len, "from family %d len %d\n", from.ss_family, from_len);

    /* a datagram bigger than the buffer: its start, and WSAEMSGSIZE */
    ok(sendto(b, "datagram", 8, 0, (struct sockaddr *)&addr, len) == 8, "sendto: %d\n", WSAGetLastError());
    memset(buf, 0, sizeof(buf));
    WSASetLastError(0xdeadbeef);
    n = recvfrom(a, buf, 4, 0, NULL, NULL);
    ok(n == SOCKET_ERROR && WSAGetLastError() == WSAEMSGSIZE, "truncated: %d error %d\n", n, WSAGetLastError());
    ok(!memcmp(buf, "data", 4), "truncated data %.4s\n", buf);

    from_len = 3;
    ok(sendto(b, "x", 1, 0, (struct sockaddr *)&addr, len) == 1, "sendto: %d\n", WSAGetLastError());
    /* Windows checks the address length first (WSAEFAULT); Wine 8.0 receives and succeeds */
    todo_wine ok(recvfrom(a, buf, sizeof(buf), 0, (struct sockaddr *)&from, &from_len) == SOCKET_ERROR &&
       WSAGetLastError() == WSAEFAULT, "short from: %d\n", WSAGetLastError());
    closesocket(a);
    closesocket(b);
    winetest_pop_context();
}

static DWORD WINAPI blocked_recv(void *arg)
{
    char buf[4];
    return recv((SOCKET)arg, buf, sizeof(buf), 0);
}

/* closing a socket ends a receive blocked on it in another thread (or refuses one not yet begun) */
static void test_close_blocked(void)
{
    SOCKET c, s;
    HANDLE thread;
    DWORD code = 0;

    make_pair(AF_INET, &c, &s);
    thread = CreateThread(NULL, 0, blocked_recv, (void *)s, 0, NULL);
    closesocket(s);
    ok(WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0, "the receive did not end\n");
    GetExitCodeThread(thread, &code);
    ok(code == (DWORD)SOCKET_ERROR, "recv returned %ld\n", code);
    CloseHandle(thread);
    closesocket(c);
}

static void test_options(void)
{
    struct tcp_keepalive ka = { 1, 30000, 5000 };
    WSAPROTOCOL_INFOW info;
    struct linger linger = { 1, 7 };
    int v, len;
    DWORD ret;
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0), s6 = socket(AF_INET6, SOCK_STREAM, 0);

    v = 1;
    ok(!setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&v, sizeof(v)), "TCP_NODELAY: %d\n", WSAGetLastError());
    v = 0; len = sizeof(v);
    ok(!getsockopt(s, IPPROTO_TCP, TCP_NODELAY, (char *)&v, &len) && v == 1, "TCP_NODELAY %d\n", v);
    v = 1;
    ok(!setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&v, sizeof(v)), "SO_KEEPALIVE: %d\n", WSAGetLastError());
    v = 0; len = sizeof(v);
    ok(!getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (char *)&v, &len) && v == 1, "SO_KEEPALIVE %d\n", v);
    v = 65536;
    ok(!setsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, sizeof(v)), "SO_RCVBUF: %d\n", WSAGetLastError());
    v = 0; len = sizeof(v);
    ok(!getsockopt(s, SOL_SOCKET, SO_RCVBUF, (char *)&v, &len) && v == 65536, "SO_RCVBUF %d\n", v);
    v = 32768;
    ok(!setsockopt(s, SOL_SOCKET, SO_SNDBUF, (char *)&v, sizeof(v)), "SO_SNDBUF: %d\n", WSAGetLastError());
    v = 0; len = sizeof(v);
    ok(!getsockopt(s, SOL_SOCKET, SO_SNDBUF, (char *)&v, &len) && v == 32768, "SO_SNDBUF %d\n", v);
    ok(!setsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&linger, sizeof(linger)), "SO_LINGER: %d\n", WSAGetLastError());
    memset(&linger, 0, sizeof(linger)); len = sizeof(linger);
    ok(!getsockopt(s, SOL_SOCKET, SO_LINGER, (char *)&linger, &len) && linger.l_onoff && linger.l_linger == 7,
       "SO_LINGER %u %u\n", linger.l_onoff, linger.l_linger);
    v = 0; len = sizeof(v);
    ok(!getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&v, &len) && !v, "SO_ERROR %d\n", v);
    len = 2;
    ok(getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&v, &len) && WSAGetLastError() == WSAEFAULT, "short: %d\n",
       WSAGetLastError());
    ok(getsockopt(s, SOL_SOCKET, 0x7777, (char *)&v, &len) && WSAGetLastError() == WSAENOPROTOOPT,
       "unknown option: %d\n", WSAGetLastError());

    /* SO_REUSEADDR and SO_EXCLUSIVEADDRUSE exclude each other */
    v = 1;
    ok(!setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&v, sizeof(v)), "exclusive: %d\n", WSAGetLastError());
    ok(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, (char *)&v, sizeof(v)) && WSAGetLastError() == WSAEINVAL,
       "reuse while exclusive: %d\n", WSAGetLastError());
    v = 0; len = sizeof(v);
    ok(!getsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (char *)&v, &len) && v == 1, "exclusive %d\n", v);

    v = 0; len = sizeof(v);
    ok(!getsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len) && v == 1, "IPv6 only by default: %d\n", v);
    v = 0;
    ok(!setsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, sizeof(v)), "IPV6_V6ONLY: %d\n", WSAGetLastError());
    v = 1; len = sizeof(v);
    ok(!getsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, (char *)&v, &len) && v == 0, "dual stack %d\n", v);

    len = sizeof(info);
    ok(!getsockopt(s6, SOL_SOCKET, SO_PROTOCOL_INFOW, (char *)&info, &len), "SO_PROTOCOL_INFOW: %d\n",
       WSAGetLastError());
    ok(info.iAddressFamily == AF_INET6 && info.iSocketType == SOCK_STREAM && info.iProtocol == IPPROTO_TCP,
       "protocol info %d %d %d\n", info.iAddressFamily, info.iSocketType, info.iProtocol);

    ok(!WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, sizeof(ka), NULL, 0, &ret, NULL, NULL), "SIO_KEEPALIVE_VALS: %d\n",
       WSAGetLastError());
    ok(WSAIoctl(s, SIO_KEEPALIVE_VALS, &ka, 4, NULL, 0, &ret, NULL, NULL) && WSAGetLastError() == WSAEFAULT,
       "short SIO_KEEPALIVE_VALS: %d\n", WSAGetLastError());
    /* an unknown command is WSAEINVAL on Windows; Wine 8.0 answers WSAEFAULT */
    todo_wine ok(ioctlsocket(s, 0x12345678, (ULONG *)&v) && WSAGetLastError() == WSAEINVAL, "unknown ioctl: %d\n",
       WSAGetLastError());
    closesocket(s);
    closesocket(s6);
}

static void test_extension_pointers(void)
{
    static const GUID guids[] = { WSAID_ACCEPTEX, WSAID_CONNECTEX, WSAID_DISCONNECTEX, WSAID_GETACCEPTEXSOCKADDRS };
    static const GUID bogus = { 0x12345678, 0x1234, 0x1234, { 1, 2, 3, 4, 5, 6, 7, 8 } };
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    void *func;
    DWORD ret;

    for (int i = 0; i < (int)ARRAYSIZE(guids); i++)
    {
        func = NULL;
        ok(!WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, (void *)&guids[i], sizeof(GUID), &func, sizeof(func),
                     &ret, NULL, NULL), "%d: %d\n", i, WSAGetLastError());
        ok(func != NULL && ret == sizeof(func), "%d: %p %lu\n", i, func, ret);
    }
    ok(WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, (void *)&bogus, sizeof(GUID), &func, sizeof(func), &ret,
                NULL, NULL) && WSAGetLastError() == WSAEINVAL, "bogus GUID: %d\n", WSAGetLastError());
    closesocket(s);
}

START_TEST(sock)
{
    WSADATA data;
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_create();
    test_not_socket();
    test_bind_listen();
    test_connect_refused();
    test_tcp(AF_INET);
    test_tcp(AF_INET6);
    test_udp(AF_INET);
    test_udp(AF_INET6);
    test_close_blocked();
    test_options();
    test_extension_pointers();
    WSACleanup();
}
