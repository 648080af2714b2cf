/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Loopback addresses and listeners for the ws2_32 tests that share them (loopback.c). */
#ifndef WS2_32_TESTS_LOOPBACK_H
#define WS2_32_TESTS_LOOPBACK_H

#include <winsock2.h>

/* 127.0.0.1 with port 0 in *in; returns its length */
int loopback4(struct sockaddr_in *in);
/* a TCP socket listening on 127.0.0.1; *addr gets the port it was given */
SOCKET listener(struct sockaddr_in *addr);

#endif
