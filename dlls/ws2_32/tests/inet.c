/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Addresses as text: byte order, inet_addr and inet_ntoa, inet_pton and
 * inet_ntop (and their W forms) with Windows' way of writing IPv6 (the
 * longest run of zero groups shortened, embedded IPv4 in dotted form), and
 * WSAStringToAddress/WSAAddressToString with ports and scopes.
 */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include "wine/test.h"

static void test_byte_order(void)
{
    /* the exported functions, whatever a header makes of the names */
    u_long (WINAPI *p_htonl)(u_long), (WINAPI *p_ntohl)(u_long);
    u_short (WINAPI *p_htons)(u_short), (WINAPI *p_ntohs)(u_short);
    HMODULE ws2 = GetModuleHandleA("ws2_32.dll");

    p_htonl = (void *)GetProcAddress(ws2, "htonl");
    p_htons = (void *)GetProcAddress(ws2, "htons");
    p_ntohl = (void *)GetProcAddress(ws2, "ntohl");
    p_ntohs = (void *)GetProcAddress(ws2, "ntohs");
    ok(p_htonl && p_htons && p_ntohl && p_ntohs, "byte-order functions missing\n");
    if (!p_htonl || !p_htons || !p_ntohl || !p_ntohs) return;
    ok(p_htonl(0x12345678) == 0x78563412, "htonl %#lx\n", p_htonl(0x12345678));
    ok(p_ntohl(0x78563412) == 0x12345678, "ntohl %#lx\n", p_ntohl(0x78563412));
    ok(p_htons(0x1234) == 0x3412, "htons %#x\n", p_htons(0x1234));
    ok(p_ntohs(0x3412) == 0x1234, "ntohs %#x\n", p_ntohs(0x3412));
    /* Windows' ordinals for them */
    ok(GetProcAddress(ws2, (const char *)8) == (FARPROC)p_htonl, "htonl is not ordinal 8\n");
    ok(GetProcAddress(ws2, (const char *)9) == (FARPROC)p_htons, "htons is not ordinal 9\n");
}

static void test_inet_addr(void)
{
    static const struct { const char *text; ULONG addr; } tests[] =
    {
        { "1.2.3.4", 0x04030201 },
        { "255.255.255.255", 0xffffffff },
        { "0.0.0.0", 0 },
        { "1.2.3", 0x03000201 },           /* the last part fills the bytes left */
        { "1.16777215", 0xffffff01 },
        { "1", 0x01000000 },
        { "01.2.3.4", 0x04030201 },        /* octal */
        { "017.0.0.1", 0x0100000f },
        { "0x7f.1", 0x0100007f },          /* hex */
        { "1.2.3.4 ", 0x04030201 },        /* white space ends the address */
        { "1.2.3.4 x", 0x04030201 },
        { "0X1F.0.0.1", 0x0100001f },
        { "256.1.1.1", INADDR_NONE },
        { "1.2.3.256", INADDR_NONE },
        { "1.2.65536", INADDR_NONE },
        { "0x", INADDR_NONE },
        { " 1.2.3.4", INADDR_NONE },
        { "1.2.3.4.5", INADDR_NONE },
        { "1..2.3", INADDR_NONE },
        { "1.2.3.4x", INADDR_NONE },
        { "08.1.1.1", INADDR_NONE },       /* no 8 in octal */
        { "1.2.3.4:80", INADDR_NONE },
        { "", INADDR_NONE },
    };
    IN_ADDR addr;
    char *text;

    for (int i = 0; i < (int)ARRAYSIZE(tests); i++)
        ok(inet_addr(tests[i].text) == tests[i].addr, "inet_addr(\"%s\") = %08lx, expected %08lx\n",
           tests[i].text, inet_addr(tests[i].text), tests[i].addr);
    ok(inet_addr(NULL) == INADDR_NONE, "inet_addr(NULL) = %08lx\n", inet_addr(NULL));

    addr.s_addr = 0x0100007f;
    text = inet_ntoa(addr);
    ok(text && !strcmp(text, "127.0.0.1"), "inet_ntoa gave %s\n", text ? text : "NULL");
    addr.s_addr = 0xffffffff;
    text = inet_ntoa(addr);
    ok(text && !strcmp(text, "255.255.255.255"), "inet_ntoa gave %s\n", text ? text : "NULL");
}

static void test_pton_ntop(void)
{
    static const struct { const char *text; const char *out; } v6[] =
    {
        { "::", "::" },
        { "::1", "::1" },
        { "0::0", "::" },
        { "1::", "1::" },
        { "ABCD::EF", "abcd::ef" },
        { "1:0:0:2:0:0:0:3", "1:0:0:2::3" },        /* the longest run */
        { "1:0:0:2:0:0:3:4", "1::2:0:0:3:4" },      /* the first of two as long */
        { "1:0:3:4:5:6:7:8", "1:0:3:4:5:6:7:8" },   /* a single zero group stays */
        { "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0" },
        { "::1:2:3:4:5:6:7", "0:1:2:3:4:5:6:7" },
        { "0:0:0:0:0:1:0:0", "::1:0:0" },
        { "::2.3.4.5", "::2.3.4.5" },               /* IPv4-compatible */
        { "::1:2", "::0.1.0.2" },
        { "::0.0.1.2", "::102" },
        { "::ffff:1.2.3.4", "::ffff:1.2.3.4" },     /* IPv4-mapped */
        { "::ffff:01.2.3.4", "::ffff:1.2.3.4" },
        { "::ffff:0.0.0.0", "::ffff:0:0" },
        { "::ffff:0:1.2.3.4", "::ffff:0:1.2.3.4" }, /* IPv4-translated */
        { "fe80::5efe:1.2.3.4", "fe80::5efe:1.2.3.4" }, /* ISATAP */
        { "1:2:3:4:200:5efe:1.2.3.4", "1:2:3:4:200:5efe:1.2.3.4" },
        { "::100:5efe:1.2.3.4", "::100:5efe:102:304" },
        { "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304" },
        { "1:2:3:4:5::1.2.3.4", "1:2:3:4:5:0:102:304" },
    };
    static const char *bad6[] =
    {
        "1:2:3:4:5:6:7:8:9", ":1::", "1::2::3", "12345::", "::00001", "1.2.3.4", "fe80::1%3", " ::1", "::1 ",
        "::g", "::ffff:1.2.3", "1:2:3:4:5:6:7:8::", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "::1:", "1:", ":::",
        "1:2:3:4:5:6::1.2.3.4", "::0:0:0:0:0:0:0:0", "::1.2.3.400", "",
    };
    static const char *bad4[] =
    {
        "01.2.3.4", "1.2.3", "1", "0x1.2.3.4", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4.5", "", "1.2.3.04",
        "1.2.3.4:80",
    };
    char buf[INET6_ADDRSTRLEN];
    WCHAR wbuf[INET6_ADDRSTRLEN];
    IN6_ADDR a6;
    IN_ADDR a4;
    const char *res;
    int ret;

    for (int i = 0; i < (int)ARRAYSIZE(v6); i++)
    {
        memset(buf, 0, sizeof(buf));
        ret = inet_pton(AF_INET6, v6[i].text, &a6);
        ok(ret == 1, "inet_pton(\"%s\") = %d\n", v6[i].text, ret);
        res = inet_ntop(AF_INET6, &a6, buf, sizeof(buf));
        ok(res == buf && !strcmp(buf, v6[i].out), "\"%s\" written as \"%s\", expected \"%s\"\n", v6[i].text, buf,
           v6[i].out);
    }
    for (int i = 0; i < (int)ARRAYSIZE(bad6); i++)
        ok(inet_pton(AF_INET6, bad6[i], &a6) == 0, "inet_pton(AF_INET6, \"%s\") accepted\n", bad6[i]);
    for (int i = 0; i < (int)ARRAYSIZE(bad4); i++)
        ok(inet_pton(AF_INET, bad4[i], &a4) == 0, "inet_pton(AF_INET, \"%s\") accepted\n", bad4[i]);

    ret = inet_pton(AF_INET, "192.168.0.255", &a4);
    ok(ret == 1 && a4.s_addr == 0xff00a8c0, "inet_pton gave %d %08lx\n", ret, a4.s_addr);
    res = inet_ntop(AF_INET, &a4, buf, sizeof(buf));
    ok(res == buf && !strcmp(buf, "192.168.0.255"), "inet_ntop gave %s\n", buf);

    /* the buffer must hold the terminator too */
    a4.s_addr = htonl(INADDR_LOOPBACK);
    ok(inet_ntop(AF_INET, &a4, buf, 10) == buf && !strcmp(buf, "127.0.0.1"), "exact buffer refused\n");
    WSASetLastError(0xdeadbeef);
    res = inet_ntop(AF_INET, &a4, buf, 9);
    ok(!res, "short buffer accepted\n");
    /* Wine 8.0 leaves an NT status (STATUS_INVALID_PARAMETER) as the error */
    todo_wine ok(WSAGetLastError() == ERROR_INVALID_PARAMETER, "error %d\n", WSAGetLastError());
    res = inet_ntop(AF_INET, &a4, NULL, 64);
    ok(!res, "NULL buffer accepted\n");

    WSASetLastError(0xdeadbeef);
    res = inet_ntop(7, &a4, buf, sizeof(buf));
    ok(!res && WSAGetLastError() == WSAEAFNOSUPPORT, "family 7: %p error %d\n", res, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = inet_pton(7, "1.2.3.4", &a4);
    ok(ret == -1 && WSAGetLastError() == WSAEAFNOSUPPORT, "family 7: %d error %d\n", ret, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = inet_pton(AF_INET, NULL, &a4);
    ok(ret == -1 && WSAGetLastError() == WSAEFAULT, "NULL text: %d error %d\n", ret, WSAGetLastError());

    ret = InetPtonW(AF_INET6, L"fe80::1:2", &a6);
    ok(ret == 1 && a6.s6_addr[0] == 0xfe && a6.s6_addr[1] == 0x80 && a6.s6_addr[13] == 1 && a6.s6_addr[15] == 2,
       "InetPtonW gave %d\n", ret);
    ok(InetPtonW(AF_INET, L"1.2.3", &a4) == 0, "InetPtonW accepted 1.2.3\n");
    ok(InetNtopW(AF_INET6, &a6, wbuf, ARRAYSIZE(wbuf)) == wbuf && !wcscmp(wbuf, L"fe80::1:2"),
       "InetNtopW gave %ls\n", wbuf);
}

static void test_string_to_address(void)
{
    static const struct { const char *text; ULONG addr; USHORT port; } good4[] =
    {
        { "1.2.3.4", 0x04030201, 0 },
        { "1.2.3.4:80", 0x04030201, 80 },
        { "1.2.3", 0x03000201, 0 },
        { "01.2.3.4", 0x04030201, 0 },
        { "1.2.3.4:0x10", 0x04030201, 16 },
    };
    static const char *bad4[] = { "1.2.3.4:", "1.2.3.4:65536", " 1.2.3.4", "[1.2.3.4]:80", "1.2.3.4.5", "x" };
    static const struct { const char *text; USHORT port; ULONG scope; const char *back; } good6[] =
    {
        { "::1", 0, 0, "::1" },
        { "[::1]:80", 80, 0, "[::1]:80" },
        { "[::1]", 0, 0, "::1" },
        { "fe80::1%3", 0, 3, "fe80::1%3" },
        { "[fe80::1%3]:8080", 8080, 3, "[fe80::1%3]:8080" },
        { "::1:80", 0, 0, "::0.1.0.128" },
    };
    static const char *bad6[] = { "[::1]:", "[::1]:65536", "[::1]x", "fe80::1%", "fe80::1%x", "1.2.3.4" };
    SOCKADDR_IN sin;
    SOCKADDR_IN6 sin6;
    char text[64];
    WCHAR wtext[64];
    DWORD len;
    int size, ret;

    for (int i = 0; i < (int)ARRAYSIZE(good4); i++)
    {
        size = sizeof(sin);
        memset(&sin, 0xcc, sizeof(sin));
        ret = WSAStringToAddressA((char *)good4[i].text, AF_INET, NULL, (SOCKADDR *)&sin, &size);
        ok(!ret && size == sizeof(sin) && sin.sin_family == AF_INET && sin.sin_addr.s_addr == good4[i].addr &&
           ntohs(sin.sin_port) == good4[i].port, "\"%s\": %d size %d family %d addr %08lx port %d\n",
           good4[i].text, ret, size, sin.sin_family, sin.sin_addr.s_addr, ntohs(sin.sin_port));
    }
    for (int i = 0; i < (int)ARRAYSIZE(bad4); i++)
    {
        size = sizeof(sin);
        WSASetLastError(0xdeadbeef);
        ret = WSAStringToAddressA((char *)bad4[i], AF_INET, NULL, (SOCKADDR *)&sin, &size);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "\"%s\": %d error %d\n", bad4[i], ret,
           WSAGetLastError());
    }
    for (int i = 0; i < (int)ARRAYSIZE(good6); i++)
    {
        size = sizeof(sin6);
        memset(&sin6, 0xcc, sizeof(sin6));
        ret = WSAStringToAddressA((char *)good6[i].text, AF_INET6, NULL, (SOCKADDR *)&sin6, &size);
        ok(!ret && size == sizeof(sin6) && sin6.sin6_family == AF_INET6 && ntohs(sin6.sin6_port) == good6[i].port &&
           sin6.sin6_scope_id == good6[i].scope && !sin6.sin6_flowinfo, "\"%s\": %d size %d port %d scope %lu\n",
           good6[i].text, ret, size, ntohs(sin6.sin6_port), sin6.sin6_scope_id);
        len = sizeof(text);
        ret = WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, text, &len);
        ok(!ret && !strcmp(text, good6[i].back) && len == strlen(text) + 1, "\"%s\" back as \"%s\" (%lu)\n",
           good6[i].text, text, len);
    }
    for (int i = 0; i < (int)ARRAYSIZE(bad6); i++)
    {
        size = sizeof(sin6);
        WSASetLastError(0xdeadbeef);
        ret = WSAStringToAddressA((char *)bad6[i], AF_INET6, NULL, (SOCKADDR *)&sin6, &size);
        ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "\"%s\": %d error %d\n", bad6[i], ret,
           WSAGetLastError());
    }

    /* a length too short for the family is refused and told the one needed */
    size = 4;
    WSASetLastError(0xdeadbeef);
    ret = WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, (SOCKADDR *)&sin, &size);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && size == sizeof(sin), "%d error %d size %d\n",
       ret, WSAGetLastError(), size);
    size = sizeof(sin);
    WSASetLastError(0xdeadbeef);
    ret = WSAStringToAddressA((char *)"::1", AF_INET6, NULL, (SOCKADDR *)&sin6, &size);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && size == sizeof(sin6), "%d error %d size %d\n",
       ret, WSAGetLastError(), size);
    /* a longer one is cut to the structure's */
    size = sizeof(sin6);
    ret = WSAStringToAddressA((char *)"1.2.3.4", AF_INET, NULL, (SOCKADDR *)&sin6, &size);
    ok(!ret && size == sizeof(sin), "%d size %d\n", ret, size);
    size = sizeof(sin);
    WSASetLastError(0xdeadbeef);
    ret = WSAStringToAddressA((char *)"1.2.3.4", 7, NULL, (SOCKADDR *)&sin, &size);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "family 7: %d error %d\n", ret, WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = WSAStringToAddressA(NULL, AF_INET, NULL, (SOCKADDR *)&sin, &size);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "NULL: %d error %d\n", ret, WSAGetLastError());
    size = sizeof(sin);
    ret = WSAStringToAddressW((WCHAR *)L"10.0.0.1:443", AF_INET, NULL, (SOCKADDR *)&sin, &size);
    ok(!ret && sin.sin_addr.s_addr == 0x0100000a && ntohs(sin.sin_port) == 443, "W: %d %08lx %d\n", ret,
       sin.sin_addr.s_addr, ntohs(sin.sin_port));

    /* and back */
    sin.sin_family = AF_INET;
    sin.sin_port = htons(80);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof(text);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, text, &len);
    ok(!ret && !strcmp(text, "127.0.0.1:80") && len == 13, "%d \"%s\" %lu\n", ret, text, len);
    sin.sin_port = 0;
    len = 10;
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, text, &len);
    ok(!ret && !strcmp(text, "127.0.0.1") && len == 10, "exact: %d \"%s\" %lu\n", ret, text, len);
    len = 5;
    WSASetLastError(0xdeadbeef);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, text, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEFAULT && len == 10, "short: %d error %d len %lu\n", ret,
       WSAGetLastError(), len);
    /* Microsoft documents WSAEINVAL for a missing or invalid address and a missing length;
     * Wine 8.0 fails these without setting an error */
    len = sizeof(text);
    WSASetLastError(0xdeadbeef);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin) - 1, NULL, text, &len);
    ok(ret == SOCKET_ERROR, "short address: %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSAEINVAL, "short address: error %d\n", WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = WSAAddressToStringA(NULL, sizeof(sin), NULL, text, &len);
    ok(ret == SOCKET_ERROR, "NULL address: %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSAEINVAL, "NULL address: error %d\n", WSAGetLastError());
    WSASetLastError(0xdeadbeef);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, text, NULL);
    ok(ret == SOCKET_ERROR, "NULL length: %d\n", ret);
    todo_wine ok(WSAGetLastError() == WSAEINVAL, "NULL length: error %d\n", WSAGetLastError());
    sin.sin_family = 5;
    WSASetLastError(0xdeadbeef);
    ret = WSAAddressToStringA((SOCKADDR *)&sin, sizeof(sin), NULL, text, &len);
    ok(ret == SOCKET_ERROR && WSAGetLastError() == WSAEINVAL, "family 5: %d error %d\n", ret, WSAGetLastError());
    sin.sin_family = AF_INET;
    len = ARRAYSIZE(wtext);
    ret = WSAAddressToStringW((SOCKADDR *)&sin, sizeof(sin), NULL, wtext, &len);
    ok(!ret && !wcscmp(wtext, L"127.0.0.1") && len == 10, "W: %d %ls %lu\n", ret, wtext, len);

    /* the flow label is not written */
    memset(&sin6, 0, sizeof(sin6));
    sin6.sin6_family = AF_INET6;
    sin6.sin6_port = htons(443);
    sin6.sin6_addr.s6_addr[15] = 1;
    sin6.sin6_scope_id = 2;
    sin6.sin6_flowinfo = 7;
    len = sizeof(text);
    ret = WSAAddressToStringA((SOCKADDR *)&sin6, sizeof(sin6), NULL, text, &len);
    ok(!ret && !strcmp(text, "[::1%2]:443") && len == 12, "%d \"%s\" %lu\n", ret, text, len);
}

void func_inet(void)
{
    WSADATA data;
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_byte_order();
    test_inet_addr();
    test_pton_ntop();
    test_string_to_address();
    WSACleanup();
}
