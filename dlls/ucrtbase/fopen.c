/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fopen_s and _wfopen_s, and the stat variant MSVC's headers map stat() to (64-bit times, 32-bit size). */
#include "ucrtbase_private.h"

M_FILE *__cdecl fopen(const char *name, const char *mode);
M_FILE *__cdecl _wfopen(const WCHAR *name, const WCHAR *mode);
int __cdecl _stat64(const char *path, struct m_stat64 *st);
int __cdecl _wstat64(const WCHAR *path, struct m_stat64 *st);
int __cdecl _fstat64(int fd, struct m_stat64 *st);

int __cdecl fopen_s(M_FILE **out, const char *name, const char *mode)
{
    if (!out) return ucrt_invalid(M_EINVAL, M_EINVAL);
    if (!name || !mode)
    {
        *out = NULL;
        return ucrt_invalid(M_EINVAL, M_EINVAL);
    }
    *out = fopen(name, mode);
    return *out ? 0 : *_errno();
}

int __cdecl _wfopen_s(M_FILE **out, const WCHAR *name, const WCHAR *mode)
{
    if (!out) return ucrt_invalid(M_EINVAL, M_EINVAL);
    if (!name || !mode)
    {
        *out = NULL;
        return ucrt_invalid(M_EINVAL, M_EINVAL);
    }
    *out = _wfopen(name, mode);
    return *out ? 0 : *_errno();
}

/* struct _stat64i32 */
struct m_stat64i32
{
    unsigned int st_dev;
    unsigned short st_ino;
    unsigned short st_mode;
    short st_nlink;
    short st_uid;
    short st_gid;
    unsigned int st_rdev;
    int st_size;
    __int64 st_atime;
    __int64 st_mtime;
    __int64 st_ctime;
};

/* A size past 2 GiB does not fit: EOVERFLOW, as the UCRT reports it. */
static int narrow_stat(int ret, const struct m_stat64 *wide, struct m_stat64i32 *st)
{
    if (ret) return ret;
    if (wide->st_size > 0x7fffffff)
    {
        *_errno() = 132;   /* EOVERFLOW */
        return -1;
    }
    st->st_dev = wide->st_dev;
    st->st_ino = wide->st_ino;
    st->st_mode = wide->st_mode;
    st->st_nlink = wide->st_nlink;
    st->st_uid = wide->st_uid;
    st->st_gid = wide->st_gid;
    st->st_rdev = wide->st_rdev;
    st->st_size = (int)wide->st_size;
    st->st_atime = wide->st_atime;
    st->st_mtime = wide->st_mtime;
    st->st_ctime = wide->st_ctime;
    return 0;
}

int __cdecl _stat64i32(const char *path, struct m_stat64i32 *st)
{
    struct m_stat64 wide;
    return narrow_stat(_stat64(path, &wide), &wide, st);
}

int __cdecl _wstat64i32(const WCHAR *path, struct m_stat64i32 *st)
{
    struct m_stat64 wide;
    return narrow_stat(_wstat64(path, &wide), &wide, st);
}

int __cdecl _fstat64i32(int fd, struct m_stat64i32 *st)
{
    struct m_stat64 wide;
    return narrow_stat(_fstat64(fd, &wide), &wide, st);
}
