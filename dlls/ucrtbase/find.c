/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * _findfirst, _findnext and _findclose over FindFirstFileW: the 64-bit-time
 * forms (_findfirst64, and _findfirst64i32, which MSVC's headers make of
 * _findfirst), narrow and wide.  The handle is the find handle itself.
 */
#include "ucrtbase_private.h"

#define M_EOVERFLOW 132

struct finddata64i32_a { unsigned int attrib; __int64 time_create, time_access, time_write; unsigned int size; char name[260]; };
struct finddata64_a { unsigned int attrib; __int64 time_create, time_access, time_write; __int64 size; char name[260]; };
struct finddata64i32_w { unsigned int attrib; __int64 time_create, time_access, time_write; unsigned int size; WCHAR name[260]; };
struct finddata64_w { unsigned int attrib; __int64 time_create, time_access, time_write; __int64 size; WCHAR name[260]; };

/* Fills one of the structures above from a find result: 0, or -1 with errno set. */
typedef int (*find_convert)(const WIN32_FIND_DATAW *fd, void *out);

static __int64 to_time(const FILETIME *ft)
{
    unsigned __int64 t = (unsigned __int64)ft->dwHighDateTime << 32 | ft->dwLowDateTime;

    return t ? (__int64)((t - 116444736000000000ull) / 10000000) : -1;
}

static unsigned __int64 file_size(const WIN32_FIND_DATAW *fd)
{
    return (unsigned __int64)fd->nFileSizeHigh << 32 | fd->nFileSizeLow;
}

static void set_times(const WIN32_FIND_DATAW *fd, __int64 *create, __int64 *access, __int64 *write)
{
    *create = to_time(&fd->ftCreationTime);
    *access = to_time(&fd->ftLastAccessTime);
    *write = to_time(&fd->ftLastWriteTime);
}

static int narrow_name(const WIN32_FIND_DATAW *fd, char *name)
{
    if (WideCharToMultiByte(CP_ACP, 0, fd->cFileName, -1, name, 260, NULL, NULL)) return 0;
    *_errno() = M_EINVAL;
    return -1;
}

static int too_big(void)
{
    *_errno() = M_EOVERFLOW;
    return -1;
}

static int to_64i32_a(const WIN32_FIND_DATAW *fd, void *out)
{
    struct finddata64i32_a *d = out;

    if (file_size(fd) > 0xffffffffu) return too_big();
    d->attrib = fd->dwFileAttributes;
    set_times(fd, &d->time_create, &d->time_access, &d->time_write);
    d->size = fd->nFileSizeLow;
    return narrow_name(fd, d->name);
}

static int to_64_a(const WIN32_FIND_DATAW *fd, void *out)
{
    struct finddata64_a *d = out;

    d->attrib = fd->dwFileAttributes;
    set_times(fd, &d->time_create, &d->time_access, &d->time_write);
    d->size = (__int64)file_size(fd);
    return narrow_name(fd, d->name);
}

static int to_64i32_w(const WIN32_FIND_DATAW *fd, void *out)
{
    struct finddata64i32_w *d = out;

    if (file_size(fd) > 0xffffffffu) return too_big();
    d->attrib = fd->dwFileAttributes;
    set_times(fd, &d->time_create, &d->time_access, &d->time_write);
    d->size = fd->nFileSizeLow;
    memcpy(d->name, fd->cFileName, sizeof(d->name));
    return 0;
}

static int to_64_w(const WIN32_FIND_DATAW *fd, void *out)
{
    struct finddata64_w *d = out;

    d->attrib = fd->dwFileAttributes;
    set_times(fd, &d->time_create, &d->time_access, &d->time_write);
    d->size = (__int64)file_size(fd);
    memcpy(d->name, fd->cFileName, sizeof(d->name));
    return 0;
}

/* FindFirstFile's and FindNextFile's failures as errno. */
static int find_failed(void)
{
    DWORD err = GetLastError();

    if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND || err == ERROR_NO_MORE_FILES)
        *_errno() = M_ENOENT;
    else if (err == ERROR_NOT_ENOUGH_MEMORY)
        *_errno() = M_ENOMEM;
    else
        *_errno() = M_EINVAL;
    return -1;
}

static intptr_t find_first(const WCHAR *spec, void *out, find_convert convert)
{
    WIN32_FIND_DATAW fd;
    HANDLE h;

    if (!spec || !out) return ucrt_invalid(M_EINVAL, -1);
    h = FindFirstFileW(spec, &fd);
    if (h == INVALID_HANDLE_VALUE) return find_failed();
    if (convert(&fd, out))
    {
        FindClose(h);
        return -1;
    }
    return (intptr_t)h;
}

static intptr_t find_first_a(const char *spec, void *out, find_convert convert)
{
    WCHAR *wide;
    intptr_t ret;

    if (!spec || !out) return ucrt_invalid(M_EINVAL, -1);
    if (!(wide = msvcrt_ansi_to_wide(spec)))
    {
        *_errno() = M_ENOMEM;
        return -1;
    }
    ret = find_first(wide, out, convert);
    HeapFree(msvcrt_heap, 0, wide);
    return ret;
}

static int find_next(intptr_t handle, void *out, find_convert convert)
{
    WIN32_FIND_DATAW fd;

    if (!out || handle == -1) return ucrt_invalid(M_EINVAL, -1);
    if (!FindNextFileW((HANDLE)handle, &fd)) return find_failed();
    return convert(&fd, out);
}

intptr_t __cdecl _findfirst64i32(const char *spec, struct finddata64i32_a *out) { return find_first_a(spec, out, to_64i32_a); }
intptr_t __cdecl _findfirst64(const char *spec, struct finddata64_a *out) { return find_first_a(spec, out, to_64_a); }
intptr_t __cdecl _wfindfirst64i32(const WCHAR *spec, struct finddata64i32_w *out) { return find_first(spec, out, to_64i32_w); }
intptr_t __cdecl _wfindfirst64(const WCHAR *spec, struct finddata64_w *out) { return find_first(spec, out, to_64_w); }
int __cdecl _findnext64i32(intptr_t h, struct finddata64i32_a *out) { return find_next(h, out, to_64i32_a); }
int __cdecl _findnext64(intptr_t h, struct finddata64_a *out) { return find_next(h, out, to_64_a); }
int __cdecl _wfindnext64i32(intptr_t h, struct finddata64i32_w *out) { return find_next(h, out, to_64i32_w); }
int __cdecl _wfindnext64(intptr_t h, struct finddata64_w *out) { return find_next(h, out, to_64_w); }

int __cdecl _findclose(intptr_t handle)
{
    if (handle == -1 || !FindClose((HANDLE)handle))
    {
        *_errno() = M_ENOENT;
        return -1;
    }
    return 0;
}
