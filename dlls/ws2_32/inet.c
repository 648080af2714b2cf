/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Addresses as text and back, as Windows writes and reads them: byte order,
 * inet_addr/inet_ntoa, inet_pton/inet_ntop (and their W forms), and
 * WSAStringToAddress/WSAAddressToString with ports and scopes.  IPv6 text
 * follows Windows' rules: the longest run of two or more zero groups
 * (the first of equal runs) becomes "::", and the addresses that embed an
 * IPv4 one (compatible, mapped, translated, ISATAP) end in dotted form.
 */
#include "names.h"

void *names_alloc(SIZE_T size)
{
    return RtlAllocateHeap(NtCurrentTeb()->Peb->ProcessHeap, 0, size);
}

void names_free(void *ptr)
{
    RtlFreeHeap(NtCurrentTeb()->Peb->ProcessHeap, 0, ptr);
}

struct thread_names *get_thread_names(void)
{
    TEB *teb = NtCurrentTeb();
    if (!teb->WinSockData) teb->WinSockData = RtlAllocateHeap(teb->Peb->ProcessHeap, HEAP_ZERO_MEMORY,
                                                              sizeof(struct thread_names));
    return teb->WinSockData;
}

void free_thread_names(void)
{
    TEB *teb = NtCurrentTeb();
    names_free(teb->WinSockData);
    teb->WinSockData = NULL;
}

static int digit_value(char c, int base)
{
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else return -1;
    return v < base ? v : -1;
}

BOOL parse_ipv4(const char *text, enum ipv4_form form, IN_ADDR *addr, const char **end)
{
    BOOL strict = form != IPV4_LOOSE;
    ULONG parts[4], value;
    int count = 0;
    const char *p = text;

    for (;;)
    {
        int base = 10, digits = 0, d;

        if (!strict && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) { base = 16; p += 2; }
        else if (!strict && p[0] == '0' && p[1] >= '0' && p[1] <= '9') { base = 8; p++; }
        else if (form == IPV4_STRICT && p[0] == '0' && p[1] >= '0' && p[1] <= '9') return FALSE;
        value = 0;
        while ((d = digit_value(*p, base)) >= 0)
        {
            if (value > (0xffffffffu - d) / base) return FALSE;
            value = value * base + d;
            p++;
            digits++;
        }
        /* a part needs a digit of its base; one the base does not have (08) makes the address bad */
        if (!digits || (*p >= '0' && *p <= '9')) return FALSE;
        if (strict && value > 255) return FALSE;
        parts[count++] = value;
        if (*p != '.' || count == 4) break;
        p++;
    }
    if (strict && count != 4) return FALSE;
    if (!end && *p) return FALSE;
    if (end) *end = p;

    /* the last part fills the bytes the others leave */
    value = parts[count - 1];
    if (value > (count == 4 ? 0xffu : 0xffffffffu >> (8 * (count - 1)))) return FALSE;
    for (int i = 0; i < count - 1; i++)
    {
        if (parts[i] > 255) return FALSE;
        value |= parts[i] << (24 - 8 * i);
    }
    addr->S_un.S_addr = htonl(value);
    return TRUE;
}

BOOL parse_ipv6(const char *text, IN6_ADDR *addr, const char **end)
{
    USHORT words[8];
    int count = 0, gap = -1;
    const char *p = text;

    if (p[0] == ':' && p[1] == ':') { gap = 0; p += 2; }
    else if (*p == ':') return FALSE;
    while (count < 8)
    {
        const char *start = p;
        ULONG value = 0;
        int d;

        while ((d = digit_value(*p, 16)) >= 0 && p - start < 5) { value = value * 16 + d; p++; }
        if (p == start) break;
        if (p - start > 4) return FALSE;
        if (*p == '.')
        {
            IN_ADDR v4;
            const char *v4end;
            /* a dotted tail takes the last two groups */
            if (count > 6 || !parse_ipv4(start, IPV4_DECIMAL, &v4, &v4end)) return FALSE;
            words[count++] = (v4.S_un.S_un_b.s_b1 << 8) | v4.S_un.S_un_b.s_b2;
            words[count++] = (v4.S_un.S_un_b.s_b3 << 8) | v4.S_un.S_un_b.s_b4;
            p = v4end;
            break;
        }
        words[count++] = value;
        if (*p != ':') break;
        if (p[1] == ':')
        {
            if (gap >= 0) return FALSE;
            gap = count;
            p += 2;
            continue;
        }
        p++;
        if (digit_value(*p, 16) < 0) return FALSE;
    }
    if (gap >= 0 ? count > 7 : count != 8) return FALSE;
    if (!end && *p) return FALSE;
    if (end) *end = p;

    memset(addr, 0, sizeof(*addr));
    for (int i = 0; i < count; i++)
    {
        int at = (gap >= 0 && i >= gap) ? i + 8 - count : i;
        addr->u.Byte[2 * at] = words[i] >> 8;
        addr->u.Byte[2 * at + 1] = words[i] & 0xff;
    }
    return TRUE;
}

static char *put_number(char *p, ULONG value, int base)
{
    char digits[12];
    int n = 0;
    do { digits[n++] = "0123456789abcdef"[value % base]; value /= base; } while (value);
    while (n) *p++ = digits[--n];
    *p = 0;
    return p;
}

static char *put_ipv4(char *p, const BYTE *b)
{
    for (int i = 0; i < 4; i++)
    {
        p = put_number(p, b[i], 10);
        if (i < 3) *p++ = '.';
    }
    *p = 0;
    return p;
}

void format_ipv4(const IN_ADDR *addr, char *buf)
{
    put_ipv4(buf, &addr->S_un.S_un_b.s_b1);
}

void format_ipv6(const IN6_ADDR *addr, char *buf)
{
    USHORT w[8];
    int hex_words = 8, best = -1, best_len = 1;
    char *p = buf;

    for (int i = 0; i < 8; i++) w[i] = (addr->u.Byte[2 * i] << 8) | addr->u.Byte[2 * i + 1];
    if (w[6] && !w[0] && !w[1] && !w[2] && !w[3] &&
        ((!w[4] && (!w[5] || w[5] == 0xffff)) || (w[4] == 0xffff && !w[5])))
        hex_words = 6;
    if ((!w[4] || w[4] == 0x200) && w[5] == 0x5efe) hex_words = 6;

    for (int i = 0; i < hex_words; i++)
    {
        int len = 0;
        while (i + len < hex_words && !w[i + len]) len++;
        if (len > best_len) { best = i; best_len = len; }
        if (len) i += len - 1;
    }
    for (int i = 0; i < hex_words; i++)
    {
        if (i == best)
        {
            *p++ = ':';
            if (i == 0) *p++ = ':';
            i += best_len - 1;
            continue;
        }
        p = put_number(p, w[i], 16);
        if (i < hex_words - 1) *p++ = ':';
    }
    if (hex_words == 6)
    {
        if (p[-1] != ':') *p++ = ':';
        p = put_ipv4(p, &addr->u.Byte[12]);
    }
    *p = 0;
}

u_long WINAPI inet_addr(const char *text)
{
    IN_ADDR addr;
    const char *end;

    if (!text || !parse_ipv4(text, IPV4_LOOSE, &addr, &end)) return INADDR_NONE;
    /* white space ends the address, and what follows it is not read */
    return (!*end || *end == ' ' || *end == '\t' || *end == '\n' || *end == '\r') ? addr.S_un.S_addr : INADDR_NONE;
}

char * WINAPI inet_ntoa(struct in_addr addr)
{
    struct thread_names *names = get_thread_names();
    if (!names)
    {
        WSASetLastError(WSA_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    format_ipv4(&addr, names->ntoa);
    return names->ntoa;
}

INT WINAPI inet_pton(INT family, const char *text, void *addr)
{
    BOOL ok;

    if (family != AF_INET && family != AF_INET6)
    {
        WSASetLastError(WSAEAFNOSUPPORT);
        return -1;
    }
    if (!ws2_string_readable(text, 1) || !ws2_accessible(addr, family == AF_INET ? 4 : 16, TRUE))
    {
        WSASetLastError(WSAEFAULT);
        return -1;
    }
    ok = family == AF_INET ? parse_ipv4(text, IPV4_STRICT, addr, NULL) : parse_ipv6(text, addr, NULL);
    return ok ? 1 : 0;
}

/* The ANSI copy of a wide string the address parsers can read; FALSE when it is not ASCII. */
static BOOL narrow(const WCHAR *text, char *buf, size_t size)
{
    size_t i;
    for (i = 0; text[i]; i++)
    {
        if (i + 1 >= size || text[i] > 0x7f) return FALSE;
        buf[i] = text[i];
    }
    buf[i] = 0;
    return TRUE;
}

INT WINAPI InetPtonW(INT family, const WCHAR *text, void *addr)
{
    char buf[ADDRESS_TEXT_MAX];

    if (family != AF_INET && family != AF_INET6)
    {
        WSASetLastError(WSAEAFNOSUPPORT);
        return -1;
    }
    if (!ws2_string_readable(text, sizeof(WCHAR)) || !ws2_accessible(addr, family == AF_INET ? 4 : 16, TRUE))
    {
        WSASetLastError(WSAEFAULT);
        return -1;
    }
    if (!narrow(text, buf, sizeof(buf))) return 0;
    return inet_pton(family, buf, addr);
}

const char * WINAPI inet_ntop(INT family, void *addr, char *buf, SIZE_T size)
{
    char text[ADDRESS_TEXT_MAX];
    size_t len;

    if (family != AF_INET && family != AF_INET6)
    {
        WSASetLastError(WSAEAFNOSUPPORT);
        return NULL;
    }
    if (!addr || !buf)
    {
        WSASetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (family == AF_INET) format_ipv4(addr, text);
    else format_ipv6(addr, text);
    len = strlen(text);
    if (len >= size)
    {
        WSASetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    memcpy(buf, text, len + 1);
    return buf;
}

const WCHAR * WINAPI InetNtopW(INT family, void *addr, WCHAR *buf, SIZE_T size)
{
    char text[ADDRESS_TEXT_MAX];

    if (!inet_ntop(family, addr, buf ? text : NULL, size < sizeof(text) ? size : sizeof(text))) return NULL;
    for (size_t i = 0; (buf[i] = (unsigned char)text[i]); i++);
    return buf;
}

/* Reads ":port" (decimal, octal or hex as inet_addr reads numbers) to the end of TEXT. */
static BOOL parse_port(const char *text, USHORT *port)
{
    IN_ADDR value;
    if (!*text || !parse_ipv4(text, IPV4_LOOSE, &value, NULL)) return FALSE;
    if (ntohl(value.S_un.S_addr) > 0xffff) return FALSE;
    *port = ntohl(value.S_un.S_addr);
    return TRUE;
}

static INT string_to_address(const char *text, INT family, SOCKADDR *sa, INT *length)
{
    const char *end;

    if (!text || !sa || !length) return WSAEINVAL;
    if (!ws2_string_readable(text, 1) || !ws2_accessible(length, sizeof(*length), TRUE)) return WSAEFAULT;
    if (family == AF_INET)
    {
        SOCKADDR_IN *sin = (SOCKADDR_IN *)sa;
        USHORT port = 0;
        IN_ADDR addr;

        if (*length < (INT)sizeof(*sin)) { *length = sizeof(*sin); return WSAEFAULT; }
        if (!ws2_accessible(sin, sizeof(*sin), TRUE)) return WSAEFAULT;
        memset(sin, 0, sizeof(*sin));
        if (!parse_ipv4(text, IPV4_LOOSE, &addr, &end)) return WSAEINVAL;
        if (*end == ':' ? !parse_port(end + 1, &port) : *end != 0) return WSAEINVAL;
        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
        sin->sin_addr = addr;
        *length = sizeof(*sin);
        return 0;
    }
    if (family == AF_INET6)
    {
        SOCKADDR_IN6 *sin6 = (SOCKADDR_IN6 *)sa;
        BOOL bracket = *text == '[';
        USHORT port = 0;
        ULONG scope = 0;
        IN6_ADDR addr;

        if (*length < (INT)sizeof(*sin6)) { *length = sizeof(*sin6); return WSAEFAULT; }
        if (!ws2_accessible(sin6, sizeof(*sin6), TRUE)) return WSAEFAULT;
        memset(sin6, 0, sizeof(*sin6));
        if (!parse_ipv6(text + bracket, &addr, &end)) return WSAEINVAL;
        if (*end == '%')
        {
            int digits = 0;
            for (end++; *end >= '0' && *end <= '9'; end++, digits++)
            {
                if (scope > (0xffffffffu - (*end - '0')) / 10) return WSAEINVAL;
                scope = scope * 10 + (*end - '0');
            }
            if (!digits) return WSAEINVAL;
        }
        if (bracket)
        {
            if (*end++ != ']') return WSAEINVAL;
            if (*end == ':' ? !parse_port(end + 1, &port) : *end != 0) return WSAEINVAL;
        }
        else if (*end) return WSAEINVAL;
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port);
        sin6->sin6_addr = addr;
        sin6->sin6_scope_id = scope;
        *length = sizeof(*sin6);
        return 0;
    }
    return WSAEINVAL;
}

INT WINAPI WSAStringToAddressA(char *text, INT family, WSAPROTOCOL_INFOA *info, SOCKADDR *sa, INT *length)
{
    INT err = string_to_address(text, family, sa, length);
    (void)info;
    if (!err) return 0;
    WSASetLastError(err);
    return SOCKET_ERROR;
}

INT WINAPI WSAStringToAddressW(WCHAR *text, INT family, WSAPROTOCOL_INFOW *info, SOCKADDR *sa, INT *length)
{
    char buf[ADDRESS_TEXT_MAX];
    INT err;

    (void)info;
    if (!text) err = WSAEINVAL;
    else if (!ws2_string_readable(text, sizeof(WCHAR))) err = WSAEFAULT;
    else if (!narrow(text, buf, sizeof(buf))) err = WSAEINVAL;
    else err = string_to_address(buf, family, sa, length);
    if (!err) return 0;
    WSASetLastError(err);
    return SOCKET_ERROR;
}

/* The text WSAAddressToString gives for SA, or a Winsock error. */
static INT address_to_string(const SOCKADDR *sa, DWORD sa_length, char *text)
{
    char *p = text;

    if (!sa) return WSAEINVAL;
    if (!ws2_accessible(sa, sizeof(sa->sa_family), FALSE)) return WSAEFAULT;
    if (sa->sa_family == AF_INET)
    {
        const SOCKADDR_IN *sin = (const SOCKADDR_IN *)sa;
        if (sa_length < sizeof(*sin)) return WSAEINVAL;
        if (!ws2_accessible(sin, sizeof(*sin), FALSE)) return WSAEFAULT;
        format_ipv4(&sin->sin_addr, p);
        if (sin->sin_port)
        {
            p += strlen(p);
            *p++ = ':';
            put_number(p, ntohs(sin->sin_port), 10);
        }
        return 0;
    }
    if (sa->sa_family == AF_INET6)
    {
        const SOCKADDR_IN6 *sin6 = (const SOCKADDR_IN6 *)sa;
        if (sa_length < sizeof(*sin6)) return WSAEINVAL;
        if (!ws2_accessible(sin6, sizeof(*sin6), FALSE)) return WSAEFAULT;
        if (sin6->sin6_port) *p++ = '[';
        format_ipv6(&sin6->sin6_addr, p);
        p += strlen(p);
        if (sin6->sin6_scope_id)
        {
            *p++ = '%';
            p = put_number(p, sin6->sin6_scope_id, 10);
        }
        if (sin6->sin6_port)
        {
            *p++ = ']';
            *p++ = ':';
            put_number(p, ntohs(sin6->sin6_port), 10);
        }
        return 0;
    }
    return WSAEINVAL;
}

INT WINAPI WSAAddressToStringA(SOCKADDR *sa, DWORD sa_length, WSAPROTOCOL_INFOA *info, char *buf, DWORD *length)
{
    char text[ADDRESS_TEXT_MAX];
    DWORD needed;
    INT err;

    (void)info;
    if (!length) err = WSAEINVAL;
    else if (!ws2_accessible(length, sizeof(*length), TRUE)) err = WSAEFAULT;
    else if (!(err = address_to_string(sa, sa_length, text)))
    {
        needed = strlen(text) + 1;
        if (!buf || *length < needed || !ws2_accessible(buf, needed, TRUE)) err = WSAEFAULT;
        else memcpy(buf, text, needed);
        *length = needed;
    }
    if (!err) return 0;
    WSASetLastError(err);
    return SOCKET_ERROR;
}

INT WINAPI WSAAddressToStringW(SOCKADDR *sa, DWORD sa_length, WSAPROTOCOL_INFOW *info, WCHAR *buf, DWORD *length)
{
    char text[ADDRESS_TEXT_MAX];
    DWORD needed;
    INT err;

    (void)info;
    if (!length) err = WSAEINVAL;
    else if (!ws2_accessible(length, sizeof(*length), TRUE)) err = WSAEFAULT;
    else if (!(err = address_to_string(sa, sa_length, text)))
    {
        needed = strlen(text) + 1;
        if (!buf || *length < needed || !ws2_accessible(buf, needed * sizeof(WCHAR), TRUE)) err = WSAEFAULT;
        else for (DWORD i = 0; i < needed; i++) buf[i] = (unsigned char)text[i];
        *length = needed;
    }
    if (!err) return 0;
    WSASetLastError(err);
    return SOCKET_ERROR;
}

/* The exported byte-order functions; winsock2.h makes the names inline swaps for the code above. */
#undef htonl
#undef htons
#undef ntohl
#undef ntohs
u_long WINAPI htonl(u_long value) { return RtlUlongByteSwap(value); }
u_short WINAPI htons(u_short value) { return RtlUshortByteSwap(value); }
u_long WINAPI ntohl(u_long value) { return RtlUlongByteSwap(value); }
u_short WINAPI ntohs(u_short value) { return RtlUshortByteSwap(value); }
