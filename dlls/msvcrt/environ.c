/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The CRT's own copies of the environment: _environ (ANSI) and _wenviron (wide), kept in
 * step with each other and with the process environment, as msvcrt does.  Entries whose
 * name starts with '=' (the per-drive current directories) are left out, as in msvcrt.
 */
#include "msvcrt_private.h"

char **_environ;
WCHAR **_wenviron;

char *msvcrt_wide_to_ansi(const WCHAR *w)
{
    int len = WideCharToMultiByte(CP_ACP, 0, w, -1, NULL, 0, NULL, NULL);
    char *s;

    if (len <= 0) return NULL;
    s = HeapAlloc(msvcrt_heap, 0, len);
    if (s) WideCharToMultiByte(CP_ACP, 0, w, -1, s, len, NULL, NULL);
    return s;
}

WCHAR *msvcrt_ansi_to_wide(const char *s)
{
    int len = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    WCHAR *w;

    if (len <= 0) return NULL;
    w = HeapAlloc(msvcrt_heap, 0, len * sizeof(WCHAR));
    if (w) MultiByteToWideChar(CP_ACP, 0, s, -1, w, len);
    return w;
}

BOOL msvcrt_init_environ(void)
{
    WCHAR *block = GetEnvironmentStringsW(), *p;
    size_t count = 0, i = 0;

    if (!block) return FALSE;
    for (p = block; *p; p += wcslen(p) + 1)
        if (*p != '=') count++;
    _environ = HeapAlloc(msvcrt_heap, 0, (count + 1) * sizeof(char *));
    _wenviron = HeapAlloc(msvcrt_heap, 0, (count + 1) * sizeof(WCHAR *));
    if (!_environ || !_wenviron)
    {
        FreeEnvironmentStringsW(block);
        return FALSE;
    }
    for (p = block; *p; p += wcslen(p) + 1)
    {
        size_t len = wcslen(p) + 1;

        if (*p == '=') continue;
        _wenviron[i] = HeapAlloc(msvcrt_heap, 0, len * sizeof(WCHAR));
        if (!_wenviron[i]) break;
        memcpy(_wenviron[i], p, len * sizeof(WCHAR));
        _environ[i] = msvcrt_wide_to_ansi(p);
        if (!_environ[i])
        {
            HeapFree(msvcrt_heap, 0, _wenviron[i]);
            break;
        }
        i++;
    }
    _environ[i] = NULL;
    _wenviron[i] = NULL;
    FreeEnvironmentStringsW(block);
    return i == count;
}

static void free_list(void **list)
{
    size_t i;

    if (!list) return;
    for (i = 0; list[i]; i++) HeapFree(msvcrt_heap, 0, list[i]);
    HeapFree(msvcrt_heap, 0, list);
}

void msvcrt_free_environ(void)
{
    if ((void *)__initenv != (void *)_environ) free_list((void **)__initenv);
    if ((void *)__winitenv != (void *)_wenviron) free_list((void **)__winitenv);
    free_list((void **)_environ);
    free_list((void **)_wenviron);
    _environ = __initenv = NULL;
    _wenviron = __winitenv = NULL;
}

static inline int upcase(int c)
{
    return (c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c;
}

/* Environment names compare without case; a name ends at '=' in an entry. */
static BOOL name_matches_a(const char *entry, const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (upcase((unsigned char)entry[i]) != upcase((unsigned char)name[i])) return FALSE;
    return entry[len] == '=';
}

static BOOL name_matches_w(const WCHAR *entry, const WCHAR *name, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (upcase(entry[i]) != upcase(name[i])) return FALSE;
    return entry[len] == '=';
}

static size_t name_len_a(const char *s)
{
    size_t n = 0;
    while (s[n] && s[n] != '=') n++;
    return n;
}

static size_t name_len_w(const WCHAR *s)
{
    size_t n = 0;
    while (s[n] && s[n] != '=') n++;
    return n;
}

static size_t list_count(void **list)
{
    size_t n = 0;
    while (list[n]) n++;
    return n;
}

/* main()'s envp shares the first arrays; they are copied before the first change. */
static BOOL unshare_lists(void)
{
    size_t n, i;

    if (_environ == __initenv)
    {
        char **copy;

        n = list_count((void **)_environ);
        if (!(copy = HeapAlloc(msvcrt_heap, 0, (n + 1) * sizeof(char *)))) return FALSE;
        for (i = 0; i < n; i++)
        {
            size_t len = strlen(_environ[i]) + 1;
            if (!(copy[i] = HeapAlloc(msvcrt_heap, 0, len))) break;
            memcpy(copy[i], _environ[i], len);
        }
        copy[i] = NULL;
        if (i < n)
        {
            free_list((void **)copy);
            return FALSE;
        }
        _environ = copy;
    }
    if (_wenviron == __winitenv)
    {
        WCHAR **copy;

        n = list_count((void **)_wenviron);
        if (!(copy = HeapAlloc(msvcrt_heap, 0, (n + 1) * sizeof(WCHAR *)))) return FALSE;
        for (i = 0; i < n; i++)
        {
            size_t len = (wcslen(_wenviron[i]) + 1) * sizeof(WCHAR);
            if (!(copy[i] = HeapAlloc(msvcrt_heap, 0, len))) break;
            memcpy(copy[i], _wenviron[i], len);
        }
        copy[i] = NULL;
        if (i < n)
        {
            free_list((void **)copy);
            return FALSE;
        }
        _wenviron = copy;
    }
    return TRUE;
}

/* Room for one more entry, taken before anything changes so that a change cannot half fail. */
static BOOL list_reserve(void ***list)
{
    void **grown = HeapReAlloc(msvcrt_heap, 0, *list, (list_count(*list) + 2) * sizeof(void *));

    if (!grown) return FALSE;
    *list = grown;
    return TRUE;
}

/* Puts entry (owned by the list from now on) in place of the entry found at idx, or appends it. */
static void list_set(void **list, void *entry, size_t idx, BOOL found)
{
    size_t n = list_count(list);

    if (found)
    {
        HeapFree(msvcrt_heap, 0, list[idx]);
        list[idx] = entry;
        return;
    }
    list[n] = entry;
    list[n + 1] = NULL;
}

static void list_remove(void **list, size_t idx)
{
    size_t n = list_count(list);

    HeapFree(msvcrt_heap, 0, list[idx]);
    memmove(&list[idx], &list[idx + 1], (n - idx) * sizeof(void *));
}

static int find_a(const char *name, size_t len, size_t *idx)
{
    size_t i;
    for (i = 0; _environ[i]; i++)
        if (name_matches_a(_environ[i], name, len)) { *idx = i; return TRUE; }
    return FALSE;
}

static int find_w(const WCHAR *name, size_t len, size_t *idx)
{
    size_t i;
    for (i = 0; _wenviron[i]; i++)
        if (name_matches_w(_wenviron[i], name, len)) { *idx = i; return TRUE; }
    return FALSE;
}

/* Both spellings of one "NAME=value" string; the caller holds the environment lock. */
static int set_entry(char *entry_a, WCHAR *entry_w)
{
    size_t len_a = name_len_a(entry_a), len_w = name_len_w(entry_w);
    BOOL remove = !entry_w[len_w + 1];
    size_t idx_a = 0, idx_w = 0;
    BOOL found_a, found_w;
    WCHAR *name_w;

    if (!unshare_lists()) goto nomem;
    if (!remove && (!list_reserve((void ***)&_environ) || !list_reserve((void ***)&_wenviron))) goto nomem;

    name_w = HeapAlloc(msvcrt_heap, 0, (len_w + 1) * sizeof(WCHAR));
    if (!name_w) goto nomem;
    memcpy(name_w, entry_w, len_w * sizeof(WCHAR));
    name_w[len_w] = 0;
    if (!SetEnvironmentVariableW(name_w, remove ? NULL : entry_w + len_w + 1) && !remove)
    {
        msvcrt_set_errno_from_win32(GetLastError());
        HeapFree(msvcrt_heap, 0, name_w);
        HeapFree(msvcrt_heap, 0, entry_a);
        HeapFree(msvcrt_heap, 0, entry_w);
        return -1;
    }
    HeapFree(msvcrt_heap, 0, name_w);

    found_a = find_a(entry_a, len_a, &idx_a);
    found_w = find_w(entry_w, len_w, &idx_w);
    if (remove)
    {
        if (found_a) list_remove((void **)_environ, idx_a);
        if (found_w) list_remove((void **)_wenviron, idx_w);
        HeapFree(msvcrt_heap, 0, entry_a);
        HeapFree(msvcrt_heap, 0, entry_w);
        return 0;
    }
    list_set((void **)_environ, entry_a, idx_a, found_a);
    list_set((void **)_wenviron, entry_w, idx_w, found_w);
    return 0;

nomem:
    HeapFree(msvcrt_heap, 0, entry_a);
    HeapFree(msvcrt_heap, 0, entry_w);
    *_errno() = M_ENOMEM;
    return -1;
}

int __cdecl _putenv(const char *str)
{
    char *entry_a;
    WCHAR *entry_w;
    size_t len;
    int ret;

    if (!str || !*str || *str == '=' || !str[name_len_a(str)])
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    len = strlen(str) + 1;
    entry_a = HeapAlloc(msvcrt_heap, 0, len);
    if (!entry_a)
    {
        *_errno() = M_ENOMEM;
        return -1;
    }
    memcpy(entry_a, str, len);
    entry_w = msvcrt_ansi_to_wide(str);
    if (!entry_w)
    {
        HeapFree(msvcrt_heap, 0, entry_a);
        *_errno() = M_ENOMEM;
        return -1;
    }
    _lock(M_LOCK_ENV);
    ret = set_entry(entry_a, entry_w);
    _unlock(M_LOCK_ENV);
    return ret;
}

int __cdecl _wputenv(const WCHAR *str)
{
    char *entry_a;
    WCHAR *entry_w;
    size_t len;
    int ret;

    if (!str || !*str || *str == '=' || !str[name_len_w(str)])
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    len = (wcslen(str) + 1) * sizeof(WCHAR);
    entry_w = HeapAlloc(msvcrt_heap, 0, len);
    if (!entry_w)
    {
        *_errno() = M_ENOMEM;
        return -1;
    }
    memcpy(entry_w, str, len);
    entry_a = msvcrt_wide_to_ansi(str);
    if (!entry_a)
    {
        HeapFree(msvcrt_heap, 0, entry_w);
        *_errno() = M_ENOMEM;
        return -1;
    }
    _lock(M_LOCK_ENV);
    ret = set_entry(entry_a, entry_w);
    _unlock(M_LOCK_ENV);
    return ret;
}

int __cdecl _putenv_s(const char *name, const char *value)
{
    size_t nl, vl;
    char *s;
    int ret;

    if (!name || !value || !*name)
    {
        *_errno() = M_EINVAL;
        return M_EINVAL;
    }
    nl = strlen(name);
    vl = strlen(value);
    if (!(s = HeapAlloc(msvcrt_heap, 0, nl + vl + 2))) return *_errno() = M_ENOMEM;
    memcpy(s, name, nl);
    s[nl] = '=';
    memcpy(s + nl + 1, value, vl + 1);
    ret = _putenv(s);
    HeapFree(msvcrt_heap, 0, s);
    return ret ? *_errno() : 0;
}

int __cdecl _wputenv_s(const WCHAR *name, const WCHAR *value)
{
    size_t nl, vl;
    WCHAR *s;
    int ret;

    if (!name || !value || !*name)
    {
        *_errno() = M_EINVAL;
        return M_EINVAL;
    }
    nl = wcslen(name);
    vl = wcslen(value);
    if (!(s = HeapAlloc(msvcrt_heap, 0, (nl + vl + 2) * sizeof(WCHAR)))) return *_errno() = M_ENOMEM;
    memcpy(s, name, nl * sizeof(WCHAR));
    s[nl] = '=';
    memcpy(s + nl + 1, value, (vl + 1) * sizeof(WCHAR));
    ret = _wputenv(s);
    HeapFree(msvcrt_heap, 0, s);
    return ret ? *_errno() : 0;
}

char *__cdecl getenv(const char *name)
{
    size_t len, idx;
    char *ret = NULL;

    if (!name) return NULL;
    len = strlen(name);
    _lock(M_LOCK_ENV);
    if (find_a(name, len, &idx)) ret = _environ[idx] + len + 1;
    _unlock(M_LOCK_ENV);
    return ret;
}

WCHAR *__cdecl _wgetenv(const WCHAR *name)
{
    size_t len, idx;
    WCHAR *ret = NULL;

    if (!name) return NULL;
    len = wcslen(name);
    _lock(M_LOCK_ENV);
    if (find_w(name, len, &idx)) ret = _wenviron[idx] + len + 1;
    _unlock(M_LOCK_ENV);
    return ret;
}

int __cdecl getenv_s(size_t *needed, char *buf, size_t size, const char *name)
{
    const char *value;
    size_t len;

    if (!needed || !name || (!buf && size))
    {
        *_errno() = M_EINVAL;
        return M_EINVAL;
    }
    _lock(M_LOCK_ENV);
    value = getenv(name);
    if (!value)
    {
        _unlock(M_LOCK_ENV);
        *needed = 0;
        if (buf) *buf = 0;
        return 0;
    }
    len = strlen(value) + 1;
    *needed = len;
    if (size < len)
    {
        _unlock(M_LOCK_ENV);
        if (buf) *buf = 0;
        return M_ERANGE;
    }
    memcpy(buf, value, len);
    _unlock(M_LOCK_ENV);
    return 0;
}

int __cdecl _wgetenv_s(size_t *needed, WCHAR *buf, size_t size, const WCHAR *name)
{
    const WCHAR *value;
    size_t len;

    if (!needed || !name || (!buf && size))
    {
        *_errno() = M_EINVAL;
        return M_EINVAL;
    }
    _lock(M_LOCK_ENV);
    value = _wgetenv(name);
    if (!value)
    {
        _unlock(M_LOCK_ENV);
        *needed = 0;
        if (buf) *buf = 0;
        return 0;
    }
    len = wcslen(value) + 1;
    *needed = len;
    if (size < len)
    {
        _unlock(M_LOCK_ENV);
        if (buf) *buf = 0;
        return M_ERANGE;
    }
    memcpy(buf, value, len * sizeof(WCHAR));
    _unlock(M_LOCK_ENV);
    return 0;
}

int __cdecl _dupenv_s(char **out, size_t *count, const char *name)
{
    const char *value;
    size_t len;

    if (!out || !name)
    {
        *_errno() = M_EINVAL;
        return M_EINVAL;
    }
    *out = NULL;
    if (count) *count = 0;
    _lock(M_LOCK_ENV);
    value = getenv(name);
    if (value)
    {
        len = strlen(value) + 1;
        if (!(*out = malloc(len)))
        {
            _unlock(M_LOCK_ENV);
            return M_ENOMEM;
        }
        memcpy(*out, value, len);
        if (count) *count = len;
    }
    _unlock(M_LOCK_ENV);
    return 0;
}

int __cdecl _wdupenv_s(WCHAR **out, size_t *count, const WCHAR *name)
{
    const WCHAR *value;
    size_t len;

    if (!out || !name)
    {
        *_errno() = M_EINVAL;
        return M_EINVAL;
    }
    *out = NULL;
    if (count) *count = 0;
    _lock(M_LOCK_ENV);
    value = _wgetenv(name);
    if (value)
    {
        len = wcslen(value) + 1;
        if (!(*out = malloc(len * sizeof(WCHAR))))
        {
            _unlock(M_LOCK_ENV);
            return M_ENOMEM;
        }
        memcpy(*out, value, len * sizeof(WCHAR));
        if (count) *count = len;
    }
    _unlock(M_LOCK_ENV);
    return 0;
}

char ***__cdecl __p__environ(void) { return &_environ; }
WCHAR ***__cdecl __p__wenviron(void) { return &_wenviron; }
