/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The bad-parameter test: a table of calls, each made with one bad value (an
 * invalid handle, an inaccessible pointer or an out-of-range flag) and the
 * exact status or error Windows answers for it, plus the lists that say why
 * every other export of the walked DLLs has no row.
 */
#ifndef BADPARAM_H
#define BADPARAM_H

#define WIN32_NO_STATUS
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#undef WIN32_NO_STATUS
#include <ntstatus.h>
#include <winternl.h>

#define MAX_ARGS 14

/* Placeholders in a row's arguments, replaced by the runner just before the
 * call; real constants never come near this range. */
#define TOKEN_BASE 0xbad0000000000000ull
enum token
{
    /* handle slots, each expanded into several calls:
     * HF a file is expected: 0xdeadbeec, a closed handle, INVALID_HANDLE_VALUE, an event
     * HE an event-like object is expected: 0xdeadbeec, closed, INVALID_HANDLE_VALUE, a file
     * HX a typed object where a pseudo-handle would be valid: 0xdeadbeec, closed, an event
     * HA any object: 0xdeadbeec, closed */
    T_HF = 1, T_HE, T_HX, T_HA,
    /* pointer slot, expanded: a PAGE_NOACCESS page, then a released region */
    T_PBAD,
    T_PEDGE,    /* 8 readable bytes (the test event's handle) before a PAGE_NOACCESS page */
    T_PRO,      /* a PAGE_READONLY page */
    T_BUF, T_BUF2, T_BUF3, /* 4 KiB of zeros, fresh for each call */
    T_IOSB,     /* a valid IO_STATUS_BLOCK */
    T_FILE, T_DIR, T_EVENT, T_SEM, T_MUTEX, T_TIMER, T_PORT, T_KEY, T_TOKEN,
    T_LI0,      /* a LARGE_INTEGER of 0 (a zero timeout, offset 0) */
    T_LI1,      /* a LARGE_INTEGER of 1 */
    T_SIZE,     /* a SIZE_T of 4096 */
    T_DW64,     /* a DWORD of 64 */
    T_OA,       /* OBJECT_ATTRIBUTES naming the test file */
    T_OA_BADNAME, /* OBJECT_ATTRIBUTES whose ObjectName is in a PAGE_NOACCESS page */
    T_OA_BADBUF,  /* ... whose name's Buffer is in a PAGE_NOACCESS page */
    T_OA_EDGE,    /* ... whose 16-byte name runs into a PAGE_NOACCESS page */
    T_OA_PIPE,  /* OBJECT_ATTRIBUTES naming a new pipe */
    T_USTR,     /* a UNICODE_STRING "x" */
    T_WSTR,     /* L"badparam-none" */
    T_ASTR,     /* "badparam-none" */
    T_NAMEW,    /* the test file's Win32 name */
    T_HARR,     /* an array of 65 handles of the test event */
    T_HARR_BAD, /* an array of one 0xdeadbeec */
    T_OVL,      /* a zeroed OVERLAPPED */
    T_FUNC,     /* a function that does nothing */
    T_PIPE_R, T_PIPE_W, /* the ends of an empty anonymous pipe */
    T_OFILE,    /* the test file opened for overlapped I/O */
    /* socket slot, expanded: 0xdeadbeec, a closed handle, INVALID_SOCKET, an event, a file */
    T_HS,
    T_SOCK,     /* a non-blocking UDP socket bound to 127.0.0.1 */
    T_SOCK_DATA, /* the same, with a datagram just sent to it waiting */
    T_CSOCK,    /* a non-blocking UDP socket connected to itself */
    T_CSOCK_DATA, /* the same, with a datagram waiting */
    T_TSOCK,    /* a TCP socket, neither bound nor listening */
    T_SIN,      /* the address of T_SOCK */
    T_DW1,      /* a DWORD of 1: a length too small for anything */
    T_WSABUF,   /* a WSABUF of 16 bytes */
    T_WSABUF_BAD, /* a WSABUF of 16 bytes in a PAGE_NOACCESS page */
    T_FDSET_BAD, /* an fd_set holding 0xdeadbeec */
    T_TV0,      /* a timeval of 0 */
    T_POLLFD_BAD, /* a WSAPOLLFD of T_SOCK asking for events no socket has */
    T_AADDR, T_WADDR, /* "127.0.0.1", narrow and wide */
    T_HINTS_BAD, /* an addrinfo hint of address family 1234 */
    T_LAST
};
#define A(t) ((ULONG_PTR)TOKEN_BASE + (t))

enum check
{
    CK_NT,    /* the return value is the NTSTATUS expected */
    CK_W32,   /* the return value's low 32 bits are ret, GetLastError() is expected */
    CK_ERR,   /* the return value is the Win32 error expected (the registry, WSAStartup) */
    CK_FAULT, /* the function raises the exception expected, as on Windows */
    CK_WSA,   /* the return value's low 32 bits are ret (SOCKET_ERROR, INVALID_SOCKET, FALSE),
               * WSAGetLastError() is expected, for every variant of a handle slot */
};

struct row
{
    const char *dll, *name;
    enum check check;
    DWORD expected;
    ULONG_PTR ret;
    ULONG_PTR args[MAX_ARGS];
};

extern const struct row rows[];
extern const unsigned int row_count;

/* Where Wine 8.0 differs from Windows: the nth row (from 0) of a function is
 * todo_wine, or skipped under Wine when Wine's own process dies of it. */
struct wine_note
{
    const char *name;
    unsigned int nth;
    unsigned int variants; /* a bit per variant it applies to, 0 for every one */
    BOOL crashes;
    const char *reason;
};
extern const struct wine_note wine_notes[];

/* exports that take no handle and no pointer: nothing to pass them that is bad */
struct name_list
{
    const char *dll;
    const char *reason;
    const char *const *names;
};
extern const struct name_list no_pointer[], not_probed[];

#endif
