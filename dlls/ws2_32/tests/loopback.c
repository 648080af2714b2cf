/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include "wine/test.h"
#include "loopback.h"

int loopback4(struct sockaddr_in *in)
{
    memset(in, 0, sizeof(*in));
    in->sin_family = AF_INET;
    in->sin_addr.s_addr = 0x0100007f;   /* 127.0.0.1, in network order */
    return sizeof(*in);
}

SOCKET listener(struct sockaddr_in *addr)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, 0);
    int len = loopback4(addr);
    ok(!bind(l, (struct sockaddr *)addr, len), "bind: %d\n", WSAGetLastError());
    ok(!listen(l, SOMAXCONN), "listen: %d\n", WSAGetLastError());
    getsockname(l, (struct sockaddr *)addr, &len);
    return l;
}
