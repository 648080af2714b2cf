/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ws2_32.dll: Winsock's start-up, the error it keeps per thread, and the
 * catalog of its protocols (TCP and UDP over IPv4 and IPv6, on handles that
 * take completion ports and skip modes), which SO_PROTOCOL_INFOW reads too.
 */
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winternl.h"
#define _WS2_32_
#include "winsock2.h"
#include "ws2tcpip.h"
#include "ws2_private.h"
#include "names.h"

static LONG startups;   /* WSAStartup calls not yet matched by WSACleanup */

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    (void)instance; (void)reserved;
    if (reason == DLL_THREAD_DETACH) free_thread_names();
    return TRUE;
}

/* Winsock 2.2 is the newest there is; a program asking for less gets what it asked for. */
int WINAPI WSAStartup(WORD version, WSADATA *data)
{
    static const char description[] = "WinSock 2.0", status[] = "Running";

    if (!ws2_accessible(data, sizeof(*data), TRUE)) return WSAEFAULT;
    if (LOBYTE(version) < 1) return WSAVERNOTSUPPORTED;
    memset(data, 0, sizeof(*data));
    data->wHighVersion = MAKEWORD(2, 2);
    data->wVersion = (LOBYTE(version) > 2 || (LOBYTE(version) == 2 && HIBYTE(version) > 2)) ? MAKEWORD(2, 2) : version;
    memcpy(data->szDescription, description, sizeof(description));
    memcpy(data->szSystemStatus, status, sizeof(status));
    /* Winsock 2 leaves these zero; a 1.1 caller reads them */
    if (LOBYTE(data->wVersion) < 2)
    {
        data->iMaxSockets = 32767;
        data->iMaxUdpDg = 65467;
    }
    InterlockedIncrement(&startups);
    return 0;
}

int WINAPI WSACleanup(void)
{
    LONG left = InterlockedDecrement(&startups);
    if (left < 0)
    {
        InterlockedIncrement(&startups);
        RtlSetLastWin32Error(WSANOTINITIALISED);
        return SOCKET_ERROR;
    }
    return 0;
}

BOOL ws2_started(void)
{
    return startups > 0;
}

int WINAPI WSAGetLastError(void)
{
    return RtlGetLastWin32Error();
}

void WINAPI WSASetLastError(int error)
{
    RtlSetLastWin32Error(error);
}

/* The provider Windows names its TCP/IP catalog entries after (MSAFD Tcpip). */
static const GUID tcpip_provider = { 0xe70f1aa0, 0xab8b, 0x11cf, { 0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92 } };

static const struct
{
    int family, type, protocol;
    const WCHAR *name;
} catalog[] =
{
    { AF_INET, SOCK_STREAM, IPPROTO_TCP, L"MSAFD Tcpip [TCP/IP]" },
    { AF_INET, SOCK_DGRAM, IPPROTO_UDP, L"MSAFD Tcpip [UDP/IP]" },
    { AF_INET6, SOCK_STREAM, IPPROTO_TCP, L"MSAFD Tcpip [TCP/IPv6]" },
    { AF_INET6, SOCK_DGRAM, IPPROTO_UDP, L"MSAFD Tcpip [UDP/IPv6]" },
};

static void fill_protocol(WSAPROTOCOL_INFOW *info, int i)
{
    BOOL stream = catalog[i].type == SOCK_STREAM;
    size_t len = wcslen(catalog[i].name);

    memset(info, 0, sizeof(*info));
    info->dwServiceFlags1 = XP1_IFS_HANDLES | XP1_SUPPORT_MULTIPOINT |
                            (stream ? XP1_GUARANTEED_DELIVERY | XP1_GUARANTEED_ORDER | XP1_GRACEFUL_CLOSE |
                                      XP1_EXPEDITED_DATA
                                    : XP1_CONNECTIONLESS | XP1_MESSAGE_ORIENTED | XP1_SUPPORT_BROADCAST);
    info->dwProviderFlags = PFL_MATCHES_PROTOCOL_ZERO;
    info->ProviderId = tcpip_provider;
    info->dwCatalogEntryId = 1001 + i;
    info->ProtocolChain.ChainLen = BASE_PROTOCOL;
    info->iVersion = 2;
    info->iAddressFamily = catalog[i].family;
    info->iMaxSockAddr = info->iMinSockAddr = catalog[i].family == AF_INET ? sizeof(struct sockaddr_in)
                                                                           : sizeof(struct sockaddr_in6);
    info->iSocketType = catalog[i].type;
    info->iProtocol = catalog[i].protocol;
    info->iNetworkByteOrder = BIGENDIAN;
    info->iSecurityScheme = SECURITY_PROTOCOL_NONE;
    info->dwMessageSize = stream ? 0 : 65467;
    memcpy(info->szProtocol, catalog[i].name, (len + 1) * sizeof(WCHAR));
}

/* The catalog entry of a socket's kind, as SO_PROTOCOL_INFOW reports it. */
void ws2_fill_protocol(WSAPROTOCOL_INFOW *info, int family, int type, int protocol)
{
    for (int i = 0; i < (int)ARRAYSIZE(catalog); i++)
        if (catalog[i].family == family && catalog[i].type == type)
        {
            fill_protocol(info, i);
            info->iProtocol = protocol ? protocol : catalog[i].protocol;
            return;
        }
    memset(info, 0, sizeof(*info));
}

/* The catalog's entries, all or those whose protocol is in the zero-terminated list. */
int WINAPI WSAEnumProtocolsW(int *protocols, WSAPROTOCOL_INFOW *buffer, DWORD *length)
{
    BOOL wanted[ARRAYSIZE(catalog)];
    DWORD count = 0;

    if (!ws2_accessible(length, sizeof(*length), TRUE)) return wsa_fault();
    for (int i = 0; i < (int)ARRAYSIZE(catalog); i++)
    {
        wanted[i] = !protocols;
        for (int *p = protocols; p && *p; p++) if (*p == catalog[i].protocol) wanted[i] = TRUE;
        count += wanted[i];
    }
    if (!buffer || *length < count * sizeof(*buffer))
    {
        *length = count * sizeof(*buffer);
        RtlSetLastWin32Error(WSAENOBUFS);
        return SOCKET_ERROR;
    }
    count = 0;
    for (int i = 0; i < (int)ARRAYSIZE(catalog); i++)
        if (wanted[i]) fill_protocol(&buffer[count++], i);
    return count;
}
