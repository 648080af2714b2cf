/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The _l forms of the character, comparison and conversion functions: each
 * takes a locale object (or NULL for the thread's locale).  Every locale
 * Wring makes is "C" (locale.c), so each gives what its plain form gives.
 */
#include "corelib.h"

typedef void *locale_obj;

int __cdecl _isctype(int c, int type);
int __cdecl isalpha(int c);
int __cdecl isupper(int c);
int __cdecl islower(int c);
int __cdecl isdigit(int c);
int __cdecl isxdigit(int c);
int __cdecl isspace(int c);
int __cdecl ispunct(int c);
int __cdecl isalnum(int c);
int __cdecl isprint(int c);
int __cdecl isgraph(int c);
int __cdecl iscntrl(int c);
int __cdecl isleadbyte(int c);
int __cdecl toupper(int c);
int __cdecl tolower(int c);
int __cdecl iswctype(wint_t c, wctype_t type);
int __cdecl iswalpha(wint_t c);
int __cdecl iswupper(wint_t c);
int __cdecl iswlower(wint_t c);
int __cdecl iswdigit(wint_t c);
int __cdecl iswxdigit(wint_t c);
int __cdecl iswspace(wint_t c);
int __cdecl iswpunct(wint_t c);
int __cdecl iswalnum(wint_t c);
int __cdecl iswprint(wint_t c);
int __cdecl iswgraph(wint_t c);
int __cdecl iswcntrl(wint_t c);
wint_t __cdecl towupper(wint_t c);
wint_t __cdecl towlower(wint_t c);

int __cdecl _stricmp(const char *a, const char *b);
int __cdecl _strnicmp(const char *a, const char *b, size_t n);
int __cdecl _memicmp(const void *a, const void *b, size_t n);
int __cdecl strcoll(const char *a, const char *b);
int __cdecl _stricoll(const char *a, const char *b);
int __cdecl _strncoll(const char *a, const char *b, size_t n);
int __cdecl _strnicoll(const char *a, const char *b, size_t n);
int __cdecl _wcsicmp(const wchar_t *a, const wchar_t *b);
int __cdecl _wcsnicmp(const wchar_t *a, const wchar_t *b, size_t n);
int __cdecl wcscoll(const wchar_t *a, const wchar_t *b);
int __cdecl _wcsicoll(const wchar_t *a, const wchar_t *b);

double __cdecl strtod(const char *s, char **end);
double __cdecl wcstod(const wchar_t *s, wchar_t **end);
double __cdecl atof(const char *s);
s64 __cdecl _strtoi64(const char *s, char **end, int base);
u64 __cdecl _strtoui64(const char *s, char **end, int base);
s64 __cdecl _wcstoi64(const wchar_t *s, wchar_t **end, int base);
u64 __cdecl _wcstoui64(const wchar_t *s, wchar_t **end, int base);
win_long __cdecl strtol(const char *s, char **end, int base);
win_ulong __cdecl strtoul(const char *s, char **end, int base);
win_long __cdecl wcstol(const wchar_t *s, wchar_t **end, int base);
win_ulong __cdecl wcstoul(const wchar_t *s, wchar_t **end, int base);
int __cdecl atoi(const char *s);
win_long __cdecl atol(const char *s);
s64 __cdecl _atoi64(const char *s);

int __cdecl _isctype_l(int c, int type, locale_obj l) { return _isctype(c, type); }
int __cdecl _isalpha_l(int c, locale_obj l)  { return isalpha(c); }
int __cdecl _isupper_l(int c, locale_obj l)  { return isupper(c); }
int __cdecl _islower_l(int c, locale_obj l)  { return islower(c); }
int __cdecl _isdigit_l(int c, locale_obj l)  { return isdigit(c); }
int __cdecl _isxdigit_l(int c, locale_obj l) { return isxdigit(c); }
int __cdecl _isspace_l(int c, locale_obj l)  { return isspace(c); }
int __cdecl _ispunct_l(int c, locale_obj l)  { return ispunct(c); }
int __cdecl _isalnum_l(int c, locale_obj l)  { return isalnum(c); }
int __cdecl _isprint_l(int c, locale_obj l)  { return isprint(c); }
int __cdecl _isgraph_l(int c, locale_obj l)  { return isgraph(c); }
int __cdecl _iscntrl_l(int c, locale_obj l)  { return iscntrl(c); }
int __cdecl _isleadbyte_l(int c, locale_obj l) { return isleadbyte(c); }
/* C's blanks: the space and the horizontal tab */
int __cdecl _isblank_l(int c, locale_obj l)  { return c == ' ' || c == '\t'; }
int __cdecl _toupper_l(int c, locale_obj l)  { return toupper(c); }
int __cdecl _tolower_l(int c, locale_obj l)  { return tolower(c); }

int __cdecl _iswctype_l(wint_t c, wctype_t type, locale_obj l) { return iswctype(c, type); }
int __cdecl _iswalpha_l(wint_t c, locale_obj l)  { return iswalpha(c); }
int __cdecl _iswupper_l(wint_t c, locale_obj l)  { return iswupper(c); }
int __cdecl _iswlower_l(wint_t c, locale_obj l)  { return iswlower(c); }
int __cdecl _iswdigit_l(wint_t c, locale_obj l)  { return iswdigit(c); }
int __cdecl _iswxdigit_l(wint_t c, locale_obj l) { return iswxdigit(c); }
int __cdecl _iswspace_l(wint_t c, locale_obj l)  { return iswspace(c); }
int __cdecl _iswpunct_l(wint_t c, locale_obj l)  { return iswpunct(c); }
int __cdecl _iswalnum_l(wint_t c, locale_obj l)  { return iswalnum(c); }
int __cdecl _iswprint_l(wint_t c, locale_obj l)  { return iswprint(c); }
int __cdecl _iswgraph_l(wint_t c, locale_obj l)  { return iswgraph(c); }
int __cdecl _iswcntrl_l(wint_t c, locale_obj l)  { return iswcntrl(c); }
wint_t __cdecl _towupper_l(wint_t c, locale_obj l) { return towupper(c); }
wint_t __cdecl _towlower_l(wint_t c, locale_obj l) { return towlower(c); }

int __cdecl _stricmp_l(const char *a, const char *b, locale_obj l)            { return _stricmp(a, b); }
int __cdecl _strnicmp_l(const char *a, const char *b, size_t n, locale_obj l) { return _strnicmp(a, b, n); }
int __cdecl _memicmp_l(const void *a, const void *b, size_t n, locale_obj l)  { return _memicmp(a, b, n); }
int __cdecl _strcoll_l(const char *a, const char *b, locale_obj l)            { return strcoll(a, b); }
int __cdecl _stricoll_l(const char *a, const char *b, locale_obj l)           { return _stricoll(a, b); }
int __cdecl _strncoll_l(const char *a, const char *b, size_t n, locale_obj l) { return _strncoll(a, b, n); }
int __cdecl _strnicoll_l(const char *a, const char *b, size_t n, locale_obj l) { return _strnicoll(a, b, n); }
int __cdecl _wcsicmp_l(const wchar_t *a, const wchar_t *b, locale_obj l)            { return _wcsicmp(a, b); }
int __cdecl _wcsnicmp_l(const wchar_t *a, const wchar_t *b, size_t n, locale_obj l) { return _wcsnicmp(a, b, n); }
int __cdecl _wcscoll_l(const wchar_t *a, const wchar_t *b, locale_obj l)            { return wcscoll(a, b); }
int __cdecl _wcsicoll_l(const wchar_t *a, const wchar_t *b, locale_obj l)           { return _wcsicoll(a, b); }

double __cdecl _strtod_l(const char *s, char **end, locale_obj l)     { return strtod(s, end); }
double __cdecl _wcstod_l(const wchar_t *s, wchar_t **end, locale_obj l) { return wcstod(s, end); }
double __cdecl _atof_l(const char *s, locale_obj l)                  { return atof(s); }
win_long __cdecl _strtol_l(const char *s, char **end, int base, locale_obj l)     { return strtol(s, end, base); }
win_ulong __cdecl _strtoul_l(const char *s, char **end, int base, locale_obj l)   { return strtoul(s, end, base); }
s64 __cdecl _strtoi64_l(const char *s, char **end, int base, locale_obj l)        { return _strtoi64(s, end, base); }
u64 __cdecl _strtoui64_l(const char *s, char **end, int base, locale_obj l)       { return _strtoui64(s, end, base); }
win_long __cdecl _wcstol_l(const wchar_t *s, wchar_t **end, int base, locale_obj l)   { return wcstol(s, end, base); }
win_ulong __cdecl _wcstoul_l(const wchar_t *s, wchar_t **end, int base, locale_obj l) { return wcstoul(s, end, base); }
s64 __cdecl _wcstoi64_l(const wchar_t *s, wchar_t **end, int base, locale_obj l)      { return _wcstoi64(s, end, base); }
u64 __cdecl _wcstoui64_l(const wchar_t *s, wchar_t **end, int base, locale_obj l)     { return _wcstoui64(s, end, base); }
int __cdecl _atoi_l(const char *s, locale_obj l)      { return atoi(s); }
win_long __cdecl _atol_l(const char *s, locale_obj l) { return atol(s); }
s64 __cdecl _atoi64_l(const char *s, locale_obj l)    { return _atoi64(s); }
