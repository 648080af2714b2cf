/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Code pages and the few locale answers console programs ask for.  Wring has one locale,
 * English (United States): ANSI code page 1252, OEM code page 437.  Also handled: UTF-8
 * (65001) and US-ASCII (20127).  Conversions to single-byte code pages map exact characters
 * only (no "best fit" substitutes, as with WC_NO_BEST_FIT_CHARS).
 */
#ifndef _KERNEL32_
#define _KERNEL32_
#endif
#include <stdarg.h>
#include "ntstatus.h"
#define WIN32_NO_STATUS
#include "windef.h"
#include "winbase.h"
#include "winnls.h"
#include "winternl.h"
#undef WIN32_NO_STATUS

#define CP_WINDOWS_1252 1252
#define CP_IBM_437      437
#define CP_US_ASCII     20127

#define LOCALE_EN_US    0x0409

static UINT resolve_code_page(UINT cp)
{
    switch (cp)
    {
    case CP_ACP:
    case CP_THREAD_ACP:
        return CP_WINDOWS_1252;
    case CP_OEMCP:
        return CP_IBM_437;
    default:
        return cp;
    }
}

static BOOL known_code_page(UINT cp)
{
    return cp == CP_WINDOWS_1252 || cp == CP_IBM_437 || cp == CP_US_ASCII || cp == CP_UTF8;
}

UINT WINAPI GetACP(void)
{
    return CP_WINDOWS_1252;
}

UINT WINAPI GetOEMCP(void)
{
    return CP_IBM_437;
}

BOOL WINAPI IsValidCodePage(UINT cp)
{
    return known_code_page(cp);
}

BOOL WINAPI GetCPInfo(UINT cp, CPINFO *info)
{
    cp = resolve_code_page(cp);
    if (!info || !known_code_page(cp))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    info->MaxCharSize = cp == CP_UTF8 ? 4 : 1;
    for (int i = 0; i < MAX_DEFAULTCHAR; i++) info->DefaultChar[i] = 0;
    info->DefaultChar[0] = '?';
    for (int i = 0; i < MAX_LEADBYTES; i++) info->LeadByte[i] = 0;
    return TRUE;
}

/* The names Windows gives the code pages Wring knows. */
static const char *code_page_name(UINT cp)
{
    switch (cp)
    {
    case CP_WINDOWS_1252: return "1252  (ANSI - Latin I)";
    case CP_IBM_437: return "437   (OEM - United States)";
    case CP_US_ASCII: return "20127 (US-ASCII)";
    default: return "65001 (UTF-8)";
    }
}

BOOL WINAPI GetCPInfoExW(UINT cp, DWORD flags, CPINFOEXW *info)
{
    const char *name;
    int i;

    if (!info || !GetCPInfo(cp, (CPINFO *)info)) return FALSE;
    cp = resolve_code_page(cp);
    info->UnicodeDefaultChar = cp == CP_UTF8 ? 0xfffd : '?';
    info->CodePage = cp;
    name = code_page_name(cp);
    for (i = 0; name[i] && i < MAX_PATH - 1; i++) info->CodePageName[i] = (BYTE)name[i];
    info->CodePageName[i] = 0;
    (void)flags;
    return TRUE;
}

BOOL WINAPI GetCPInfoExA(UINT cp, DWORD flags, CPINFOEXA *info)
{
    CPINFOEXW w;
    int i;

    if (!info || !GetCPInfoExW(cp, flags, &w)) return FALSE;
    memcpy(info, &w, offsetof(CPINFOEXA, CodePageName));
    /* the names are ASCII */
    for (i = 0; w.CodePageName[i]; i++) info->CodePageName[i] = (char)w.CodePageName[i];
    info->CodePageName[i] = 0;
    return TRUE;
}

BOOL WINAPI IsDBCSLeadByteEx(UINT cp, BYTE c)
{
    (void)c;
    if (!known_code_page(resolve_code_page(cp))) RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
    return FALSE;
}

BOOL WINAPI IsDBCSLeadByte(BYTE c)
{
    (void)c;
    return FALSE;
}

LCID WINAPI GetUserDefaultLCID(void)
{
    return LOCALE_EN_US;
}

LCID WINAPI GetSystemDefaultLCID(void)
{
    return LOCALE_EN_US;
}

LCID WINAPI GetThreadLocale(void)
{
    return LOCALE_EN_US;
}

LANGID WINAPI GetUserDefaultLangID(void)
{
    return LOCALE_EN_US;
}

LANGID WINAPI GetSystemDefaultLangID(void)
{
    return LOCALE_EN_US;
}

LANGID WINAPI GetUserDefaultUILanguage(void)
{
    return LOCALE_EN_US;
}

/* One byte of a single-byte code page as UTF-16. */
static WCHAR sbcs_to_wide(UINT cp, unsigned char c)
{
    WCHAR wc;
    if (cp == CP_US_ASCII) return c & 0x7f;
    if (cp == CP_IBM_437) RtlOemToUnicodeN(&wc, sizeof(wc), NULL, (char *)&c, 1);
    else RtlMultiByteToUnicodeN(&wc, sizeof(wc), NULL, (char *)&c, 1);
    return wc;
}

/* The byte for wc, or -1 when the code page lacks it; ntdll writes '?' for a missing
 * character, and only U+003F really is '?'. */
static int wide_to_sbcs(UINT cp, WCHAR wc)
{
    char c;
    if (cp == CP_US_ASCII) return wc < 0x80 ? wc : -1;
    if (cp == CP_IBM_437) RtlUnicodeToOemN(&c, 1, NULL, &wc, sizeof(wc));
    else RtlUnicodeToMultiByteN(&c, 1, NULL, &wc, sizeof(wc));
    return c == '?' && wc != '?' ? -1 : (unsigned char)c;
}

INT WINAPI MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, INT src_len, LPWSTR dst, INT dst_len)
{
    DWORD needed;
    NTSTATUS status;

    if (!src || !src_len || dst_len < 0 || (dst_len && !dst) || (dst && (const void *)src == (void *)dst))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    cp = resolve_code_page(cp);
    if (!known_code_page(cp))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (src_len < 0)
    {
        src_len = 0;
        while (src[src_len]) src_len++;
        src_len++;
    }

    if (cp == CP_UTF8)
    {
        if (flags & ~MB_ERR_INVALID_CHARS)
        {
            RtlSetLastWin32Error(ERROR_INVALID_FLAGS);
            return 0;
        }
        status = RtlUTF8ToUnicodeN(NULL, 0, &needed, src, src_len);
        if (status == STATUS_SOME_NOT_MAPPED && (flags & MB_ERR_INVALID_CHARS))
        {
            RtlSetLastWin32Error(ERROR_NO_UNICODE_TRANSLATION);
            return 0;
        }
        needed /= sizeof(WCHAR);
        if (!dst_len) return needed;
        if (RtlUTF8ToUnicodeN(dst, dst_len * sizeof(WCHAR), &needed, src, src_len) == STATUS_BUFFER_TOO_SMALL)
        {
            RtlSetLastWin32Error(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        return needed / sizeof(WCHAR);
    }

    if (flags & ~(MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS | MB_ERR_INVALID_CHARS))
    {
        RtlSetLastWin32Error(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (!dst_len) return src_len;
    for (INT i = 0; i < src_len; i++)
    {
        if (i >= dst_len)
        {
            RtlSetLastWin32Error(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        dst[i] = sbcs_to_wide(cp, src[i]);
    }
    return src_len;
}

INT WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, INT src_len, LPSTR dst, INT dst_len,
                               LPCSTR default_char, LPBOOL used_default)
{
    DWORD needed;
    NTSTATUS status;
    BOOL used = FALSE;
    INT out = 0;
    char fallback;

    if (!src || !src_len || dst_len < 0 || (dst_len && !dst) || (dst && (const void *)src == (void *)dst))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    cp = resolve_code_page(cp);
    if (!known_code_page(cp))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (src_len < 0)
    {
        src_len = 0;
        while (src[src_len]) src_len++;
        src_len++;
    }

    if (cp == CP_UTF8)
    {
        if (default_char || used_default)
        {
            RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
            return 0;
        }
        if (flags & ~WC_ERR_INVALID_CHARS)
        {
            RtlSetLastWin32Error(ERROR_INVALID_FLAGS);
            return 0;
        }
        status = RtlUnicodeToUTF8N(NULL, 0, &needed, src, src_len * sizeof(WCHAR));
        if (status == STATUS_SOME_NOT_MAPPED && (flags & WC_ERR_INVALID_CHARS))
        {
            RtlSetLastWin32Error(ERROR_NO_UNICODE_TRANSLATION);
            return 0;
        }
        if (!dst_len) return needed;
        if (RtlUnicodeToUTF8N(dst, dst_len, &needed, src, src_len * sizeof(WCHAR)) == STATUS_BUFFER_TOO_SMALL)
        {
            RtlSetLastWin32Error(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        return needed;
    }

    if (flags & ~(WC_COMPOSITECHECK | WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_NO_BEST_FIT_CHARS))
    {
        RtlSetLastWin32Error(ERROR_INVALID_FLAGS);
        return 0;
    }
    fallback = default_char ? *default_char : '?';
    for (INT i = 0; i < src_len; i++, out++)
    {
        int c = wide_to_sbcs(cp, src[i]);
        if (c < 0)
        {
            c = (unsigned char)fallback;
            used = TRUE;
        }
        if (!dst_len) continue;
        if (out >= dst_len)
        {
            RtlSetLastWin32Error(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        dst[out] = c;
    }
    if (used_default) *used_default = used;
    return out;
}

/* ntdll's: a string's length in characters, STATUS_ACCESS_VIOLATION where it cannot be read */
NTSTATUS WINAPI wring_string_length(const void *str, SIZE_T char_size, SIZE_T *length);

/* Windows' lstrlen catches the fault of a bad pointer and returns 0 (with
 * ERROR_INVALID_PARAMETER, as Wine 8.0 has it); the Unix side measures the string
 * under the same guard that probes user memory. */
int WINAPI lstrlenA(LPCSTR s)
{
    SIZE_T n;
    if (!s) return 0;
    if (wring_string_length(s, 1, &n))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return n;
}

int WINAPI lstrlenW(LPCWSTR s)
{
    SIZE_T n;
    if (!s) return 0;
    if (wring_string_length(s, 2, &n))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    return n;
}

/* ntdll's: a string copied under that guard, STATUS_ACCESS_VIOLATION where it faults */
NTSTATUS WINAPI wring_copy_string(void *dst, const void *src, SIZE_T char_size, SIZE_T max);

/* lstrcpy and lstrcpyn catch a fault too (Microsoft's documentation says so): NULL
 * and ERROR_INVALID_PARAMETER */
static void *copy_string(void *dst, const void *src, SIZE_T char_size, SIZE_T max)
{
    if (!wring_copy_string(dst, src, char_size, max)) return dst;
    RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
    return NULL;
}

LPSTR WINAPI lstrcpyA(LPSTR dst, LPCSTR src)
{
    if (!dst || !src) return NULL;
    return copy_string(dst, src, 1, 0);
}

LPWSTR WINAPI lstrcpyW(LPWSTR dst, LPCWSTR src)
{
    if (!dst || !src) return NULL;
    return copy_string(dst, src, 2, 0);
}

LPSTR WINAPI lstrcpynA(LPSTR dst, LPCSTR src, int n)
{
    if (!dst || !src || n <= 0) return n == 0 ? dst : NULL;
    return copy_string(dst, src, 1, n);
}

LPWSTR WINAPI lstrcpynW(LPWSTR dst, LPCWSTR src, int n)
{
    if (!dst || !src || n <= 0) return n == 0 ? dst : NULL;
    return copy_string(dst, src, 2, n);
}

LPSTR WINAPI lstrcatA(LPSTR dst, LPCSTR src)
{
    SIZE_T n;
    if (!dst || !src) return NULL;
    if (wring_string_length(dst, 1, &n))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return copy_string(dst + n, src, 1, 0) ? dst : NULL;
}

LPWSTR WINAPI lstrcatW(LPWSTR dst, LPCWSTR src)
{
    SIZE_T n;
    if (!dst || !src) return NULL;
    if (wring_string_length(dst, 2, &n))
    {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    return copy_string(dst + n, src, 2, 0) ? dst : NULL;
}

/* lstrcmp sorts by the user locale: letters compare without case first, and only strings
 * equal but for case order lowercase before uppercase ("a" < "B", "a" < "A").  This is that
 * rule over simple case mapping; the full linguistic rules (ignored hyphens, accents as a
 * secondary weight) are not modelled. */
static int compare_wide(const WCHAR *a, const WCHAR *b, BOOL ignore_case)
{
    int case_order = 0;
    for (;; a++, b++)
    {
        WCHAR ua = RtlUpcaseUnicodeChar(*a), ub = RtlUpcaseUnicodeChar(*b);
        if (ua != ub) return ua < ub ? -1 : 1;
        if (!*a) break;
        if (!case_order && *a != *b) case_order = *a == ua ? 1 : -1;
    }
    return ignore_case ? 0 : case_order;
}

static int compare_ansi(const char *a, const char *b, BOOL ignore_case)
{
    WCHAR *wa, *wb;
    int ret, la = lstrlenA(a) + 1, lb = lstrlenA(b) + 1;
    HANDLE heap = NtCurrentTeb()->Peb->ProcessHeap;

    wa = RtlAllocateHeap(heap, 0, la * sizeof(WCHAR));
    wb = RtlAllocateHeap(heap, 0, lb * sizeof(WCHAR));
    if (!wa || !wb)
    {
        RtlFreeHeap(heap, 0, wa);
        RtlFreeHeap(heap, 0, wb);
        return 0;
    }
    RtlMultiByteToUnicodeN(wa, la * sizeof(WCHAR), NULL, a, la);
    RtlMultiByteToUnicodeN(wb, lb * sizeof(WCHAR), NULL, b, lb);
    ret = compare_wide(wa, wb, ignore_case);
    RtlFreeHeap(heap, 0, wa);
    RtlFreeHeap(heap, 0, wb);
    return ret;
}

int WINAPI lstrcmpW(LPCWSTR a, LPCWSTR b)
{
    if (!a || !b) return a ? 1 : b ? -1 : 0;
    return compare_wide(a, b, FALSE);
}

int WINAPI lstrcmpiW(LPCWSTR a, LPCWSTR b)
{
    if (!a || !b) return a ? 1 : b ? -1 : 0;
    return compare_wide(a, b, TRUE);
}

int WINAPI lstrcmpA(LPCSTR a, LPCSTR b)
{
    if (!a || !b) return a ? 1 : b ? -1 : 0;
    return compare_ansi(a, b, FALSE);
}

int WINAPI lstrcmpiA(LPCSTR a, LPCSTR b)
{
    if (!a || !b) return a ? 1 : b ? -1 : 0;
    return compare_ansi(a, b, TRUE);
}
