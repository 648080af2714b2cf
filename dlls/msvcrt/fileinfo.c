/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* File names and metadata: _access, remove, rename and the stat family. */
#include "msvcrt_private.h"

/* ---- names ---- */

typedef int (*path_op_w)(const WCHAR *path, int arg);

static int with_wide_path(const char *path, path_op_w op, int arg)
{
    WCHAR *w;
    int ret;

    if (!path)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    if (!(w = msvcrt_ansi_to_wide(path)))
    {
        *_errno() = M_ENOMEM;
        return -1;
    }
    ret = op(w, arg);
    HeapFree(msvcrt_heap, 0, w);
    return ret;
}

static int access_w(const WCHAR *path, int mode)
{
    DWORD attr;

    if (!path || (mode & ~6))
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    attr = GetFileAttributesW(path);
    if (attr == INVALID_FILE_ATTRIBUTES)
    {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    if ((mode & 2) && (attr & FILE_ATTRIBUTE_READONLY) && !(attr & FILE_ATTRIBUTE_DIRECTORY))
    {
        *_errno() = M_EACCES;
        return -1;
    }
    return 0;
}

int __cdecl _waccess(const WCHAR *path, int mode) { return access_w(path, mode); }
int __cdecl _access(const char *path, int mode) { return with_wide_path(path, access_w, mode); }

static int unlink_w(const WCHAR *path, int unused)
{
    if (!path)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    if (DeleteFileW(path)) return 0;
    msvcrt_set_errno_from_win32(GetLastError());
    return -1;
}

int __cdecl _wunlink(const WCHAR *path) { return unlink_w(path, 0); }
int __cdecl _wremove(const WCHAR *path) { return unlink_w(path, 0); }
int __cdecl _unlink(const char *path) { return with_wide_path(path, unlink_w, 0); }
int __cdecl remove(const char *path) { return with_wide_path(path, unlink_w, 0); }

int __cdecl _wrename(const WCHAR *from, const WCHAR *to)
{
    if (!from || !to)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    if (MoveFileExW(from, to, MOVEFILE_COPY_ALLOWED)) return 0;
    msvcrt_set_errno_from_win32(GetLastError());
    return -1;
}

int __cdecl rename(const char *from, const char *to)
{
    WCHAR *wf, *wt;
    int ret;

    if (!from || !to)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    wf = msvcrt_ansi_to_wide(from);
    wt = msvcrt_ansi_to_wide(to);
    if (wf && wt) ret = _wrename(wf, wt);
    else
    {
        *_errno() = M_ENOMEM;
        ret = -1;
    }
    HeapFree(msvcrt_heap, 0, wf);
    HeapFree(msvcrt_heap, 0, wt);
    return ret;
}

/* ---- stat ---- */

struct m_stat32
{
    unsigned int st_dev;
    unsigned short st_ino;
    unsigned short st_mode;
    short st_nlink;
    short st_uid;
    short st_gid;
    unsigned int st_rdev;
    long st_size;
    int st_atime;
    int st_mtime;
    int st_ctime;
};

struct m_stat32i64
{
    unsigned int st_dev;
    unsigned short st_ino;
    unsigned short st_mode;
    short st_nlink;
    short st_uid;
    short st_gid;
    unsigned int st_rdev;
    __int64 st_size;
    int st_atime;
    int st_mtime;
    int st_ctime;
};

static __int64 filetime_to_time(const FILETIME *ft)
{
    ULONGLONG t = ((ULONGLONG)ft->dwHighDateTime << 32) | ft->dwLowDateTime;

    if (!t) return 0;
    return (__int64)(t / 10000000) - 11644473600LL;
}

static unsigned short spread_mode(unsigned short mode)
{
    return mode | ((mode & 0x1c0) >> 3) | ((mode & 0x1c0) >> 6);
}

static BOOL is_exec_name(const WCHAR *path)
{
    size_t len = wcslen(path);
    const WCHAR *ext;
    WCHAR e[4];
    int i;

    if (len < 4 || path[len - 4] != '.') return FALSE;
    ext = path + len - 3;
    for (i = 0; i < 3; i++) e[i] = (ext[i] >= 'A' && ext[i] <= 'Z') ? ext[i] + 32 : ext[i];
    e[3] = 0;
    return (e[0] == 'e' && e[1] == 'x' && e[2] == 'e') || (e[0] == 'c' && e[1] == 'o' && e[2] == 'm') ||
           (e[0] == 'b' && e[1] == 'a' && e[2] == 't') || (e[0] == 'c' && e[1] == 'm' && e[2] == 'd');
}

static int stat_w(const WCHAR *path, struct m_stat64 *st)
{
    WIN32_FILE_ATTRIBUTE_DATA data;
    WCHAR full[MAX_PATH];
    unsigned short mode;
    const WCHAR *p;
    DWORD len;

    if (!path || !st)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    for (p = path; *p; p++)
    {
        if (*p == '*' || *p == '?')
        {
            *_errno() = M_ENOENT;
            return -1;
        }
    }
    if (!GetFileAttributesExW(path, GetFileExInfoStandard, &data))
    {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    memset(st, 0, sizeof(*st));
    len = GetFullPathNameW(path, MAX_PATH, full, NULL);
    if (len && len < MAX_PATH && full[1] == ':')
    {
        WCHAR d = full[0];
        if (d >= 'a' && d <= 'z') d -= 32;
        if (d >= 'A' && d <= 'Z') st->st_dev = st->st_rdev = d - 'A';
    }
    if (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) mode = M_S_IFDIR | M_S_IEXEC;
    else
    {
        mode = M_S_IFREG;
        if (is_exec_name(path)) mode |= M_S_IEXEC;
    }
    mode |= M_S_IREAD;
    if (!(data.dwFileAttributes & FILE_ATTRIBUTE_READONLY)) mode |= M_S_IWRITE;
    st->st_mode = spread_mode(mode);
    st->st_nlink = 1;
    st->st_size = ((__int64)data.nFileSizeHigh << 32) | data.nFileSizeLow;
    st->st_atime = filetime_to_time(&data.ftLastAccessTime);
    st->st_mtime = filetime_to_time(&data.ftLastWriteTime);
    st->st_ctime = filetime_to_time(&data.ftCreationTime);
    if (!st->st_atime) st->st_atime = st->st_mtime;
    if (!st->st_ctime) st->st_ctime = st->st_mtime;
    return 0;
}

static int fstat_fd(int fd, struct m_stat64 *st)
{
    BY_HANDLE_FILE_INFORMATION hfi;
    HANDLE h = msvcrt_fd_handle(fd);
    DWORD type;

    if (!st)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    if (h == INVALID_HANDLE_VALUE)
    {
        *_errno() = M_EBADF;
        return -1;
    }
    memset(st, 0, sizeof(*st));
    type = GetFileType(h);
    st->st_nlink = 1;
    if (type == FILE_TYPE_CHAR || type == FILE_TYPE_PIPE)
    {
        st->st_mode = type == FILE_TYPE_CHAR ? M_S_IFCHR : M_S_IFIFO;
        st->st_dev = st->st_rdev = fd;
        if (type == FILE_TYPE_PIPE)
        {
            DWORD avail;
            if (PeekNamedPipe(h, NULL, 0, NULL, &avail, NULL)) st->st_size = avail;
        }
        return 0;
    }
    if (!GetFileInformationByHandle(h, &hfi))
    {
        msvcrt_set_errno_from_win32(GetLastError());
        *_errno() = M_EBADF;
        return -1;
    }
    st->st_mode = (hfi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) ? M_S_IFDIR | M_S_IEXEC : M_S_IFREG;
    st->st_mode |= M_S_IREAD;
    if (!(hfi.dwFileAttributes & FILE_ATTRIBUTE_READONLY)) st->st_mode |= M_S_IWRITE;
    st->st_mode = spread_mode(st->st_mode);
    st->st_nlink = hfi.nNumberOfLinks;
    st->st_size = ((__int64)hfi.nFileSizeHigh << 32) | hfi.nFileSizeLow;
    st->st_atime = filetime_to_time(&hfi.ftLastAccessTime);
    st->st_mtime = filetime_to_time(&hfi.ftLastWriteTime);
    st->st_ctime = filetime_to_time(&hfi.ftCreationTime);
    return 0;
}

static void to_stat32(const struct m_stat64 *s, struct m_stat32 *d)
{
    d->st_dev = s->st_dev; d->st_ino = s->st_ino; d->st_mode = s->st_mode; d->st_nlink = s->st_nlink;
    d->st_uid = s->st_uid; d->st_gid = s->st_gid; d->st_rdev = s->st_rdev; d->st_size = (long)s->st_size;
    d->st_atime = (int)s->st_atime; d->st_mtime = (int)s->st_mtime; d->st_ctime = (int)s->st_ctime;
}

static void to_stat32i64(const struct m_stat64 *s, struct m_stat32i64 *d)
{
    d->st_dev = s->st_dev; d->st_ino = s->st_ino; d->st_mode = s->st_mode; d->st_nlink = s->st_nlink;
    d->st_uid = s->st_uid; d->st_gid = s->st_gid; d->st_rdev = s->st_rdev; d->st_size = s->st_size;
    d->st_atime = (int)s->st_atime; d->st_mtime = (int)s->st_mtime; d->st_ctime = (int)s->st_ctime;
}

static int stat_a(const char *path, struct m_stat64 *st)
{
    WCHAR *w;
    int ret;

    if (!path)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    if (!(w = msvcrt_ansi_to_wide(path)))
    {
        *_errno() = M_ENOMEM;
        return -1;
    }
    ret = stat_w(w, st);
    HeapFree(msvcrt_heap, 0, w);
    return ret;
}

int __cdecl _stat64(const char *path, struct m_stat64 *st) { return stat_a(path, st); }
int __cdecl _wstat64(const WCHAR *path, struct m_stat64 *st) { return stat_w(path, st); }
int __cdecl _fstat64(int fd, struct m_stat64 *st) { return fstat_fd(fd, st); }

int __cdecl _stat(const char *path, struct m_stat32 *st)
{
    struct m_stat64 s;
    if (stat_a(path, &s)) return -1;
    to_stat32(&s, st);
    return 0;
}

int __cdecl _wstat(const WCHAR *path, struct m_stat32 *st)
{
    struct m_stat64 s;
    if (stat_w(path, &s)) return -1;
    to_stat32(&s, st);
    return 0;
}

int __cdecl _fstat(int fd, struct m_stat32 *st)
{
    struct m_stat64 s;
    if (fstat_fd(fd, &s)) return -1;
    to_stat32(&s, st);
    return 0;
}

int __cdecl _stati64(const char *path, struct m_stat32i64 *st)
{
    struct m_stat64 s;
    if (stat_a(path, &s)) return -1;
    to_stat32i64(&s, st);
    return 0;
}

int __cdecl _wstati64(const WCHAR *path, struct m_stat32i64 *st)
{
    struct m_stat64 s;
    if (stat_w(path, &s)) return -1;
    to_stat32i64(&s, st);
    return 0;
}

int __cdecl _fstati64(int fd, struct m_stat32i64 *st)
{
    struct m_stat64 s;
    if (fstat_fd(fd, &s)) return -1;
    to_stat32i64(&s, st);
    return 0;
}
