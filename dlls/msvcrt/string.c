/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* msvcrt's byte-string functions, "C" locale. */

#include "corelib.h"

/* Unaligned, alias-safe word access for the word-at-a-time loops. */
typedef u64 __attribute__((may_alias, aligned(1))) u64_una;
typedef char v16qi __attribute__((vector_size(16)));

#define ONES  0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
/* Non-zero iff some byte of x is zero. */
#define HAS_ZERO(x) (((x) - ONES) & ~(x) & HIGHS)

static inline int to_lower_c(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static inline int to_upper_c(int c)
{
    return (c >= 'a' && c <= 'z') ? c - ('a' - 'A') : c;
}

/* Bitmask of the bytes equal to c among the 16 at an aligned address p.
 * Aligned 16-byte loads never cross a page, so reading past the end of the
 * string (or buffer) inside the same block cannot fault. */
static inline unsigned int match16(const char *p, char c)
{
    v16qi v = *(const v16qi *)p;
    v16qi k = { c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c };
    return (unsigned int)__builtin_ia32_pmovmskb128(v == k);
}

void *__cdecl memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (n >= 256)
    {
        /* ERMS makes rep movsb the fastest large copy on current x86-64. */
        __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
        return dst;
    }
    while (n >= 8)
    {
        *(u64_una *)d = *(const u64_una *)s;
        d += 8; s += 8; n -= 8;
    }
    while (n--) *d++ = *s++;
    return dst;
}

void *__cdecl memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    /* A forward copy is safe unless dst starts inside [src, src+n). */
    if ((size_t)(d - s) >= n) return memcpy(dst, src, n);
    d += n; s += n;
    while (n >= 8)
    {
        d -= 8; s -= 8; n -= 8;
        *(u64_una *)d = *(const u64_una *)s;
    }
    while (n--) *--d = *--s;
    return dst;
}

void *__cdecl memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    u64 w = (unsigned char)c * ONES;

    if (n >= 256)
    {
        __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
        return dst;
    }
    while (n >= 8)
    {
        *(u64_una *)d = w;
        d += 8; n -= 8;
    }
    while (n--) *d++ = (unsigned char)c;
    return dst;
}

/* msvcrt's memcmp answers -1, 0 or 1, not the byte difference. */
int __cdecl memcmp(const void *p1, const void *p2, size_t n)
{
    const unsigned char *a = p1, *b = p2;

    while (n >= 8 && *(const u64_una *)a == *(const u64_una *)b)
    {
        a += 8; b += 8; n -= 8;
    }
    for (; n; n--, a++, b++)
        if (*a != *b) return *a < *b ? -1 : 1;
    return 0;
}

int __cdecl _memicmp(const void *p1, const void *p2, size_t n)
{
    const unsigned char *a = p1, *b = p2;

    for (; n; n--, a++, b++)
    {
        int d = to_lower_c(*a) - to_lower_c(*b);
        if (d) return d;
    }
    return 0;
}

void *__cdecl memchr(const void *ptr, int c, size_t n)
{
    const char *p = ptr;
    const char *block;
    unsigned int mask;
    size_t skip;

    if (!n) return 0;
    block = (const char *)((size_t)p & ~(size_t)15);
    skip = p - block;
    mask = match16(block, (char)c) >> skip;
    for (;;)
    {
        if (mask)
        {
            size_t off = (size_t)(block - p) + skip + __builtin_ctz(mask);
            return off < n ? (void *)(p + off) : 0;
        }
        block += 16;
        skip = 0;
        if ((size_t)(block - p) >= n) return 0;
        mask = match16(block, (char)c);
    }
}

void *__cdecl _memccpy(void *dst, const void *src, int c, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    while (n--)
        if ((*d++ = *s++) == (unsigned char)c) return d;
    return 0;
}

size_t __cdecl strlen(const char *s)
{
    const char *block = (const char *)((size_t)s & ~(size_t)15);
    unsigned int mask = match16(block, 0) >> (s - block);

    if (mask) return __builtin_ctz(mask);
    for (;;)
    {
        block += 16;
        mask = match16(block, 0);
        if (mask) return block + __builtin_ctz(mask) - s;
    }
}

size_t __cdecl strnlen(const char *s, size_t maxlen)
{
    const char *end = memchr(s, 0, maxlen);
    return end ? (size_t)(end - s) : maxlen;
}

char *__cdecl strcpy(char *dst, const char *src)
{
    memcpy(dst, src, strlen(src) + 1);
    return dst;
}

char *__cdecl strncpy(char *dst, const char *src, size_t n)
{
    size_t len = strnlen(src, n);

    memcpy(dst, src, len);
    memset(dst + len, 0, n - len);
    return dst;
}

char *__cdecl strcat(char *dst, const char *src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

char *__cdecl strncat(char *dst, const char *src, size_t n)
{
    char *d = dst + strlen(dst);
    size_t len = strnlen(src, n);

    memcpy(d, src, len);
    d[len] = 0;
    return dst;
}

/* msvcrt's strcmp answers -1, 0 or 1 (unsigned bytes). */
int __cdecl strcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

    while (*p && *p == *q) { p++; q++; }
    if (*p == *q) return 0;
    return *p < *q ? -1 : 1;
}

/* msvcrt's strncmp answers the difference of the first differing bytes. */
int __cdecl strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

    for (; n; n--, p++, q++)
        if (*p != *q || !*p) return *p - *q;
    return 0;
}

/* Lower-cases both sides (so '_' sorts after letters) and answers the difference. */
int __cdecl _stricmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    int d;

    do
    {
        d = to_lower_c(*p) - to_lower_c(*q);
    } while (!d && *p++ && *q++);
    return d;
}

int __cdecl _strcmpi(const char *a, const char *b)
{
    return _stricmp(a, b);
}

int __cdecl _strnicmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

    for (; n; n--, p++, q++)
    {
        int d = to_lower_c(*p) - to_lower_c(*q);
        if (d || !*p) return d;
    }
    return 0;
}

/* In the "C" locale collation is byte order. */
int __cdecl strcoll(const char *a, const char *b)
{
    return strcmp(a, b);
}

int __cdecl _stricoll(const char *a, const char *b)
{
    return _stricmp(a, b);
}

int __cdecl _strncoll(const char *a, const char *b, size_t n)
{
    return strncmp(a, b, n);
}

int __cdecl _strnicoll(const char *a, const char *b, size_t n)
{
    return _strnicmp(a, b, n);
}

size_t __cdecl strxfrm(char *dst, const char *src, size_t n)
{
    size_t len = strlen(src);

    if (len < n) memcpy(dst, src, len + 1);
    return len;
}

char *__cdecl strchr(const char *s, int c)
{
    const char *block = (const char *)((size_t)s & ~(size_t)15);
    size_t skip = s - block;
    unsigned int hit = match16(block, (char)c) >> skip, end = match16(block, 0) >> skip;
    const char *base = s;

    for (;;)
    {
        if (hit | end)
        {
            unsigned int first_hit = hit ? __builtin_ctz(hit) : 32;
            unsigned int first_end = end ? __builtin_ctz(end) : 32;
            /* Searching for 0 finds the terminator, as C requires. */
            return first_hit <= first_end ? (char *)base + first_hit : 0;
        }
        block += 16;
        base = block;
        hit = match16(block, (char)c);
        end = match16(block, 0);
    }
}

char *__cdecl strrchr(const char *s, int c)
{
    const char *last = 0;

    for (;; s++)
    {
        if (*s == (char)c) last = s;
        if (!*s) return (char *)last;
    }
}

char *__cdecl strstr(const char *hay, const char *needle)
{
    size_t nlen = strlen(needle);

    if (!nlen) return (char *)hay;
    for (; (hay = strchr(hay, needle[0])); hay++)
        if (!strncmp(hay, needle, nlen)) return (char *)hay;
    return 0;
}

/* A 256-bit set of the bytes in a string (the terminator always included). */
static void byte_set(u64 set[4], const char *chars)
{
    const unsigned char *c = (const unsigned char *)chars;

    set[0] = 1; set[1] = set[2] = set[3] = 0;
    for (; *c; c++) set[*c >> 6] |= 1ull << (*c & 63);
}

static inline int in_set(const u64 set[4], unsigned char c)
{
    return (set[c >> 6] >> (c & 63)) & 1;
}

size_t __cdecl strspn(const char *s, const char *accept)
{
    u64 set[4];
    size_t i = 0;

    byte_set(set, accept);
    set[0] &= ~1ull;
    while (in_set(set, (unsigned char)s[i])) i++;
    return i;
}

size_t __cdecl strcspn(const char *s, const char *reject)
{
    u64 set[4];
    size_t i = 0;

    byte_set(set, reject);
    while (!in_set(set, (unsigned char)s[i])) i++;
    return i;
}

char *__cdecl strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *)s : 0;
}

char *__cdecl strtok(char *s, const char *delim)
{
    struct core_thread *t = core_thread_data();
    char *tok;

    if (!s) s = t->strtok_next;
    if (!s) return 0;
    s += strspn(s, delim);
    if (!*s)
    {
        t->strtok_next = 0;
        return 0;
    }
    tok = s;
    s += strcspn(s, delim);
    if (*s) *s++ = 0;
    t->strtok_next = s;
    return tok;
}

char *__cdecl _strdup(const char *s)
{
    size_t len;
    char *r;

    if (!s) return 0;
    len = strlen(s) + 1;
    if ((r = malloc(len))) memcpy(r, s, len);
    return r;
}

char *__cdecl _strlwr(char *s)
{
    char *p;

    for (p = s; *p; p++) *p = (char)to_lower_c((unsigned char)*p);
    return s;
}

char *__cdecl _strupr(char *s)
{
    char *p;

    for (p = s; *p; p++) *p = (char)to_upper_c((unsigned char)*p);
    return s;
}

char *__cdecl _strrev(char *s)
{
    char *a = s, *b = s + strlen(s);

    while (b - a > 1)
    {
        char t = *a;
        *a++ = *--b;
        *b = t;
    }
    return s;
}

char *__cdecl _strset(char *s, int c)
{
    char *p;

    for (p = s; *p; p++) *p = (char)c;
    return s;
}

char *__cdecl _strnset(char *s, int c, size_t n)
{
    char *p;

    for (p = s; n && *p; p++, n--) *p = (char)c;
    return s;
}

void __cdecl _swab(char *src, char *dst, int n)
{
    for (; n > 1; n -= 2, src += 2, dst += 2)
    {
        char t = src[0];
        dst[0] = src[1];
        dst[1] = t;
    }
}

/* Windows' texts (not the host's): programs compare and print them. */
static const char *const errlist[] =
{
    "No error", "Operation not permitted", "No such file or directory", "No such process",
    "Interrupted function call", "Input/output error", "No such device or address",
    "Arg list too long", "Exec format error", "Bad file descriptor", "No child processes",
    "Resource temporarily unavailable", "Not enough space", "Permission denied", "Bad address",
    "Unknown error", "Resource device", "File exists", "Improper link", "No such device",
    "Not a directory", "Is a directory", "Invalid argument", "Too many open files in system",
    "Too many open files", "Inappropriate I/O control operation", "Unknown error",
    "File too large", "No space left on device", "Invalid seek", "Read-only file system",
    "Too many links", "Broken pipe", "Domain error", "Result too large", "Unknown error",
    "Resource deadlock avoided", "Unknown error", "Filename too long", "No locks available",
    "Function not implemented", "Directory not empty", "Illegal byte sequence",
};

char *__cdecl strerror(int err)
{
    if (err < 0 || err >= (int)(sizeof(errlist) / sizeof(errlist[0]))) return (char *)"Unknown error";
    return (char *)errlist[err];
}

/* "s: message\n" for errno, or just "message\n" without a prefix. */
char *__cdecl _strerror(const char *s)
{
    char *buf = core_thread_data()->strerror_buf;
    const char *msg = strerror(*_errno());
    size_t len = 0, max = sizeof(core_thread_data()->strerror_buf) - 2, part;

    if (s && *s)
    {
        part = strnlen(s, max - 2);
        memcpy(buf, s, part);
        memcpy(buf + part, ": ", 2);
        len = part + 2;
    }
    part = strnlen(msg, max - len);
    memcpy(buf + len, msg, part);
    len += part;
    buf[len++] = '\n';
    buf[len] = 0;
    return buf;
}
