/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The 16-bit era file functions (_lopen, _lcreat, _lread, _lwrite, _llseek,
 * _lclose, _hread, _hwrite): still exported and still used, an HFILE is the
 * Win32 handle truncated to an int, as on 64-bit Windows (handles fit in 32
 * bits), and every failure is HFILE_ERROR with the last error set.
 */
#include "kernel32_private.h"

static HFILE to_hfile(HANDLE handle)
{
    return handle == INVALID_HANDLE_VALUE ? HFILE_ERROR : (HFILE)(INT_PTR)handle;
}

static HANDLE from_hfile(HFILE file)
{
    return (HANDLE)(INT_PTR)file;
}

/* The OF_SHARE_* bits as CreateFile's sharing: compatibility mode shares both ways. */
static DWORD share_mode(int mode)
{
    switch (mode & 0x70)
    {
    case OF_SHARE_EXCLUSIVE:  return 0;
    case OF_SHARE_DENY_WRITE: return FILE_SHARE_READ;
    case OF_SHARE_DENY_READ:  return FILE_SHARE_WRITE;
    default:                  return FILE_SHARE_READ | FILE_SHARE_WRITE;
    }
}

static DWORD access_mode(int mode)
{
    switch (mode & 3)
    {
    case OF_WRITE:     return GENERIC_WRITE;
    case OF_READWRITE: return GENERIC_READ | GENERIC_WRITE;
    default:           return GENERIC_READ;
    }
}

HFILE WINAPI _lopen(LPCSTR path, INT mode)
{
    return to_hfile(CreateFileA(path, access_mode(mode), share_mode(mode), NULL, OPEN_EXISTING,
                                FILE_ATTRIBUTE_NORMAL, NULL));
}

/* attributes: 0 normal, 1 read-only, 2 hidden, 4 system (the DOS bits). */
HFILE WINAPI _lcreat(LPCSTR path, INT attributes)
{
    DWORD attrs = attributes & (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM);
    return to_hfile(CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                                CREATE_ALWAYS, attrs ? attrs : FILE_ATTRIBUTE_NORMAL, NULL));
}

HFILE WINAPI _lclose(HFILE file)
{
    return CloseHandle(from_hfile(file)) ? 0 : HFILE_ERROR;
}

LONG WINAPI _hread(HFILE file, LPVOID buffer, LONG count)
{
    DWORD done;
    if (!ReadFile(from_hfile(file), buffer, count, &done, NULL)) return HFILE_ERROR;
    return done;
}

UINT WINAPI _lread(HFILE file, LPVOID buffer, UINT count)
{
    return _hread(file, buffer, count);
}

/* A count of zero truncates (or extends) the file at the current position. */
LONG WINAPI _hwrite(HFILE file, LPCSTR buffer, LONG count)
{
    DWORD done;
    if (!count) return SetEndOfFile(from_hfile(file)) ? 0 : HFILE_ERROR;
    if (!WriteFile(from_hfile(file), buffer, count, &done, NULL)) return HFILE_ERROR;
    return done;
}

UINT WINAPI _lwrite(HFILE file, LPCSTR buffer, UINT count)
{
    return _hwrite(file, buffer, count);
}

LONG WINAPI _llseek(HFILE file, LONG offset, INT origin)
{
    return SetFilePointer(from_hfile(file), offset, NULL, origin);
}
