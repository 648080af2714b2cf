/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * version.dll: a file's VS_VERSIONINFO resource, read with the file loaded as
 * data (it never runs), and VerQueryValue's walk through its blocks.
 *
 * A block is: WORD total length, WORD value length, WORD type (1 text,
 * 0 binary), its NUL-terminated UTF-16 key, the value, then the child
 * blocks, each part starting on a 4-byte boundary.  A text value's length
 * counts UTF-16 units, a binary one's bytes.
 *
 * The buffer GetFileVersionInfoSize asks for is twice the resource and four
 * bytes more: the resource, the "FE2X" mark Windows puts after it, and room
 * where VerQueryValueA leaves each text value converted to ANSI, at the same
 * offset as its UTF-16 original.
 */
#include "wring/shared.h"
#include "winnls.h"
#include "winuser.h"
#include "winver.h"

struct block
{
    WORD length;
    WORD value_length;
    WORD type;
    WCHAR key[1];
};

static inline const void *align4(const void *base, const void *p)
{
    return (const char *)base + (((const char *)p - (const char *)base + 3) & ~3);
}

static const void *block_value(const struct block *root, const struct block *b)
{
    return align4(root, b->key + wcslen(b->key) + 1);
}

static DWORD value_bytes(const struct block *b)
{
    return b->type == 1 ? b->value_length * sizeof(WCHAR) : b->value_length;
}

/* The child of b whose key is the len characters at name, compared without regard to case. */
static const struct block *find_child(const struct block *root, const struct block *b, const WCHAR *name, SIZE_T len)
{
    const char *end = (const char *)b + b->length;
    const struct block *child = align4(root, (const char *)block_value(root, b) + value_bytes(b));

    while ((const char *)child + sizeof(*child) <= end && child->length)
    {
        if (!_wcsnicmp(child->key, name, len) && !child->key[len]) return child;
        child = align4(root, (const char *)child + child->length);
    }
    return NULL;
}

/* The block a backslash-separated path names, from the root; "" and "\\" are the root itself. */
static const struct block *find_block(const struct block *root, const WCHAR *path)
{
    const struct block *b = root;

    for (;;)
    {
        const WCHAR *end;
        while (*path == '\\') path++;
        if (!*path) return b;
        for (end = path; *end && *end != '\\'; end++) ;
        if (!(b = find_child(root, b, path, end - path))) return NULL;
        path = end;
    }
}

/* Loads file as data and finds its version resource; *module is then to be freed. */
static HRSRC find_version(LPCWSTR file, HMODULE *module)
{
    HRSRC res;

    if (!file)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!(*module = LoadLibraryExW(file, NULL, LOAD_LIBRARY_AS_DATAFILE))) return NULL;
    if (!(res = FindResourceW(*module, MAKEINTRESOURCEW(VS_VERSION_INFO), (LPCWSTR)VS_FILE_INFO)))
    {
        DWORD error = GetLastError();
        FreeLibrary(*module);
        SetLastError(error);
    }
    return res;
}

/* An ANSI file name as a heap UTF-16 string; NULL with the last error set on failure. */
static WCHAR *to_wide(LPCSTR s)
{
    int len;
    WCHAR *w;

    if (!s)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    len = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    if (!(w = HeapAlloc(GetProcessHeap(), 0, len * sizeof(WCHAR))))
    {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    MultiByteToWideChar(CP_ACP, 0, s, -1, w, len);
    return w;
}

DWORD WINAPI GetFileVersionInfoSizeExW(DWORD flags, LPCWSTR file, DWORD *handle)
{
    HMODULE module;
    HRSRC res;
    DWORD size;

    (void)flags;
    if (handle) *handle = 0;
    if (!(res = find_version(file, &module))) return 0;
    size = SizeofResource(module, res);
    FreeLibrary(module);
    SetLastError(NO_ERROR);
    return size * 2 + 4;
}

DWORD WINAPI GetFileVersionInfoSizeW(LPCWSTR file, DWORD *handle)
{
    return GetFileVersionInfoSizeExW(0, file, handle);
}

DWORD WINAPI GetFileVersionInfoSizeExA(DWORD flags, LPCSTR file, DWORD *handle)
{
    WCHAR *w;
    DWORD ret;

    if (handle) *handle = 0;
    if (!(w = to_wide(file))) return 0;
    ret = GetFileVersionInfoSizeExW(flags, w, handle);
    HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

DWORD WINAPI GetFileVersionInfoSizeA(LPCSTR file, DWORD *handle)
{
    return GetFileVersionInfoSizeExA(0, file, handle);
}

BOOL WINAPI GetFileVersionInfoExW(DWORD flags, LPCWSTR file, DWORD handle, DWORD len, void *data)
{
    HMODULE module;
    HRSRC res;
    const void *ptr;
    DWORD size;

    (void)flags; (void)handle;
    if (!data)
    {
        SetLastError(ERROR_INVALID_DATA);
        return FALSE;
    }
    if (!(res = find_version(file, &module))) return FALSE;
    size = SizeofResource(module, res);
    if (!(ptr = LockResource(LoadResource(module, res))))
    {
        FreeLibrary(module);
        return FALSE;
    }
    /* a short buffer gets what fits, as on Windows */
    memcpy(data, ptr, size < len ? size : len);
    if (len >= size + 4) memcpy((char *)data + size, "FE2X", 4);
    FreeLibrary(module);
    SetLastError(NO_ERROR);
    return TRUE;
}

BOOL WINAPI GetFileVersionInfoW(LPCWSTR file, DWORD handle, DWORD len, void *data)
{
    return GetFileVersionInfoExW(0, file, handle, len, data);
}

BOOL WINAPI GetFileVersionInfoExA(DWORD flags, LPCSTR file, DWORD handle, DWORD len, void *data)
{
    WCHAR *w;
    BOOL ret;

    if (!(w = to_wide(file))) return FALSE;
    ret = GetFileVersionInfoExW(flags, w, handle, len, data);
    HeapFree(GetProcessHeap(), 0, w);
    return ret;
}

BOOL WINAPI GetFileVersionInfoA(LPCSTR file, DWORD handle, DWORD len, void *data)
{
    return GetFileVersionInfoExA(0, file, handle, len, data);
}

/* Finds path in the version data; the block found, or NULL with Windows' error for a missing one. */
static const struct block *query(const void *data, const WCHAR *path)
{
    const struct block *b;

    if (!data || !path)
    {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (!(b = find_block(data, path))) SetLastError(ERROR_RESOURCE_TYPE_NOT_FOUND);
    return b;
}

BOOL WINAPI VerQueryValueW(LPCVOID data, LPCWSTR path, void **value, UINT *len)
{
    const struct block *b;

    if (!(b = query(data, path))) return FALSE;
    *value = (void *)block_value(data, b);
    if (len) *len = b->value_length;
    return TRUE;
}

/*
 * The ANSI form leaves a text value converted in the second half of the
 * buffer (see the top of the file) and returns that; binary values, such as
 * VS_FIXEDFILEINFO and the translation table, are returned as they are.
 */
BOOL WINAPI VerQueryValueA(LPCVOID data, LPCSTR path, void **value, UINT *len)
{
    const struct block *root = data, *b;
    WCHAR *w;
    const WCHAR *text;
    char *ansi;
    DWORD pos;
    int n;

    if (!(w = to_wide(path))) return FALSE;
    b = query(data, w);
    HeapFree(GetProcessHeap(), 0, w);
    if (!b) return FALSE;
    if (b->type != 1)
    {
        *value = (void *)block_value(root, b);
        if (len) *len = b->value_length;
        return TRUE;
    }
    text = block_value(root, b);
    pos = (const char *)text - (const char *)root;
    ansi = (char *)root + root->length + 4 + pos;
    n = WideCharToMultiByte(CP_ACP, 0, text, b->value_length, ansi, root->length - pos, NULL, NULL);
    /* a value stored without its NUL still reads as a C string */
    if (!n || ansi[n - 1]) ansi[n] = 0;
    else n--;
    *value = ansi;
    if (len) *len = n + 1;
    return TRUE;
}
