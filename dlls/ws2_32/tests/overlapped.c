/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * WSAGetOverlappedResult reads what a socket request left in its
 * WSAOVERLAPPED: the status as a Winsock error, the byte count, and whether
 * it is still pending.  A handle that is not a socket is refused.  Where
 * socket() exists (Wring's sockets are still to come) the WSAOVERLAPPEDs
 * of a real socket are filled in by hand.
 */
#include <winsock2.h>
#include <windows.h>
#include "wine/test.h"

#define STATUS_PENDING_VALUE   0x00000103
#define STATUS_CANCELLED_VALUE 0xc0000120

static void test_not_socket(void)
{
    char dir[MAX_PATH], path[MAX_PATH];
    WSAOVERLAPPED ov;
    DWORD bytes = 0xdeadbeef, flags = 0xdeadbeef;
    HANDLE file;
    BOOL ret;

    WSASetLastError(0xdeadbeef);
    ret = WSAGetOverlappedResult(INVALID_SOCKET, NULL, &bytes, FALSE, &flags);
    ok(!ret && WSAGetLastError() == WSA_INVALID_PARAMETER, "NULL overlapped: %d error %d\n", ret, WSAGetLastError());

    GetTempPathA(sizeof(dir), dir);
    GetTempFileNameA(dir, "wsa", 0, path);
    file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                       FILE_FLAG_OVERLAPPED | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    ok(file != INVALID_HANDLE_VALUE, "CreateFile: error %lu\n", GetLastError());
    if (file == INVALID_HANDLE_VALUE) return;
    memset(&ov, 0, sizeof(ov));
    ov.InternalHigh = 42;
    WSASetLastError(0xdeadbeef);
    ret = WSAGetOverlappedResult((SOCKET)file, &ov, &bytes, FALSE, &flags);
    ok(!ret && WSAGetLastError() == WSAENOTSOCK, "file: %d error %d\n", ret, WSAGetLastError());
    ok(bytes == 0xdeadbeef && flags == 0xdeadbeef, "file: bytes %lu flags %#lx written\n", bytes, flags);
    CloseHandle(file);
}

static void test_socket(void)
{
    SOCKET (WINAPI *psocket)(int, int, int) = (void *)GetProcAddress(GetModuleHandleA("ws2_32.dll"), "socket");
    int (WINAPI *pclosesocket)(SOCKET) = (void *)GetProcAddress(GetModuleHandleA("ws2_32.dll"), "closesocket");
    WSAOVERLAPPED ov;
    DWORD bytes, flags;
    SOCKET s;
    BOOL ret;

    if (!psocket || !pclosesocket)
    {
        win_skip("ws2_32 has no sockets\n");
        return;
    }
    s = psocket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    ok(s != INVALID_SOCKET, "socket: error %d\n", WSAGetLastError());
    if (s == INVALID_SOCKET) return;

    memset(&ov, 0, sizeof(ov));
    ov.Internal = STATUS_PENDING_VALUE;
    bytes = 0xdeadbeef;
    WSASetLastError(0xdeadbeef);
    ret = WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags);
    ok(!ret && WSAGetLastError() == WSA_IO_INCOMPLETE, "pending: %d error %d\n", ret, WSAGetLastError());
    ok(bytes == 0xdeadbeef, "pending: bytes %lu written\n", bytes);

    ov.Internal = 0;
    ov.InternalHigh = 42;
    WSASetLastError(0xdeadbeef);
    ret = WSAGetOverlappedResult(s, &ov, &bytes, FALSE, &flags);
    ok(ret && bytes == 42, "done: %d bytes %lu\n", ret, bytes);
    ok(WSAGetLastError() == 0, "done: error %d\n", WSAGetLastError());

    ov.Internal = STATUS_CANCELLED_VALUE;
    ov.InternalHigh = 0;
    ret = WSAGetOverlappedResult(s, &ov, &bytes, TRUE, &flags);
    ok(!ret && WSAGetLastError() == WSA_OPERATION_ABORTED, "cancelled: %d error %d\n", ret, WSAGetLastError());
    ok(bytes == 0, "cancelled: bytes %lu\n", bytes);

    /* the counts are optional */
    ov.Internal = 0;
    ok(WSAGetOverlappedResult(s, &ov, NULL, FALSE, NULL), "no counts: error %d\n", WSAGetLastError());
    pclosesocket(s);
}

START_TEST(overlapped)
{
    WSADATA data;
    ok(!WSAStartup(MAKEWORD(2, 2), &data), "WSAStartup failed\n");
    test_not_socket();
    test_socket();
    WSACleanup();
}
