/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * msvcrt's integer conversions, sorting and searching, rand, abs/div, and
 * the per-thread block of the core library.
 */

#include "corelib.h"

#define TLS_OUT_OF_INDEXES 0xffffffffu

/* Index + 1, so that 0 means "not allocated yet". */
static unsigned int core_tls_slot;
/* Used only if the heap cannot give a thread its own block. */
static struct core_thread fallback_block = { .rand_seed = 1 };

struct core_thread *core_thread_data(void)
{
    unsigned int slot = __atomic_load_n(&core_tls_slot, __ATOMIC_ACQUIRE);
    struct core_thread *t;

    if (!slot)
    {
        unsigned int index = TlsAlloc(), expected = 0;

        if (index == TLS_OUT_OF_INDEXES) return &fallback_block;
        if (!__atomic_compare_exchange_n(&core_tls_slot, &expected, index + 1, 0,
                                         __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            TlsFree(index);
        slot = __atomic_load_n(&core_tls_slot, __ATOMIC_ACQUIRE);
    }
    if ((t = TlsGetValue(slot - 1))) return t;
    /* HEAP_ZERO_MEMORY */
    if (!(t = HeapAlloc(GetProcessHeap(), 0x8, sizeof(*t)))) return &fallback_block;
    t->rand_seed = 1;
    TlsSetValue(slot - 1, t);
    return t;
}

void core_thread_detach(void)
{
    unsigned int slot = __atomic_load_n(&core_tls_slot, __ATOMIC_ACQUIRE);
    struct core_thread *t;

    if (!slot || !(t = TlsGetValue(slot - 1))) return;
    TlsSetValue(slot - 1, 0);
    HeapFree(GetProcessHeap(), 0, t);
}

/* Integer parsing, shared by the narrow and wide functions. */

static inline unsigned int char_at(const void *s, size_t i, int wide)
{
    return wide ? ((const wchar_t *)s)[i] : ((const unsigned char *)s)[i];
}

static int is_space_char(unsigned int c, int wide)
{
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    /* The wide functions skip every Unicode space, as iswspace does. */
    return wide && c > 0x7f && (c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
                                c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000);
}

static int digit_value(unsigned int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* Parses [space][sign][0x]digits. Stores the magnitude, saturated to
 * UINT64_MAX (*overflow set), and the sign; answers the index just past the
 * number, 0 if there was none (msvcrt then leaves *end at the start, even
 * after "0x"). Answers -1 for a bad base or string. */
static long long parse_integer(const void *s, int wide, int base, u64 *value, int *negative, int *overflow)
{
    size_t i = 0, first;
    u64 v = 0;

    *value = 0; *negative = 0; *overflow = 0;
    if (!s || base < 0 || base == 1 || base > 36)
    {
        *_errno() = EINVAL;
        return -1;
    }
    while (is_space_char(char_at(s, i, wide), wide)) i++;
    if (char_at(s, i, wide) == '-') { *negative = 1; i++; }
    else if (char_at(s, i, wide) == '+') i++;
    if ((base == 0 || base == 16) && char_at(s, i, wide) == '0' &&
        (char_at(s, i + 1, wide) | 0x20) == 'x')
    {
        base = 16;
        i += 2;
    }
    else if (base == 0)
        base = char_at(s, i, wide) == '0' ? 8 : 10;
    first = i;
    for (;; i++)
    {
        int d = digit_value(char_at(s, i, wide));
        if (d >= base) break;
        if (v > (~0ull - d) / base) *overflow = 1;
        else v = v * base + d;
    }
    if (i == first) return 0;
    *value = *overflow ? ~0ull : v;
    return i;
}

static void set_end(const void *s, int wide, long long stop, void **end)
{
    if (!end || stop < 0) return;
    *end = (char *)s + (size_t)stop * (wide ? sizeof(wchar_t) : 1);
}

static s64 to_i64(const void *s, void **end, int base, int wide)
{
    u64 v;
    int neg, ovf;
    long long stop = parse_integer(s, wide, base, &v, &neg, &ovf);

    set_end(s, wide, stop, end);
    if (stop <= 0) return 0;
    if (neg)
    {
        if (ovf || v > (1ull << 63))
        {
            *_errno() = ERANGE;
            return (s64)(1ull << 63);
        }
        return (s64)(0 - v);
    }
    if (ovf || v > (~0ull >> 1))
    {
        *_errno() = ERANGE;
        return (s64)(~0ull >> 1);
    }
    return (s64)v;
}

static u64 to_u64(const void *s, void **end, int base, int wide)
{
    u64 v;
    int neg, ovf;
    long long stop = parse_integer(s, wide, base, &v, &neg, &ovf);

    set_end(s, wide, stop, end);
    if (stop <= 0) return 0;
    if (ovf)
    {
        *_errno() = ERANGE;
        return ~0ull;
    }
    return neg ? 0 - v : v;
}

/* msvcrt narrows the 64-bit result: out of range answers the limit and
 * ERANGE, and for strtoul a value below -ULONG_MAX answers 1. */
static win_long to_long(s64 v)
{
    if (v > 0x7fffffffll) { *_errno() = ERANGE; return 0x7fffffff; }
    if (v < -0x80000000ll) { *_errno() = ERANGE; return (win_long)0x80000000u; }
    return (win_long)v;
}

static win_ulong to_ulong(s64 v)
{
    if (v > 0xffffffffll) { *_errno() = ERANGE; return 0xffffffffu; }
    if (v < -0xffffffffll) { *_errno() = ERANGE; return 1; }
    return (win_ulong)v;
}

s64 __cdecl _strtoi64(const char *s, char **end, int base)      { return to_i64(s, (void **)end, base, 0); }
u64 __cdecl _strtoui64(const char *s, char **end, int base)     { return to_u64(s, (void **)end, base, 0); }
s64 __cdecl _wcstoi64(const wchar_t *s, wchar_t **end, int base)  { return to_i64(s, (void **)end, base, 1); }
u64 __cdecl _wcstoui64(const wchar_t *s, wchar_t **end, int base) { return to_u64(s, (void **)end, base, 1); }
win_long __cdecl strtol(const char *s, char **end, int base)        { return to_long(_strtoi64(s, end, base)); }
win_ulong __cdecl strtoul(const char *s, char **end, int base)      { return to_ulong(_strtoi64(s, end, base)); }
win_long __cdecl wcstol(const wchar_t *s, wchar_t **end, int base)  { return to_long(_wcstoi64(s, end, base)); }
win_ulong __cdecl wcstoul(const wchar_t *s, wchar_t **end, int base) { return to_ulong(_wcstoi64(s, end, base)); }

/* atoi and atol wrap around silently, as msvcrt's do; _atoi64 saturates. */
static int wrap_int(const void *s, int wide)
{
    size_t i = 0;
    unsigned int v = 0;
    int neg = 0;

    if (!s) return 0;
    while (is_space_char(char_at(s, i, wide), wide)) i++;
    if (char_at(s, i, wide) == '-') { neg = 1; i++; }
    else if (char_at(s, i, wide) == '+') i++;
    for (; char_at(s, i, wide) >= '0' && char_at(s, i, wide) <= '9'; i++)
        v = v * 10 + (char_at(s, i, wide) - '0');
    return (int)(neg ? 0 - v : v);
}

int __cdecl atoi(const char *s)          { return wrap_int(s, 0); }
win_long __cdecl atol(const char *s)     { return wrap_int(s, 0); }
int __cdecl _wtoi(const wchar_t *s)      { return wrap_int(s, 1); }
win_long __cdecl _wtol(const wchar_t *s) { return wrap_int(s, 1); }
s64 __cdecl _atoi64(const char *s)       { return _strtoi64(s, 0, 10); }
s64 __cdecl _wtoi64(const wchar_t *s)    { return _wcstoi64(s, 0, 10); }

/* Integer to text. A negative value gets a '-' in base 10 only; in other
 * bases its two's complement of the argument's width is written. */
static void *format_integer(u64 v, int negative, void *out, int radix, int wide)
{
    char digits[65];
    int n = 0, i = 0;

    if (!out) return out;
    if (radix < 2 || radix > 36)
    {
        *_errno() = EINVAL;
        if (wide) *(wchar_t *)out = 0;
        else *(char *)out = 0;
        return out;
    }
    do
    {
        int d = (int)(v % radix);
        digits[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= radix;
    } while (v);
    if (negative) digits[n++] = '-';
    while (n--)
    {
        if (wide) ((wchar_t *)out)[i++] = digits[n];
        else ((char *)out)[i++] = digits[n];
    }
    if (wide) ((wchar_t *)out)[i] = 0;
    else ((char *)out)[i] = 0;
    return out;
}

static void *format_signed(s64 v, u64 width_mask, void *out, int radix, int wide)
{
    if (radix == 10 && v < 0) return format_integer(0 - (u64)v, 1, out, radix, wide);
    return format_integer((u64)v & width_mask, 0, out, radix, wide);
}

char *__cdecl _itoa(int v, char *s, int radix)            { return format_signed(v, 0xffffffffull, s, radix, 0); }
char *__cdecl _ltoa(win_long v, char *s, int radix)       { return format_signed(v, 0xffffffffull, s, radix, 0); }
char *__cdecl _ultoa(win_ulong v, char *s, int radix)     { return format_integer(v, 0, s, radix, 0); }
char *__cdecl _i64toa(s64 v, char *s, int radix)          { return format_signed(v, ~0ull, s, radix, 0); }
char *__cdecl _ui64toa(u64 v, char *s, int radix)         { return format_integer(v, 0, s, radix, 0); }
wchar_t *__cdecl _itow(int v, wchar_t *s, int radix)      { return format_signed(v, 0xffffffffull, s, radix, 1); }
wchar_t *__cdecl _ltow(win_long v, wchar_t *s, int radix) { return format_signed(v, 0xffffffffull, s, radix, 1); }
wchar_t *__cdecl _ultow(win_ulong v, wchar_t *s, int radix) { return format_integer(v, 0, s, radix, 1); }
wchar_t *__cdecl _i64tow(s64 v, wchar_t *s, int radix)    { return format_signed(v, ~0ull, s, radix, 1); }
wchar_t *__cdecl _ui64tow(u64 v, wchar_t *s, int radix)   { return format_integer(v, 0, s, radix, 1); }

/* Sorting: introsort (quicksort with median of three, heapsort past a depth
 * limit, insertion sort for short runs). Not stable, like msvcrt's. */

typedef int (__cdecl *compare_fn)(const void *, const void *);

static void swap_elems(char *a, char *b, size_t size)
{
    while (size >= 8)
    {
        u64 t;
        __builtin_memcpy(&t, a, 8);
        __builtin_memcpy(a, b, 8);
        __builtin_memcpy(b, &t, 8);
        a += 8; b += 8; size -= 8;
    }
    while (size--)
    {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

static void insertion_sort(char *base, size_t n, size_t size, compare_fn cmp)
{
    size_t i, j;

    for (i = 1; i < n; i++)
        for (j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--)
            swap_elems(base + (j - 1) * size, base + j * size, size);
}

static void sift_down(char *base, size_t root, size_t n, size_t size, compare_fn cmp)
{
    for (;;)
    {
        size_t child = 2 * root + 1;

        if (child >= n) return;
        if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0) child++;
        if (cmp(base + root * size, base + child * size) >= 0) return;
        swap_elems(base + root * size, base + child * size, size);
        root = child;
    }
}

static void heap_sort(char *base, size_t n, size_t size, compare_fn cmp)
{
    size_t i;

    for (i = n / 2; i-- > 0;) sift_down(base, i, n, size, cmp);
    for (i = n; i-- > 1;)
    {
        swap_elems(base, base + i * size, size);
        sift_down(base, 0, i, size, cmp);
    }
}

static void intro_sort(char *base, size_t n, size_t size, compare_fn cmp, int depth)
{
    while (n > 16)
    {
        char *lo = base, *mid = base + (n / 2) * size, *hi = base + (n - 1) * size;
        size_t i, j;

        if (!depth--)
        {
            heap_sort(base, n, size, cmp);
            return;
        }
        /* Median of three ends up at lo, which then serves as the pivot. */
        if (cmp(mid, lo) < 0) swap_elems(mid, lo, size);
        if (cmp(hi, mid) < 0) swap_elems(hi, mid, size);
        if (cmp(mid, lo) < 0) swap_elems(mid, lo, size);
        swap_elems(lo, mid, size);

        /* Hoare partition around base[0]. */
        i = 0; j = n;
        for (;;)
        {
            do i++; while (i < n && cmp(base + i * size, base) < 0);
            do j--; while (cmp(base + j * size, base) > 0);
            if (i >= j) break;
            swap_elems(base + i * size, base + j * size, size);
        }
        swap_elems(base, base + j * size, size);
        /* Recurse into the smaller side, loop on the larger one. */
        if (j < n - j - 1)
        {
            intro_sort(base, j, size, cmp, depth);
            base += (j + 1) * size;
            n -= j + 1;
        }
        else
        {
            intro_sort(base + (j + 1) * size, n - j - 1, size, cmp, depth);
            n = j;
        }
    }
    insertion_sort(base, n, size, cmp);
}

void __cdecl qsort(void *base, size_t n, size_t size, compare_fn cmp)
{
    int depth = 0;
    size_t m;

    if (n < 2 || !size) return;
    for (m = n; m; m >>= 1) depth += 2;
    intro_sort(base, n, size, cmp, depth);
}

void *__cdecl bsearch(const void *key, const void *base, size_t n, size_t size, compare_fn cmp)
{
    const char *b = base;

    while (n)
    {
        const char *mid = b + (n / 2) * size;
        int c = cmp(key, mid);

        if (!c) return (void *)mid;
        if (c > 0)
        {
            b = mid + size;
            n -= n / 2 + 1;
        }
        else
            n /= 2;
    }
    return 0;
}

void *__cdecl _lfind(const void *key, const void *base, unsigned int *n, unsigned int size, compare_fn cmp)
{
    const char *p = base;
    unsigned int i;

    for (i = 0; i < *n; i++, p += size)
        if (!cmp(key, p)) return (void *)p;
    return 0;
}

void *__cdecl _lsearch(const void *key, void *base, unsigned int *n, unsigned int size, compare_fn cmp)
{
    char *p = _lfind(key, base, n, size, cmp);

    if (p) return p;
    p = (char *)base + (size_t)*n * size;
    __builtin_memcpy(p, key, size);
    (*n)++;
    return p;
}

/* msvcrt's generator: per thread, seeded with 1, 15 bits out. */
int __cdecl rand(void)
{
    struct core_thread *t = core_thread_data();

    t->rand_seed = t->rand_seed * 214013 + 2531011;
    return (t->rand_seed >> 16) & 0x7fff;
}

void __cdecl srand(unsigned int seed)
{
    core_thread_data()->rand_seed = seed;
}

typedef struct { int quot, rem; } div_t_;
typedef struct { win_long quot, rem; } ldiv_t_;

int __cdecl abs(int v)            { return v < 0 ? -v : v; }
win_long __cdecl labs(win_long v) { return v < 0 ? -v : v; }
s64 __cdecl _abs64(s64 v)         { return v < 0 ? -v : v; }

div_t_ __cdecl div(int num, int den)
{
    div_t_ r = { num / den, num % den };
    return r;
}

ldiv_t_ __cdecl ldiv(win_long num, win_long den)
{
    ldiv_t_ r = { num / den, num % den };
    return r;
}

unsigned int __cdecl _rotl(unsigned int v, int shift)
{
    shift &= 31;
    return shift ? (v << shift) | (v >> (32 - shift)) : v;
}

unsigned int __cdecl _rotr(unsigned int v, int shift)
{
    shift &= 31;
    return shift ? (v >> shift) | (v << (32 - shift)) : v;
}

win_ulong __cdecl _lrotl(win_ulong v, int shift) { return _rotl(v, shift); }
win_ulong __cdecl _lrotr(win_ulong v, int shift) { return _rotr(v, shift); }

u64 __cdecl _rotl64(u64 v, int shift)
{
    shift &= 63;
    return shift ? (v << shift) | (v >> (64 - shift)) : v;
}

u64 __cdecl _rotr64(u64 v, int shift)
{
    shift &= 63;
    return shift ? (v >> shift) | (v << (64 - shift)) : v;
}
