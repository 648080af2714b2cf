/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The bounds-checked string and memory functions (strcpy_s and family).  Their
 * contract, from Microsoft's documentation: a missing destination or a zero
 * size is EINVAL; a missing source, or a result that does not fit, leaves the
 * destination an empty string and is EINVAL or ERANGE; each failure is
 * reported to the invalid-parameter handler, and the error is the result.
 * _TRUNCATE as the count of the n-forms asks for as much as fits (STRUNCATE).
 */
#include "corelib.h"
#include "invalid.h"

#define TRUNCATE ((size_t)-1)
#define STRUNCATE 80
#define WHOLE ((size_t)-2)      /* no count: all of the source */

void *__cdecl memcpy(void *d, const void *s, size_t n);
void *__cdecl memmove(void *d, const void *s, size_t n);
void *__cdecl memset(void *d, int c, size_t n);
char *__cdecl strerror(int err);

/* One body for the narrow and wide forms: CH is the character type. */
#define SECURE_FUNCTIONS(CH, cpy_s, cat_s, ncpy_s, ncat_s)                                    \
static size_t len_##cpy_s(const CH *s, size_t max)                                            \
{                                                                                             \
    size_t n = 0;                                                                             \
    while (n < max && s[n]) n++;                                                              \
    return n;                                                                                 \
}                                                                                             \
                                                                                              \
/* Appends count characters of src (or all, for TRUNCATE) at dst[at]. */                      \
static int append_##cpy_s(CH *dst, size_t size, size_t at, const CH *src, size_t count)      \
{                                                                                             \
    size_t n = len_##cpy_s(src, count), room = size - at - 1;                                 \
                                                                                              \
    if (n > room && count == TRUNCATE)                                                        \
    {                                                                                         \
        memcpy(dst + at, src, room * sizeof(CH));                                             \
        dst[at + room] = 0;                                                                   \
        return STRUNCATE;                                                                     \
    }                                                                                         \
    if (n > room)                                                                             \
    {                                                                                         \
        dst[0] = 0;                                                                           \
        return ucrt_invalid(ERANGE, ERANGE);                                                  \
    }                                                                                         \
    memcpy(dst + at, src, n * sizeof(CH));                                                    \
    dst[at + n] = 0;                                                                          \
    return 0;                                                                                 \
}                                                                                             \
                                                                                              \
int __cdecl ncpy_s(CH *dst, size_t size, const CH *src, size_t count)                        \
{                                                                                             \
    if (!count && !dst && !size) return 0;                                                    \
    if (!dst || !size) return ucrt_invalid(EINVAL, EINVAL);                                   \
    if (!count)                                                                               \
    {                                                                                         \
        dst[0] = 0;                                                                           \
        return 0;                                                                             \
    }                                                                                         \
    if (!src)                                                                                 \
    {                                                                                         \
        dst[0] = 0;                                                                           \
        return ucrt_invalid(EINVAL, EINVAL);                                                  \
    }                                                                                         \
    return append_##cpy_s(dst, size, 0, src, count);                                          \
}                                                                                             \
                                                                                              \
int __cdecl cpy_s(CH *dst, size_t size, const CH *src)                                        \
{                                                                                             \
    if (!dst || !size) return ucrt_invalid(EINVAL, EINVAL);                                   \
    if (!src)                                                                                 \
    {                                                                                         \
        dst[0] = 0;                                                                           \
        return ucrt_invalid(EINVAL, EINVAL);                                                  \
    }                                                                                         \
    return append_##cpy_s(dst, size, 0, src, WHOLE);                                     \
}                                                                                             \
                                                                                              \
int __cdecl ncat_s(CH *dst, size_t size, const CH *src, size_t count)                        \
{                                                                                             \
    size_t at;                                                                                \
                                                                                              \
    if (!count && !dst && !size) return 0;                                                    \
    if (!dst || !size) return ucrt_invalid(EINVAL, EINVAL);                                   \
    if (!src && count)                                                                        \
    {                                                                                         \
        dst[0] = 0;                                                                           \
        return ucrt_invalid(EINVAL, EINVAL);                                                  \
    }                                                                                         \
    at = len_##cpy_s(dst, size);                                                              \
    if (at == size)                                                                           \
    {                                                                                         \
        dst[0] = 0;                                                                           \
        return ucrt_invalid(EINVAL, EINVAL);                                                  \
    }                                                                                         \
    if (!count) return 0;                                                                     \
    return append_##cpy_s(dst, size, at, src, count);                                         \
}                                                                                             \
                                                                                              \
int __cdecl cat_s(CH *dst, size_t size, const CH *src)                                        \
{                                                                                             \
    size_t at;                                                                                \
                                                                                              \
    if (!dst || !size) return ucrt_invalid(EINVAL, EINVAL);                                   \
    if (!src)                                                                                 \
    {                                                                                         \
        dst[0] = 0;                                                                           \
        return ucrt_invalid(EINVAL, EINVAL);                                                  \
    }                                                                                         \
    at = len_##cpy_s(dst, size);                                                              \
    if (at == size)                                                                           \
    {                                                                                         \
        dst[0] = 0;                                                                           \
        return ucrt_invalid(EINVAL, EINVAL);                                                  \
    }                                                                                         \
    return append_##cpy_s(dst, size, at, src, WHOLE);                                    \
}

SECURE_FUNCTIONS(char, strcpy_s, strcat_s, strncpy_s, strncat_s)
SECURE_FUNCTIONS(wchar_t, wcscpy_s, wcscat_s, wcsncpy_s, wcsncat_s)

int __cdecl memcpy_s(void *dst, size_t size, const void *src, size_t count)
{
    if (!count) return 0;
    if (!dst) return ucrt_invalid(EINVAL, EINVAL);
    if (!src || size < count)
    {
        memset(dst, 0, size);
        return src ? ucrt_invalid(ERANGE, ERANGE) : ucrt_invalid(EINVAL, EINVAL);
    }
    memcpy(dst, src, count);
    return 0;
}

int __cdecl memmove_s(void *dst, size_t size, const void *src, size_t count)
{
    if (!count) return 0;
    if (!dst || !src) return ucrt_invalid(EINVAL, EINVAL);
    if (size < count) return ucrt_invalid(ERANGE, ERANGE);
    memmove(dst, src, count);
    return 0;
}

/* The message, cut to the buffer if it must be. */
int __cdecl strerror_s(char *buf, size_t size, int err)
{
    if (!buf || !size) return ucrt_invalid(EINVAL, EINVAL);
    strncpy_s(buf, size, strerror(err), TRUNCATE);
    return 0;
}
