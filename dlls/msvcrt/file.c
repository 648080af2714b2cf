/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Low-level file descriptors: a table of Win32 handles with msvcrt's text-mode rules
 * ("\n" written becomes "\r\n", "\r\n" read becomes "\n", Ctrl-Z ends text input).
 */
#include "msvcrt_private.h"

#define FD_OPEN      0x0001
#define FD_TEXT      0x0002
#define FD_APPEND    0x0004
#define FD_EOF       0x0008    /* a Ctrl-Z was read from a file: reads return 0 until a seek */
#define FD_DEV       0x0010
#define FD_PIPE      0x0020
#define FD_NOINHERIT 0x0040
#define FD_U16       0x0100    /* _O_WTEXT and _O_U16TEXT: the fd carries UTF-16 text */
#define FD_U8        0x0200    /* _O_U8TEXT: wide characters in, UTF-8 on the file */
#define FD_WTEXT     0x0400    /* remembers that _O_WTEXT (not _O_U16TEXT) was asked for */
#define FD_WIDE      (FD_U16 | FD_U8)

struct fd_info
{
    HANDLE handle;
    unsigned int flags;
    int lookahead;              /* a byte read past a '\r' from a pipe or device, or -1 */
    CRITICAL_SECTION cs;
};

static struct fd_info fds[M_MAX_FDS];

void msvcrt_init_fds(void)
{
    static const DWORD std_ids[3] = { STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE };
    int i;

    for (i = 0; i < M_MAX_FDS; i++)
    {
        InitializeCriticalSection(&fds[i].cs);
        fds[i].handle = INVALID_HANDLE_VALUE;
        fds[i].lookahead = -1;
    }
    for (i = 0; i < 3; i++)
    {
        HANDLE h = GetStdHandle(std_ids[i]);
        DWORD type;

        if (!h || h == INVALID_HANDLE_VALUE) continue;
        type = GetFileType(h);
        if (type == FILE_TYPE_UNKNOWN && GetLastError() != NO_ERROR) continue;
        fds[i].handle = h;
        fds[i].flags = FD_OPEN | FD_TEXT;
        if (type == FILE_TYPE_CHAR) fds[i].flags |= FD_DEV;
        else if (type == FILE_TYPE_PIPE) fds[i].flags |= FD_PIPE;
    }
}

void msvcrt_free_fds(void)
{
    int i;

    for (i = 0; i < M_MAX_FDS; i++)
    {
        if ((fds[i].flags & FD_OPEN) && i > 2) CloseHandle(fds[i].handle);
        DeleteCriticalSection(&fds[i].cs);
    }
}

static void bad_fd(void)
{
    *_errno() = M_EBADF;
    *__doserrno() = 0;
}

/* The fd's entry, locked, or NULL with errno EBADF. */
static struct fd_info *fd_lock(int fd)
{
    struct fd_info *info;

    if (fd < 0 || fd >= M_MAX_FDS)
    {
        bad_fd();
        return NULL;
    }
    info = &fds[fd];
    EnterCriticalSection(&info->cs);
    if (!(info->flags & FD_OPEN))
    {
        LeaveCriticalSection(&info->cs);
        bad_fd();
        return NULL;
    }
    return info;
}

/* fd_lock for the exported functions, which report a bad descriptor as an invalid parameter. */
static struct fd_info *fd_lock_arg(int fd)
{
    struct fd_info *info = fd_lock(fd);

    if (!info) msvcrt_invalid_parameter();
    return info;
}

static void fd_unlock(struct fd_info *info)
{
    LeaveCriticalSection(&info->cs);
}

HANDLE msvcrt_fd_handle(int fd)
{
    if (fd < 0 || fd >= M_MAX_FDS || !(fds[fd].flags & FD_OPEN)) return INVALID_HANDLE_VALUE;
    return fds[fd].handle;
}

int msvcrt_fd_is_wide(int fd)
{
    return fd >= 0 && fd < M_MAX_FDS && (fds[fd].flags & FD_OPEN) && (fds[fd].flags & FD_WIDE);
}

int msvcrt_fd_is_text(int fd)
{
    return fd >= 0 && fd < M_MAX_FDS && (fds[fd].flags & FD_OPEN) && (fds[fd].flags & FD_TEXT);
}

static unsigned int mode_flags(int oflags)
{
    if (oflags & M_O_U16TEXT) return FD_TEXT | FD_U16;
    if (oflags & M_O_WTEXT) return FD_TEXT | FD_U16 | FD_WTEXT;
    if (oflags & M_O_U8TEXT) return FD_TEXT | FD_U8;
    if (oflags & M_O_BINARY) return 0;
    if (oflags & M_O_TEXT) return FD_TEXT;
    if (_fmode & M_O_BINARY) return 0;
    return FD_TEXT;
}

/* Takes the lowest free descriptor for handle; the handle is closed by the caller on failure. */
static int fd_alloc(HANDLE handle, unsigned int flags)
{
    int fd;

    _lock(M_LOCK_FDS);
    for (fd = 0; fd < M_MAX_FDS; fd++)
    {
        EnterCriticalSection(&fds[fd].cs);
        if (!(fds[fd].flags & FD_OPEN))
        {
            fds[fd].handle = handle;
            fds[fd].flags = flags | FD_OPEN;
            fds[fd].lookahead = -1;
            LeaveCriticalSection(&fds[fd].cs);
            break;
        }
        LeaveCriticalSection(&fds[fd].cs);
    }
    _unlock(M_LOCK_FDS);
    if (fd == M_MAX_FDS)
    {
        *_errno() = M_EMFILE;
        *__doserrno() = 0;
        return -1;
    }
    return fd;
}

static unsigned int handle_type_flags(HANDLE h)
{
    switch (GetFileType(h))
    {
    case FILE_TYPE_CHAR: return FD_DEV;
    case FILE_TYPE_PIPE: return FD_PIPE;
    }
    return 0;
}

static int open_w(const WCHAR *path, int oflags, int share, int pmode)
{
    DWORD access, disposition, sharing, attributes = FILE_ATTRIBUTE_NORMAL;
    SECURITY_ATTRIBUTES sa;
    unsigned int flags;
    HANDLE h;
    int fd;

    if (!path)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    switch (oflags & M_O_ACCMODE)
    {
    case M_O_RDONLY: access = GENERIC_READ; break;
    case M_O_WRONLY: access = GENERIC_WRITE; break;
    case M_O_RDWR:   access = GENERIC_READ | GENERIC_WRITE; break;
    default:
        *_errno() = M_EINVAL;
        return -1;
    }
    switch (oflags & (M_O_CREAT | M_O_EXCL | M_O_TRUNC))
    {
    case 0:
    case M_O_EXCL:
        disposition = OPEN_EXISTING; break;
    case M_O_CREAT:
        disposition = OPEN_ALWAYS; break;
    case M_O_CREAT | M_O_EXCL:
    case M_O_CREAT | M_O_EXCL | M_O_TRUNC:
        disposition = CREATE_NEW; break;
    case M_O_TRUNC:
    case M_O_TRUNC | M_O_EXCL:
        disposition = TRUNCATE_EXISTING; break;
    default:
        disposition = CREATE_ALWAYS; break;
    }
    switch (share)
    {
    case M_SH_DENYRW: sharing = 0; break;
    case M_SH_DENYWR: sharing = FILE_SHARE_READ; break;
    case M_SH_DENYRD: sharing = FILE_SHARE_WRITE; break;
    case M_SH_DENYNO: sharing = FILE_SHARE_READ | FILE_SHARE_WRITE; break;
    default:
        *_errno() = M_EINVAL;
        return -1;
    }
    if ((oflags & M_O_CREAT) && !(pmode & M_S_IWRITE)) attributes = FILE_ATTRIBUTE_READONLY;
    if (oflags & M_O_TEMPORARY)
    {
        attributes |= FILE_FLAG_DELETE_ON_CLOSE;
        access |= DELETE;
        sharing |= FILE_SHARE_DELETE;
    }
    if (oflags & M_O_SHORT_LIVED) attributes |= FILE_ATTRIBUTE_TEMPORARY;
    if (oflags & M_O_SEQUENTIAL) attributes |= FILE_FLAG_SEQUENTIAL_SCAN;
    else if (oflags & M_O_RANDOM) attributes |= FILE_FLAG_RANDOM_ACCESS;

    sa.nLength = sizeof(sa);
    sa.lpSecurityDescriptor = NULL;
    sa.bInheritHandle = !(oflags & M_O_NOINHERIT);

    h = CreateFileW(path, access, sharing, &sa, disposition, attributes, NULL);
    if (h == INVALID_HANDLE_VALUE)
    {
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
    flags = mode_flags(oflags) | handle_type_flags(h);
    if (oflags & M_O_APPEND) flags |= FD_APPEND;
    if (oflags & M_O_NOINHERIT) flags |= FD_NOINHERIT;
    fd = fd_alloc(h, flags);
    if (fd < 0) CloseHandle(h);
    return fd;
}

static int open_a(const char *path, int oflags, int share, int pmode)
{
    WCHAR *wpath;
    int fd;

    if (!path)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    if (!(wpath = msvcrt_ansi_to_wide(path)))
    {
        *_errno() = M_ENOMEM;
        return -1;
    }
    fd = open_w(wpath, oflags, share, pmode);
    HeapFree(msvcrt_heap, 0, wpath);
    return fd;
}

int __cdecl _open(const char *path, int flags, ...)
{
    int pmode = 0;

    if (flags & M_O_CREAT)
    {
        va_list ap;
        va_start(ap, flags);
        pmode = va_arg(ap, int);
        va_end(ap);
    }
    return open_a(path, flags, M_SH_DENYNO, pmode);
}

int __cdecl _wopen(const WCHAR *path, int flags, ...)
{
    int pmode = 0;

    if (flags & M_O_CREAT)
    {
        va_list ap;
        va_start(ap, flags);
        pmode = va_arg(ap, int);
        va_end(ap);
    }
    return open_w(path, flags, M_SH_DENYNO, pmode);
}

int __cdecl _sopen(const char *path, int flags, int share, ...)
{
    int pmode = 0;

    if (flags & M_O_CREAT)
    {
        va_list ap;
        va_start(ap, share);
        pmode = va_arg(ap, int);
        va_end(ap);
    }
    return open_a(path, flags, share, pmode);
}

int __cdecl _wsopen(const WCHAR *path, int flags, int share, ...)
{
    int pmode = 0;

    if (flags & M_O_CREAT)
    {
        va_list ap;
        va_start(ap, share);
        pmode = va_arg(ap, int);
        va_end(ap);
    }
    return open_w(path, flags, share, pmode);
}

int __cdecl _creat(const char *path, int pmode)
{
    return open_a(path, M_O_CREAT | M_O_TRUNC | M_O_RDWR, M_SH_DENYNO, pmode);
}

int __cdecl _wcreat(const WCHAR *path, int pmode)
{
    return open_w(path, M_O_CREAT | M_O_TRUNC | M_O_RDWR, M_SH_DENYNO, pmode);
}

int __cdecl _open_osfhandle(INT_PTR handle, int oflags)
{
    HANDLE h = (HANDLE)handle;
    unsigned int flags;
    DWORD type;

    SetLastError(NO_ERROR);
    type = GetFileType(h);
    if (type == FILE_TYPE_UNKNOWN && GetLastError() != NO_ERROR)
    {
        msvcrt_set_errno_from_win32(GetLastError());
        *_errno() = M_EBADF;
        return -1;
    }
    flags = mode_flags(oflags);
    if (type == FILE_TYPE_CHAR) flags |= FD_DEV;
    else if (type == FILE_TYPE_PIPE) flags |= FD_PIPE;
    if (oflags & M_O_APPEND) flags |= FD_APPEND;
    if (oflags & M_O_NOINHERIT) flags |= FD_NOINHERIT;
    return fd_alloc(h, flags);
}

INT_PTR __cdecl _get_osfhandle(int fd)
{
    HANDLE h = msvcrt_fd_handle(fd);

    if (h == INVALID_HANDLE_VALUE)
    {
        bad_fd();
        msvcrt_invalid_parameter();
    }
    return (INT_PTR)h;
}

int __cdecl _close(int fd)
{
    struct fd_info *info = fd_lock_arg(fd);
    BOOL shared_std;
    int ret = 0;

    if (!info) return -1;
    /* stdout and stderr often share one console handle: closing one must not kill the other. */
    shared_std = (fd == 1 && (fds[2].flags & FD_OPEN) && fds[2].handle == info->handle) ||
                 (fd == 2 && (fds[1].flags & FD_OPEN) && fds[1].handle == info->handle);
    if (!shared_std && !CloseHandle(info->handle))
    {
        msvcrt_set_errno_from_win32(GetLastError());
        ret = -1;
    }
    info->handle = INVALID_HANDLE_VALUE;
    info->flags = 0;
    info->lookahead = -1;
    fd_unlock(info);
    return ret;
}

static BOOL dup_handle(HANDLE h, BOOL inherit, HANDLE *out)
{
    if (DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), out, 0, inherit, DUPLICATE_SAME_ACCESS))
        return TRUE;
    msvcrt_set_errno_from_win32(GetLastError());
    return FALSE;
}

int __cdecl _dup(int fd)
{
    struct fd_info *info = fd_lock(fd);
    unsigned int flags;
    HANDLE h;
    int ret;

    if (!info) return -1;
    flags = info->flags & ~(FD_OPEN | FD_NOINHERIT | FD_EOF);
    if (!dup_handle(info->handle, TRUE, &h))
    {
        fd_unlock(info);
        return -1;
    }
    fd_unlock(info);
    ret = fd_alloc(h, flags);
    if (ret < 0) CloseHandle(h);
    return ret;
}

int __cdecl _dup2(int src, int dst)
{
    struct fd_info *from, *to;
    unsigned int flags;
    HANDLE h;

    if (dst < 0 || dst >= M_MAX_FDS)
    {
        bad_fd();
        return -1;
    }
    if (!(from = fd_lock(src))) return -1;
    if (src == dst)
    {
        fd_unlock(from);
        return 0;
    }
    flags = from->flags & ~(FD_NOINHERIT | FD_EOF);
    if (!dup_handle(from->handle, TRUE, &h))
    {
        fd_unlock(from);
        return -1;
    }
    fd_unlock(from);

    _lock(M_LOCK_FDS);
    to = &fds[dst];
    EnterCriticalSection(&to->cs);
    if (to->flags & FD_OPEN) CloseHandle(to->handle);
    to->handle = h;
    to->flags = flags | FD_OPEN;
    to->lookahead = -1;
    LeaveCriticalSection(&to->cs);
    _unlock(M_LOCK_FDS);
    return 0;
}

/* ---- reading ---- */

static int read_raw(struct fd_info *info, void *buf, unsigned int count)
{
    DWORD got;

    if (ReadFile(info->handle, buf, count, &got, NULL)) return got;
    switch (GetLastError())
    {
    case ERROR_BROKEN_PIPE:
    case ERROR_HANDLE_EOF:
        return 0;
    case ERROR_ACCESS_DENIED:
        *_errno() = M_EBADF;
        *__doserrno() = ERROR_ACCESS_DENIED;
        return -1;
    default:
        msvcrt_set_errno_from_win32(GetLastError());
        return -1;
    }
}

/* A '\r' was the last byte read: look at the next one to see whether it starts "\r\n". */
static BOOL next_is_newline(struct fd_info *info)
{
    char c;

    if (read_raw(info, &c, 1) <= 0) return FALSE;
    if (c == '\n') return TRUE;
    if (info->flags & (FD_DEV | FD_PIPE)) info->lookahead = (unsigned char)c;
    else
    {
        LARGE_INTEGER back;
        back.QuadPart = -1;
        SetFilePointerEx(info->handle, back, NULL, FILE_CURRENT);
    }
    return FALSE;
}

static unsigned int translate_text_in(struct fd_info *info, char *buf, unsigned int len)
{
    char *p = buf, *q = buf, *end = buf + len;

    while (p < end)
    {
        if (*p == 0x1a)
        {
            if (!(info->flags & FD_DEV)) info->flags |= FD_EOF;
            break;
        }
        if (*p != '\r')
        {
            *q++ = *p++;
            continue;
        }
        if (p + 1 < end)
        {
            if (p[1] == '\n') { *q++ = '\n'; p += 2; }
            else *q++ = *p++;
            continue;
        }
        p++;
        *q++ = next_is_newline(info) ? '\n' : '\r';
    }
    return q - buf;
}

static unsigned int translate_u16_in(struct fd_info *info, WCHAR *buf, unsigned int len)
{
    WCHAR *p = buf, *q = buf, *end = buf + len;

    while (p < end)
    {
        if (*p == 0x1a && !(info->flags & FD_DEV))
        {
            info->flags |= FD_EOF;
            break;
        }
        if (*p == '\r' && p + 1 < end && p[1] == '\n')
        {
            *q++ = '\n';
            p += 2;
            continue;
        }
        *q++ = *p++;
    }
    return q - buf;
}

/* UTF-8 on the file, UTF-16 to the caller: a sequence cut by the read is completed byte by byte. */
static int read_u8(struct fd_info *info, WCHAR *buf, unsigned int count)
{
    unsigned int max = count / 2 > 4 ? count / 2 - 3 : 1, n;
    char *bytes;
    int got, len;

    if (!max) max = 1;
    if (!(bytes = HeapAlloc(msvcrt_heap, 0, max + 4)))
    {
        *_errno() = M_ENOMEM;
        return -1;
    }
    got = read_raw(info, bytes, max);
    if (got <= 0)
    {
        HeapFree(msvcrt_heap, 0, bytes);
        return got;
    }
    n = got;
    for (;;)
    {
        unsigned int start = n, need;
        unsigned char lead;

        while (start > 0 && ((unsigned char)bytes[start - 1] & 0xc0) == 0x80 && n - start < 3) start--;
        if (!start) break;
        lead = bytes[start - 1];
        need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        if (n - (start - 1) >= need || n >= max + 4) break;
        if (read_raw(info, bytes + n, 1) <= 0) break;
        n++;
    }
    len = MultiByteToWideChar(CP_UTF8, 0, bytes, n, buf, count / 2);
    HeapFree(msvcrt_heap, 0, bytes);
    return translate_u16_in(info, buf, len) * 2;
}

int __cdecl _read(int fd, void *buf, unsigned int count)
{
    struct fd_info *info;
    char *out = buf;
    int got, pre = 0;

    if (!buf && count)
    {
        *_errno() = M_EINVAL;
        msvcrt_invalid_parameter();
        return -1;
    }
    if (!(info = fd_lock_arg(fd))) return -1;
    if (!count || (info->flags & FD_EOF))
    {
        fd_unlock(info);
        return 0;
    }
    if ((info->flags & FD_WIDE) && (count & 1))
    {
        fd_unlock(info);
        *_errno() = M_EINVAL;
        return -1;
    }
    if (info->flags & FD_U8)
    {
        got = read_u8(info, buf, count);
        fd_unlock(info);
        return got;
    }
    if (info->lookahead >= 0 && (info->flags & FD_TEXT))
    {
        out[0] = (char)info->lookahead;
        info->lookahead = -1;
        pre = 1;
    }
    got = (count > (unsigned int)pre) ? read_raw(info, out + pre, count - pre) : 0;
    if (got < 0)
    {
        if (!pre)
        {
            fd_unlock(info);
            return -1;
        }
        got = 0;
    }
    got += pre;
    if (info->flags & FD_U16) got = translate_u16_in(info, buf, got / 2) * 2;
    else if (info->flags & FD_TEXT) got = translate_text_in(info, buf, got);
    fd_unlock(info);
    return got;
}

/*
 * The raw offset reached after `chars` translated characters of a text fd starting at raw
 * offset start; the file pointer is left where it was.  ftell needs it because a buffer
 * of text may hold "\r\n" and bare "\n" line ends alike.
 */
__int64 msvcrt_text_offset(int fd, __int64 start, unsigned int chars)
{
    struct fd_info *info = fd_lock(fd);
    LARGE_INTEGER zero, saved, pos;
    unsigned int want = chars * 2 + 1, i = 0, produced = 0;
    DWORD got = 0;
    char *raw;

    if (!info) return -1;
    zero.QuadPart = 0;
    pos.QuadPart = start;
    raw = HeapAlloc(msvcrt_heap, 0, want);
    if (!raw || !SetFilePointerEx(info->handle, zero, &saved, FILE_CURRENT) ||
        !SetFilePointerEx(info->handle, pos, NULL, FILE_BEGIN))
    {
        HeapFree(msvcrt_heap, 0, raw);
        fd_unlock(info);
        return start + chars;
    }
    ReadFile(info->handle, raw, want, &got, NULL);
    SetFilePointerEx(info->handle, saved, NULL, FILE_BEGIN);
    fd_unlock(info);
    while (produced < chars && i < got)
    {
        if (raw[i] == '\r' && i + 1 < got && raw[i + 1] == '\n') i += 2;
        else i++;
        produced++;
    }
    HeapFree(msvcrt_heap, 0, raw);
    return start + i + (chars - produced);
}

/* ---- writing ---- */

static int write_raw(struct fd_info *info, const void *buf, DWORD len)
{
    DWORD done;

    if (!WriteFile(info->handle, buf, len, &done, NULL))
    {
        DWORD err = GetLastError();
        if (err == ERROR_ACCESS_DENIED)
        {
            *_errno() = M_EBADF;
            *__doserrno() = err;
        }
        else msvcrt_set_errno_from_win32(err);
        return -1;
    }
    if (done < len)
    {
        *_errno() = M_ENOSPC;
        *__doserrno() = 0;
        return -1;
    }
    return 0;
}

static BOOL is_console(struct fd_info *info)
{
    DWORD mode;
    return (info->flags & FD_DEV) && GetConsoleMode(info->handle, &mode);
}

/* Wide text: "\n" becomes "\r\n" in UTF-16 units, then UTF-16 or UTF-8 goes out. */
static int write_wide(struct fd_info *info, const WCHAR *src, unsigned int count)
{
    WCHAR chunk[512];
    char bytes[sizeof(chunk) / sizeof(WCHAR) * 3];
    unsigned int i = 0, done = 0;
    BOOL console = is_console(info);

    while (i < count)
    {
        unsigned int n = 0, start = i;

        while (i < count && n < sizeof(chunk) / sizeof(WCHAR) - 1)
        {
            if (src[i] == '\n') chunk[n++] = '\r';
            chunk[n++] = src[i++];
        }
        if (console)
        {
            DWORD written;
            if (!WriteConsoleW(info->handle, chunk, n, &written, NULL))
            {
                msvcrt_set_errno_from_win32(GetLastError());
                return done ? (int)(done * 2) : -1;
            }
        }
        else if (info->flags & FD_U8)
        {
            int len = WideCharToMultiByte(CP_UTF8, 0, chunk, n, bytes, sizeof(bytes), NULL, NULL);
            if (write_raw(info, bytes, len) < 0) return done ? (int)(done * 2) : -1;
        }
        else if (write_raw(info, chunk, n * sizeof(WCHAR)) < 0) return done ? (int)(done * 2) : -1;
        done += i - start;
    }
    return done * 2;
}

static int write_text(struct fd_info *info, const char *src, unsigned int count)
{
    char chunk[1024];
    unsigned int i = 0, done = 0;

    while (i < count)
    {
        unsigned int n = 0, start = i;

        while (i < count && n < sizeof(chunk) - 1)
        {
            if (src[i] == '\n') chunk[n++] = '\r';
            chunk[n++] = src[i++];
        }
        if (write_raw(info, chunk, n) < 0) return done ? (int)done : -1;
        done += i - start;
    }
    return done;
}

int __cdecl _write(int fd, const void *buf, unsigned int count)
{
    struct fd_info *info;
    int ret;

    if (!buf && count)
    {
        *_errno() = M_EINVAL;
        msvcrt_invalid_parameter();
        return -1;
    }
    if (!(info = fd_lock_arg(fd))) return -1;
    if (info->flags & FD_APPEND)
    {
        LARGE_INTEGER zero;
        zero.QuadPart = 0;
        SetFilePointerEx(info->handle, zero, NULL, FILE_END);
    }
    if (!count) ret = 0;
    else if (info->flags & FD_WIDE)
    {
        if (count & 1)
        {
            *_errno() = M_EINVAL;
            ret = -1;
        }
        else ret = write_wide(info, buf, count / 2);
    }
    else if (info->flags & FD_TEXT) ret = write_text(info, buf, count);
    else ret = write_raw(info, buf, count) < 0 ? -1 : (int)count;
    fd_unlock(info);
    return ret;
}

/* ---- positioning and state ---- */

__int64 __cdecl _lseeki64(int fd, __int64 offset, int whence)
{
    struct fd_info *info;
    LARGE_INTEGER dist, pos;

    if (whence < 0 || whence > 2)
    {
        *_errno() = M_EINVAL;
        msvcrt_invalid_parameter();
        return -1;
    }
    if (!(info = fd_lock_arg(fd))) return -1;
    dist.QuadPart = offset;
    if (!SetFilePointerEx(info->handle, dist, &pos, whence))
    {
        msvcrt_set_errno_from_win32(GetLastError());
        fd_unlock(info);
        return -1;
    }
    info->flags &= ~FD_EOF;
    info->lookahead = -1;
    fd_unlock(info);
    return pos.QuadPart;
}

long __cdecl _lseek(int fd, long offset, int whence)
{
    __int64 pos = _lseeki64(fd, offset, whence);

    if (pos > 0x7fffffff)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    return (long)pos;
}

long __cdecl _tell(int fd)
{
    return _lseek(fd, 0, 1);
}

__int64 __cdecl _telli64(int fd)
{
    return _lseeki64(fd, 0, 1);
}

int __cdecl _eof(int fd)
{
    struct fd_info *info = fd_lock(fd);
    LARGE_INTEGER zero, cur, end;
    int ret;

    if (!info) return -1;
    if (info->flags & FD_EOF)
    {
        fd_unlock(info);
        return 1;
    }
    zero.QuadPart = 0;
    if (!SetFilePointerEx(info->handle, zero, &cur, FILE_CURRENT) ||
        !SetFilePointerEx(info->handle, zero, &end, FILE_END))
    {
        msvcrt_set_errno_from_win32(GetLastError());
        fd_unlock(info);
        return -1;
    }
    SetFilePointerEx(info->handle, cur, NULL, FILE_BEGIN);
    ret = cur.QuadPart >= end.QuadPart;
    fd_unlock(info);
    return ret;
}

int __cdecl _commit(int fd)
{
    struct fd_info *info = fd_lock(fd);
    int ret = 0;

    if (!info) return -1;
    if (!FlushFileBuffers(info->handle))
    {
        /* Consoles have nothing to flush; msvcrt treats that as success. */
        if (GetLastError() != ERROR_INVALID_HANDLE || !(info->flags & FD_DEV))
        {
            *_errno() = M_EBADF;
            *__doserrno() = GetLastError();
            ret = -1;
        }
    }
    fd_unlock(info);
    return ret;
}

int __cdecl _isatty(int fd)
{
    if (fd < 0 || fd >= M_MAX_FDS || !(fds[fd].flags & FD_OPEN))
    {
        bad_fd();
        return 0;
    }
    return (fds[fd].flags & FD_DEV) ? 0x40 : 0;
}

int __cdecl _setmode(int fd, int mode)
{
    struct fd_info *info;
    int old;

    if (mode != M_O_TEXT && mode != M_O_BINARY && mode != M_O_WTEXT &&
        mode != M_O_U16TEXT && mode != M_O_U8TEXT)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    /* Buffered output was produced under the old mode and must go out in it. */
    msvcrt_flush_fd_streams(fd);
    if (!(info = fd_lock(fd))) return -1;
    if (!(info->flags & FD_TEXT)) old = M_O_BINARY;
    else if (info->flags & FD_U8) old = M_O_U8TEXT;
    else if (info->flags & FD_WTEXT) old = M_O_WTEXT;
    else if (info->flags & FD_U16) old = M_O_U16TEXT;
    else old = M_O_TEXT;
    info->flags = (info->flags & ~(FD_TEXT | FD_WIDE | FD_WTEXT)) | mode_flags(mode);
    fd_unlock(info);
    return old;
}
