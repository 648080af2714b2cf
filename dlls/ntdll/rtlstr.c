/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Counted strings and code page conversions.
 *
 * Wring has one locale: the ANSI code page is Windows-1252 and the OEM code page is 437,
 * as on an English-language Windows.  Both are single-byte, so one table of the upper
 * 128 characters describes each.  Conversions to a code page map only the characters the
 * code page holds (no "best fit" substitutes) and put '?' in place of the others.
 */
#include "ntdll_misc.h"

/* Windows-1252 0x80-0x9f; 0xa0-0xff are Latin-1.  The five undefined bytes map to the C1
 * control of the same value, as Windows does. */
static const WCHAR cp1252_high[32] =
{
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
    0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

static const WCHAR cp437_high[128] =
{
    0x00c7, 0x00fc, 0x00e9, 0x00e2, 0x00e4, 0x00e0, 0x00e5, 0x00e7,
    0x00ea, 0x00eb, 0x00e8, 0x00ef, 0x00ee, 0x00ec, 0x00c4, 0x00c5,
    0x00c9, 0x00e6, 0x00c6, 0x00f4, 0x00f6, 0x00f2, 0x00fb, 0x00f9,
    0x00ff, 0x00d6, 0x00dc, 0x00a2, 0x00a3, 0x00a5, 0x20a7, 0x0192,
    0x00e1, 0x00ed, 0x00f3, 0x00fa, 0x00f1, 0x00d1, 0x00aa, 0x00ba,
    0x00bf, 0x2310, 0x00ac, 0x00bd, 0x00bc, 0x00a1, 0x00ab, 0x00bb,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
    0x2555, 0x2563, 0x2551, 0x2557, 0x255d, 0x255c, 0x255b, 0x2510,
    0x2514, 0x2534, 0x252c, 0x251c, 0x2500, 0x253c, 0x255e, 0x255f,
    0x255a, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256c, 0x2567,
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256b,
    0x256a, 0x2518, 0x250c, 0x2588, 0x2584, 0x258c, 0x2590, 0x2580,
    0x03b1, 0x00df, 0x0393, 0x03c0, 0x03a3, 0x03c3, 0x00b5, 0x03c4,
    0x03a6, 0x0398, 0x03a9, 0x03b4, 0x221e, 0x03c6, 0x03b5, 0x2229,
    0x2261, 0x00b1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00f7, 0x2248,
    0x00b0, 0x2219, 0x00b7, 0x221a, 0x207f, 0x00b2, 0x25a0, 0x00a0,
};

static WCHAR ansi_char_to_wide(unsigned char c)
{
    if (c >= 0x80 && c < 0xa0) return cp1252_high[c - 0x80];
    return c;
}

static int wide_char_to_ansi(WCHAR wc)
{
    if (wc < 0x80 || (wc >= 0xa0 && wc <= 0xff)) return wc;
    for (int i = 0; i < 32; i++) if (cp1252_high[i] == wc) return 0x80 + i;
    return -1;
}

static WCHAR oem_char_to_wide(unsigned char c)
{
    return c < 0x80 ? c : cp437_high[c - 0x80];
}

static int wide_char_to_oem(WCHAR wc)
{
    if (wc < 0x80) return wc;
    for (int i = 0; i < 128; i++) if (cp437_high[i] == wc) return 0x80 + i;
    return -1;
}

/* Simple case mapping: ranges of lowercase letters and the distance to their capitals.
 * A step of 2 is an alternating upper/lower run (U+0100 A-macron, U+0101 a-macron, ...),
 * listed by its lowercase members. */
struct case_range { WCHAR first, last; short delta; unsigned char step; };

static const struct case_range case_ranges[] =
{
    { 0x0061, 0x007a, -32, 1 }, { 0x00e0, 0x00f6, -32, 1 }, { 0x00f8, 0x00fe, -32, 1 },
    { 0x00ff, 0x00ff, 0x0178 - 0x00ff, 1 }, { 0x0101, 0x012f, -1, 2 }, { 0x0133, 0x0137, -1, 2 },
    { 0x013a, 0x0148, -1, 2 }, { 0x014b, 0x0177, -1, 2 }, { 0x017a, 0x017e, -1, 2 },
    { 0x0183, 0x0185, -1, 2 }, { 0x01a1, 0x01a5, -1, 2 }, { 0x01ce, 0x01dc, -1, 2 },
    { 0x01df, 0x01ef, -1, 2 }, { 0x01f9, 0x021f, -1, 2 }, { 0x0223, 0x0233, -1, 2 },
    { 0x03ac, 0x03ac, 0x0386 - 0x03ac, 1 }, { 0x03ad, 0x03af, 0x0388 - 0x03ad, 1 },
    { 0x03b1, 0x03c1, -32, 1 }, { 0x03c3, 0x03cb, -32, 1 }, { 0x03cc, 0x03cc, 0x038c - 0x03cc, 1 },
    { 0x03cd, 0x03ce, 0x038e - 0x03cd, 1 }, { 0x03d9, 0x03ef, -1, 2 },
    { 0x0430, 0x044f, -32, 1 }, { 0x0450, 0x045f, -80, 1 }, { 0x0461, 0x0481, -1, 2 },
    { 0x048b, 0x04bf, -1, 2 }, { 0x04c2, 0x04ce, -1, 2 }, { 0x04d1, 0x052f, -1, 2 },
    { 0x0561, 0x0586, -48, 1 }, { 0x1e01, 0x1e95, -1, 2 }, { 0x1ea1, 0x1eff, -1, 2 },
    { 0x2170, 0x217f, -16, 1 }, { 0x24d0, 0x24e9, -26, 1 }, { 0xff41, 0xff5a, -32, 1 },
};

static BOOL in_range(const struct case_range *r, WCHAR first, WCHAR last, WCHAR c)
{
    return c >= first && c <= last && (r->step == 1 || ((c - first) & 1) == 0);
}

WCHAR WINAPI RtlUpcaseUnicodeChar(WCHAR c)
{
    if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
    for (size_t i = 0; i < ARRAY_SIZE(case_ranges); i++)
    {
        const struct case_range *r = &case_ranges[i];
        if (in_range(r, r->first, r->last, c)) return c + r->delta;
    }
    return c;
}

WCHAR WINAPI RtlDowncaseUnicodeChar(WCHAR c)
{
    if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
    for (size_t i = 0; i < ARRAY_SIZE(case_ranges); i++)
    {
        const struct case_range *r = &case_ranges[i];
        if (in_range(r, r->first + r->delta, r->last + r->delta, c)) return c - r->delta;
    }
    return c;
}

void WINAPI RtlInitUnicodeString(UNICODE_STRING *str, const WCHAR *src)
{
    str->Buffer = (WCHAR *)src;
    if (!src)
    {
        str->Length = str->MaximumLength = 0;
        return;
    }
    SIZE_T bytes = wide_strlen(src) * sizeof(WCHAR);
    if (bytes > 0xfffc) bytes = 0xfffc;
    str->Length = bytes;
    str->MaximumLength = bytes + sizeof(WCHAR);
}

NTSTATUS WINAPI RtlInitUnicodeStringEx(UNICODE_STRING *str, const WCHAR *src)
{
    if (src && wide_strlen(src) * sizeof(WCHAR) > 0xfffc) return STATUS_NAME_TOO_LONG;
    RtlInitUnicodeString(str, src);
    return STATUS_SUCCESS;
}

void WINAPI RtlInitAnsiString(ANSI_STRING *str, const char *src)
{
    str->Buffer = (char *)src;
    if (!src)
    {
        str->Length = str->MaximumLength = 0;
        return;
    }
    SIZE_T len = ansi_strlen(src);
    if (len > 0xfffe) len = 0xfffe;
    str->Length = len;
    str->MaximumLength = len + 1;
}

void WINAPI RtlInitString(STRING *str, const char *src)
{
    RtlInitAnsiString(str, src);
}

BOOLEAN WINAPI RtlCreateUnicodeString(UNICODE_STRING *str, const WCHAR *src)
{
    SIZE_T bytes = (wide_strlen(src) + 1) * sizeof(WCHAR);
    if (bytes > 0xfffe) return FALSE;
    if (!(str->Buffer = RtlAllocateHeap(process_heap(), 0, bytes))) return FALSE;
    copy_bytes(str->Buffer, src, bytes);
    str->Length = bytes - sizeof(WCHAR);
    str->MaximumLength = bytes;
    return TRUE;
}

BOOLEAN WINAPI RtlCreateUnicodeStringFromAsciiz(UNICODE_STRING *str, const char *src)
{
    ANSI_STRING ansi;
    RtlInitAnsiString(&ansi, src);
    return !RtlAnsiStringToUnicodeString(str, &ansi, TRUE);
}

void WINAPI RtlFreeUnicodeString(UNICODE_STRING *str)
{
    if (str->Buffer) RtlFreeHeap(process_heap(), 0, str->Buffer);
    str->Buffer = NULL;
    str->Length = str->MaximumLength = 0;
}

void WINAPI RtlFreeAnsiString(ANSI_STRING *str)
{
    if (str->Buffer) RtlFreeHeap(process_heap(), 0, str->Buffer);
    str->Buffer = NULL;
    str->Length = str->MaximumLength = 0;
}

NTSTATUS WINAPI RtlMultiByteToUnicodeN(WCHAR *dst, DWORD dst_bytes, DWORD *written, const char *src, DWORD src_len)
{
    DWORD n = dst_bytes / sizeof(WCHAR) < src_len ? dst_bytes / sizeof(WCHAR) : src_len;
    for (DWORD i = 0; i < n; i++) dst[i] = ansi_char_to_wide(src[i]);
    if (written) *written = n * sizeof(WCHAR);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlMultiByteToUnicodeSize(DWORD *size, const char *src, DWORD src_len)
{
    (void)src;
    *size = src_len * sizeof(WCHAR);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlUnicodeToMultiByteN(char *dst, DWORD dst_len, DWORD *written, const WCHAR *src, DWORD src_bytes)
{
    DWORD n = src_bytes / sizeof(WCHAR) < dst_len ? src_bytes / sizeof(WCHAR) : dst_len;
    for (DWORD i = 0; i < n; i++)
    {
        int c = wide_char_to_ansi(src[i]);
        dst[i] = c < 0 ? '?' : c;
    }
    if (written) *written = n;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlUnicodeToMultiByteSize(DWORD *size, const WCHAR *src, DWORD src_bytes)
{
    (void)src;
    *size = src_bytes / sizeof(WCHAR);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlOemToUnicodeN(WCHAR *dst, DWORD dst_bytes, DWORD *written, const char *src, DWORD src_len)
{
    DWORD n = dst_bytes / sizeof(WCHAR) < src_len ? dst_bytes / sizeof(WCHAR) : src_len;
    for (DWORD i = 0; i < n; i++) dst[i] = oem_char_to_wide(src[i]);
    if (written) *written = n * sizeof(WCHAR);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlUnicodeToOemN(char *dst, DWORD dst_len, DWORD *written, const WCHAR *src, DWORD src_bytes)
{
    DWORD n = src_bytes / sizeof(WCHAR) < dst_len ? src_bytes / sizeof(WCHAR) : dst_len;
    for (DWORD i = 0; i < n; i++)
    {
        int c = wide_char_to_oem(src[i]);
        dst[i] = c < 0 ? '?' : c;
    }
    if (written) *written = n;
    return STATUS_SUCCESS;
}

DWORD WINAPI RtlAnsiStringToUnicodeSize(const ANSI_STRING *str)
{
    return (str->Length + 1) * sizeof(WCHAR);
}

DWORD WINAPI RtlUnicodeStringToAnsiSize(const UNICODE_STRING *str)
{
    return str->Length / sizeof(WCHAR) + 1;
}

NTSTATUS WINAPI RtlAnsiStringToUnicodeString(UNICODE_STRING *dst, const ANSI_STRING *src, BOOLEAN alloc)
{
    DWORD size = RtlAnsiStringToUnicodeSize(src);
    if (size > 0xfffe) return STATUS_INVALID_PARAMETER_2;
    dst->Length = size - sizeof(WCHAR);
    if (alloc)
    {
        if (!(dst->Buffer = RtlAllocateHeap(process_heap(), 0, size))) return STATUS_NO_MEMORY;
        dst->MaximumLength = size;
    }
    else if (size > dst->MaximumLength) return STATUS_BUFFER_OVERFLOW;
    RtlMultiByteToUnicodeN(dst->Buffer, dst->Length, NULL, src->Buffer, src->Length);
    dst->Buffer[dst->Length / sizeof(WCHAR)] = 0;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlUnicodeStringToAnsiString(ANSI_STRING *dst, const UNICODE_STRING *src, BOOLEAN alloc)
{
    NTSTATUS status = STATUS_SUCCESS;
    DWORD size = RtlUnicodeStringToAnsiSize(src);
    dst->Length = size - 1;
    if (alloc)
    {
        if (!(dst->Buffer = RtlAllocateHeap(process_heap(), 0, size))) return STATUS_NO_MEMORY;
        dst->MaximumLength = size;
    }
    else if (size > dst->MaximumLength)
    {
        /* Windows converts what fits and says so. */
        status = STATUS_BUFFER_OVERFLOW;
        if (!dst->MaximumLength) return status;
        dst->Length = dst->MaximumLength - 1;
    }
    RtlUnicodeToMultiByteN(dst->Buffer, dst->Length, NULL, src->Buffer, src->Length);
    dst->Buffer[dst->Length] = 0;
    return status;
}

/* One code point from UTF-8.  An ill-formed sequence becomes one U+FFFD per maximal
 * prefix of a valid sequence (the Unicode "maximal subpart" practice), except that Windows
 * counts a lead byte and a following continuation byte as one prefix even when the pair
 * cannot start a valid sequence (E0 80, ED A0, F4 90). */
static unsigned int decode_utf8(const unsigned char *s, DWORD len, DWORD *used, BOOL *valid)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xbf;
    unsigned int cp;
    DWORD need, i;

    *valid = TRUE;
    *used = 1;
    if (c < 0x80) return c;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef)
    {
        need = 2; cp = c & 0x0f;
        if (c == 0xe0) lo = 0xa0;
        if (c == 0xed) hi = 0x9f;
    }
    else if (c >= 0xf0 && c <= 0xf4)
    {
        need = 3; cp = c & 0x07;
        if (c == 0xf0) lo = 0x90;
        if (c == 0xf4) hi = 0x8f;
    }
    else
    {
        *valid = FALSE;
        return 0xfffd;
    }
    for (i = 1; i <= need; i++)
    {
        if (i >= len || s[i] < lo || s[i] > hi)
        {
            /* A continuation byte that only makes the sequence overlong, a surrogate or
             * past U+10FFFF goes into the same U+FFFD as its lead byte. */
            *used = (i == 1 && i < len && s[i] >= 0x80 && s[i] <= 0xbf) ? 2 : i;
            *valid = FALSE;
            return 0xfffd;
        }
        cp = (cp << 6) | (s[i] & 0x3f);
        lo = 0x80;
        hi = 0xbf;
    }
    *used = need + 1;
    return cp;
}

NTSTATUS WINAPI RtlUTF8ToUnicodeN(WCHAR *dst, DWORD dst_bytes, DWORD *written, const char *src, DWORD src_len)
{
    const unsigned char *s = (const unsigned char *)src;
    DWORD pos = 0, out = 0, max = dst_bytes / sizeof(WCHAR);
    NTSTATUS status = STATUS_SUCCESS;

    if (!src) return STATUS_INVALID_PARAMETER_4;
    if (!written) return STATUS_INVALID_PARAMETER;
    while (pos < src_len)
    {
        DWORD used;
        BOOL valid;
        unsigned int cp = decode_utf8(s + pos, src_len - pos, &used, &valid);
        DWORD units = cp > 0xffff ? 2 : 1;
        if (!valid) status = STATUS_SOME_NOT_MAPPED;
        if (dst)
        {
            if (out + units > max)
            {
                *written = out * sizeof(WCHAR);
                return STATUS_BUFFER_TOO_SMALL;
            }
            if (units == 2)
            {
                dst[out] = 0xd800 | ((cp - 0x10000) >> 10);
                dst[out + 1] = 0xdc00 | (cp & 0x3ff);
            }
            else dst[out] = cp;
        }
        out += units;
        pos += used;
    }
    *written = out * sizeof(WCHAR);
    return status;
}

NTSTATUS WINAPI RtlUnicodeToUTF8N(char *dst, DWORD dst_len, DWORD *written, const WCHAR *src, DWORD src_bytes)
{
    DWORD pos = 0, out = 0, count = src_bytes / sizeof(WCHAR);
    NTSTATUS status = STATUS_SUCCESS;

    if (!src) return STATUS_INVALID_PARAMETER_4;
    if (!written) return STATUS_INVALID_PARAMETER;
    if (dst && (src_bytes & 1)) return STATUS_INVALID_PARAMETER_5;
    while (pos < count)
    {
        unsigned int cp = src[pos++];
        unsigned char buf[4];
        DWORD n;
        if (cp >= 0xd800 && cp <= 0xdbff && pos < count && src[pos] >= 0xdc00 && src[pos] <= 0xdfff)
            cp = 0x10000 + ((cp - 0xd800) << 10) + (src[pos++] - 0xdc00);
        else if (cp >= 0xd800 && cp <= 0xdfff)
        {
            cp = 0xfffd;
            status = STATUS_SOME_NOT_MAPPED;
        }
        if (cp < 0x80) { buf[0] = cp; n = 1; }
        else if (cp < 0x800) { buf[0] = 0xc0 | (cp >> 6); buf[1] = 0x80 | (cp & 0x3f); n = 2; }
        else if (cp < 0x10000)
        {
            buf[0] = 0xe0 | (cp >> 12); buf[1] = 0x80 | ((cp >> 6) & 0x3f); buf[2] = 0x80 | (cp & 0x3f);
            n = 3;
        }
        else
        {
            buf[0] = 0xf0 | (cp >> 18); buf[1] = 0x80 | ((cp >> 12) & 0x3f);
            buf[2] = 0x80 | ((cp >> 6) & 0x3f); buf[3] = 0x80 | (cp & 0x3f);
            n = 4;
        }
        if (dst)
        {
            if (out + n > dst_len)
            {
                *written = out;
                return STATUS_BUFFER_TOO_SMALL;
            }
            copy_bytes(dst + out, buf, n);
        }
        out += n;
    }
    *written = out;
    return status;
}

LONG WINAPI RtlCompareUnicodeStrings(const WCHAR *s1, SIZE_T len1, const WCHAR *s2, SIZE_T len2, BOOLEAN ci)
{
    SIZE_T n = len1 < len2 ? len1 : len2;
    for (SIZE_T i = 0; i < n; i++)
    {
        WCHAR a = s1[i], b = s2[i];
        if (ci)
        {
            a = RtlUpcaseUnicodeChar(a);
            b = RtlUpcaseUnicodeChar(b);
        }
        if (a != b) return (LONG)a - (LONG)b;
    }
    return (LONG)len1 - (LONG)len2;
}

LONG WINAPI RtlCompareUnicodeString(const UNICODE_STRING *s1, const UNICODE_STRING *s2, BOOLEAN ci)
{
    return RtlCompareUnicodeStrings(s1->Buffer, s1->Length / sizeof(WCHAR),
                                    s2->Buffer, s2->Length / sizeof(WCHAR), ci);
}

BOOLEAN WINAPI RtlEqualUnicodeString(const UNICODE_STRING *s1, const UNICODE_STRING *s2, BOOLEAN ci)
{
    return s1->Length == s2->Length && !RtlCompareUnicodeString(s1, s2, ci);
}

BOOLEAN WINAPI RtlPrefixUnicodeString(const UNICODE_STRING *prefix, const UNICODE_STRING *str, BOOLEAN ci)
{
    if (prefix->Length > str->Length) return FALSE;
    return !RtlCompareUnicodeStrings(prefix->Buffer, prefix->Length / sizeof(WCHAR),
                                     str->Buffer, prefix->Length / sizeof(WCHAR), ci);
}

NTSTATUS WINAPI RtlUpcaseUnicodeString(UNICODE_STRING *dst, const UNICODE_STRING *src, BOOLEAN alloc)
{
    if (alloc)
    {
        if (!(dst->Buffer = RtlAllocateHeap(process_heap(), 0, src->Length))) return STATUS_NO_MEMORY;
        dst->MaximumLength = src->Length;
    }
    else if (src->Length > dst->MaximumLength) return STATUS_BUFFER_OVERFLOW;
    for (SIZE_T i = 0; i < src->Length / sizeof(WCHAR); i++) dst->Buffer[i] = RtlUpcaseUnicodeChar(src->Buffer[i]);
    dst->Length = src->Length;
    return STATUS_SUCCESS;
}

void WINAPI RtlCopyUnicodeString(UNICODE_STRING *dst, const UNICODE_STRING *src)
{
    if (!src)
    {
        dst->Length = 0;
        return;
    }
    USHORT n = src->Length < dst->MaximumLength ? src->Length : dst->MaximumLength;
    copy_bytes(dst->Buffer, src->Buffer, n);
    dst->Length = n;
    if (n + sizeof(WCHAR) <= dst->MaximumLength) dst->Buffer[n / sizeof(WCHAR)] = 0;
}

static NTSTATUS append_wide(UNICODE_STRING *dst, const WCHAR *src, SIZE_T bytes)
{
    if (dst->Length + bytes > dst->MaximumLength) return STATUS_BUFFER_TOO_SMALL;
    copy_bytes((char *)dst->Buffer + dst->Length, src, bytes);
    dst->Length += bytes;
    if (dst->Length + sizeof(WCHAR) <= dst->MaximumLength) dst->Buffer[dst->Length / sizeof(WCHAR)] = 0;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlAppendUnicodeToString(UNICODE_STRING *dst, const WCHAR *src)
{
    if (!src) return STATUS_SUCCESS;
    return append_wide(dst, src, wide_strlen(src) * sizeof(WCHAR));
}

NTSTATUS WINAPI RtlAppendUnicodeStringToString(UNICODE_STRING *dst, const UNICODE_STRING *src)
{
    return append_wide(dst, src->Buffer, src->Length);
}
