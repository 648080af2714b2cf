/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * CharUpper/CharLower, CharNext/CharPrev, the IsChar* tests and the OEM
 * conversions.  The ANSI forms work in the ANSI code page (1252): each byte
 * becomes its character, is mapped, and goes back only when the result is in
 * the code page too, as Windows leaves a character with no ANSI counterpart.
 */
#include "user32_private.h"

/* Letters without case, by block: the scripts console programs meet most. */
static const struct { WCHAR first, last; } caseless_letters[] =
{
    { 0x00aa, 0x00aa }, { 0x00ba, 0x00ba }, { 0x00df, 0x00df }, { 0x01bb, 0x01bb },
    { 0x01c0, 0x01c3 }, { 0x0294, 0x0294 }, { 0x05d0, 0x05ea }, { 0x05f0, 0x05f2 },
    { 0x0620, 0x064a }, { 0x066e, 0x066f }, { 0x0671, 0x06d3 }, { 0x0904, 0x0939 },
    { 0x0e01, 0x0e30 }, { 0x3041, 0x3096 }, { 0x30a1, 0x30fa }, { 0x3105, 0x312f },
    { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff },
};

static BOOL is_lower(WCHAR c)
{
    return RtlUpcaseUnicodeChar(c) != c || c == 0x00df;
}

static BOOL is_upper(WCHAR c)
{
    return RtlDowncaseUnicodeChar(c) != c;
}

static BOOL is_alpha(WCHAR c)
{
    if (is_lower(c) || is_upper(c)) return TRUE;
    for (size_t i = 0; i < ARRAYSIZE(caseless_letters); i++)
        if (c >= caseless_letters[i].first && c <= caseless_letters[i].last) return TRUE;
    return FALSE;
}

static BOOL is_digit(WCHAR c)
{
    return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0xff10 && c <= 0xff19);
}

static WCHAR ansi_to_wide(char c)
{
    WCHAR w = 0;
    MultiByteToWideChar(CP_ACP, 0, &c, 1, &w, 1);
    return w;
}

/* The byte of the mapped character, or the byte unchanged when the code page lacks it. */
static char map_ansi(char c, WCHAR (WINAPI *map)(WCHAR))
{
    WCHAR w = map(ansi_to_wide(c));
    char out;
    BOOL lost = FALSE;
    if (WideCharToMultiByte(CP_ACP, 0, &w, 1, &out, 1, NULL, &lost) != 1 || lost) return c;
    return out;
}

static DWORD map_buff_a(char *s, DWORD len, WCHAR (WINAPI *map)(WCHAR))
{
    if (!s) return 0;
    for (DWORD i = 0; i < len; i++) s[i] = map_ansi(s[i], map);
    return len;
}

static DWORD map_buff_w(WCHAR *s, DWORD len, WCHAR (WINAPI *map)(WCHAR))
{
    if (!s) return 0;
    for (DWORD i = 0; i < len; i++) s[i] = map(s[i]);
    return len;
}

/* A pointer whose high bits are zero is one character, in its low word. */
static char *map_string_a(char *s, WCHAR (WINAPI *map)(WCHAR))
{
    if (IS_INTRESOURCE(s)) return (char *)(ULONG_PTR)(BYTE)map_ansi((char)(ULONG_PTR)s, map);
    map_buff_a(s, lstrlenA(s), map);
    return s;
}

static WCHAR *map_string_w(WCHAR *s, WCHAR (WINAPI *map)(WCHAR))
{
    if (IS_INTRESOURCE(s)) return (WCHAR *)(ULONG_PTR)map((WCHAR)(ULONG_PTR)s);
    map_buff_w(s, lstrlenW(s), map);
    return s;
}

LPSTR WINAPI CharUpperA(LPSTR s) { return map_string_a(s, RtlUpcaseUnicodeChar); }
LPSTR WINAPI CharLowerA(LPSTR s) { return map_string_a(s, RtlDowncaseUnicodeChar); }
LPWSTR WINAPI CharUpperW(LPWSTR s) { return map_string_w(s, RtlUpcaseUnicodeChar); }
LPWSTR WINAPI CharLowerW(LPWSTR s) { return map_string_w(s, RtlDowncaseUnicodeChar); }
DWORD WINAPI CharUpperBuffA(LPSTR s, DWORD len) { return map_buff_a(s, len, RtlUpcaseUnicodeChar); }
DWORD WINAPI CharLowerBuffA(LPSTR s, DWORD len) { return map_buff_a(s, len, RtlDowncaseUnicodeChar); }
DWORD WINAPI CharUpperBuffW(LPWSTR s, DWORD len) { return map_buff_w(s, len, RtlUpcaseUnicodeChar); }
DWORD WINAPI CharLowerBuffW(LPWSTR s, DWORD len) { return map_buff_w(s, len, RtlDowncaseUnicodeChar); }

/* Code page 1252 has no lead bytes: every character is one byte. */
LPSTR WINAPI CharNextA(LPCSTR s)
{
    return (LPSTR)(*s ? s + 1 : s);
}

LPSTR WINAPI CharNextExA(WORD code_page, LPCSTR s, DWORD flags)
{
    (void)flags;
    if (!*s) return (LPSTR)s;
    return (LPSTR)(IsDBCSLeadByteEx(code_page, *s) && s[1] ? s + 2 : s + 1);
}

LPWSTR WINAPI CharNextW(LPCWSTR s)
{
    return (LPWSTR)(*s ? s + 1 : s);
}

LPSTR WINAPI CharPrevA(LPCSTR start, LPCSTR s)
{
    return (LPSTR)(s > start ? s - 1 : start);
}

LPSTR WINAPI CharPrevExA(WORD code_page, LPCSTR start, LPCSTR s, DWORD flags)
{
    (void)code_page; (void)flags;
    return (LPSTR)(s > start ? s - 1 : start);
}

LPWSTR WINAPI CharPrevW(LPCWSTR start, LPCWSTR s)
{
    return (LPWSTR)(s > start ? s - 1 : start);
}

BOOL WINAPI IsCharAlphaW(WCHAR c) { return is_alpha(c); }
BOOL WINAPI IsCharAlphaNumericW(WCHAR c) { return is_alpha(c) || is_digit(c); }
BOOL WINAPI IsCharUpperW(WCHAR c) { return is_upper(c); }
BOOL WINAPI IsCharLowerW(WCHAR c) { return is_lower(c); }
BOOL WINAPI IsCharAlphaA(CHAR c) { return is_alpha(ansi_to_wide(c)); }
BOOL WINAPI IsCharAlphaNumericA(CHAR c) { WCHAR w = ansi_to_wide(c); return is_alpha(w) || is_digit(w); }
BOOL WINAPI IsCharUpperA(CHAR c) { return is_upper(ansi_to_wide(c)); }
BOOL WINAPI IsCharLowerA(CHAR c) { return is_lower(ansi_to_wide(c)); }

/* ANSI <-> OEM through Unicode; a character the target lacks becomes the default character. */
static BOOL convert_a(UINT from, UINT to, const char *src, char *dst, DWORD len)
{
    for (DWORD i = 0; i < len; i++)
    {
        WCHAR w = 0;
        char c = src[i];
        MultiByteToWideChar(from, 0, &c, 1, &w, 1);
        if (WideCharToMultiByte(to, 0, &w, 1, &dst[i], 1, NULL, NULL) != 1) dst[i] = '?';
    }
    return TRUE;
}

static BOOL convert_w(UINT to, const WCHAR *src, char *dst, DWORD len)
{
    for (DWORD i = 0; i < len; i++)
        if (WideCharToMultiByte(to, 0, &src[i], 1, &dst[i], 1, NULL, NULL) != 1) dst[i] = '?';
    return TRUE;
}

static BOOL to_wide(UINT from, const char *src, WCHAR *dst, DWORD len)
{
    for (DWORD i = 0; i < len; i++)
        if (MultiByteToWideChar(from, 0, &src[i], 1, &dst[i], 1) != 1) dst[i] = '?';
    return TRUE;
}

BOOL WINAPI CharToOemBuffA(LPCSTR src, LPSTR dst, DWORD len)
{
    if (!src || !dst) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return convert_a(CP_ACP, CP_OEMCP, src, dst, len);
}

BOOL WINAPI CharToOemA(LPCSTR src, LPSTR dst)
{
    if (!src || !dst) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return convert_a(CP_ACP, CP_OEMCP, src, dst, lstrlenA(src) + 1);
}

BOOL WINAPI CharToOemBuffW(LPCWSTR src, LPSTR dst, DWORD len)
{
    if (!src || !dst) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return convert_w(CP_OEMCP, src, dst, len);
}

BOOL WINAPI CharToOemW(LPCWSTR src, LPSTR dst)
{
    if (!src || !dst) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return convert_w(CP_OEMCP, src, dst, lstrlenW(src) + 1);
}

BOOL WINAPI OemToCharBuffA(LPCSTR src, LPSTR dst, DWORD len)
{
    if (!src || !dst) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return convert_a(CP_OEMCP, CP_ACP, src, dst, len);
}

BOOL WINAPI OemToCharA(LPCSTR src, LPSTR dst)
{
    if (!src || !dst) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return convert_a(CP_OEMCP, CP_ACP, src, dst, lstrlenA(src) + 1);
}

BOOL WINAPI OemToCharBuffW(LPCSTR src, LPWSTR dst, DWORD len)
{
    if (!src || !dst) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return to_wide(CP_OEMCP, src, dst, len);
}

BOOL WINAPI OemToCharW(LPCSTR src, LPWSTR dst)
{
    if (!src || !dst) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return to_wide(CP_OEMCP, src, dst, lstrlenA(src) + 1);
}
