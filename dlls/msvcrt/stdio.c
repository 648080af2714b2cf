/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * FILE streams.  The FILE itself is msvcrt's struct _iobuf, with the same meaning of
 * _ptr/_cnt/_base/_flag, so programs and old getc/putc macros built against msvcrt
 * headers (which call _filbuf/_flsbuf) see what they expect.  Extra state lives beside it.
 */
#include "msvcrt_private.h"

struct file_ext
{
    CRITICAL_SECTION cs;
    BOOL tty_flush;         /* stdout on a console: each call's output goes out before it returns */
    __int64 fill_start;     /* raw offset of the data in the read buffer, for ftell on text */
};

struct dyn_file
{
    M_FILE file;
    struct file_ext ext;
};

M_FILE _iob[M_IOB_ENTRIES];
static struct file_ext iob_ext[M_IOB_ENTRIES];
static M_FILE *streams[M_MAX_STREAMS];

#define FILE_RESERVED 0x10000   /* _flag of a slot being set up, so no other fopen takes it */

static struct file_ext *ext_of(M_FILE *f)
{
    if (f >= _iob && f < _iob + M_IOB_ENTRIES) return &iob_ext[f - _iob];
    return &CONTAINING_RECORD(f, struct dyn_file, file)->ext;
}

M_FILE *__cdecl __iob_func(void)
{
    return _iob;
}

void __cdecl _lock_file(M_FILE *f)
{
    EnterCriticalSection(&ext_of(f)->cs);
}

void __cdecl _unlock_file(M_FILE *f)
{
    LeaveCriticalSection(&ext_of(f)->cs);
}

static void init_file(M_FILE *f, int fd, int flag)
{
    f->_ptr = f->_base = NULL;
    f->_cnt = 0;
    f->_file = fd;
    f->_flag = flag;
    f->_charbuf = 0;
    f->_bufsiz = 0;
    f->_tmpfname = NULL;
}

void msvcrt_init_stdio(void)
{
    int i;

    for (i = 0; i < M_IOB_ENTRIES; i++)
    {
        InitializeCriticalSection(&iob_ext[i].cs);
        iob_ext[i].fill_start = -1;
        streams[i] = &_iob[i];
    }
    init_file(&_iob[0], 0, M_IOREAD);
    init_file(&_iob[1], 1, M_IOWRT);
    init_file(&_iob[2], 2, M_IOWRT | M_IONBF);
    /* msvcrt gives a console stdout no lasting buffer: output shows up call by call. */
    iob_ext[1].tty_flush = _isatty(1) != 0;
}

/* A free FILE, reserved for the caller, or NULL with errno EMFILE. */
static M_FILE *alloc_stream(void)
{
    M_FILE *f = NULL;
    int i;

    _lock(M_LOCK_STREAMS);
    for (i = 3; i < M_MAX_STREAMS; i++)
    {
        if (!streams[i])
        {
            struct dyn_file *d = HeapAlloc(msvcrt_heap, HEAP_ZERO_MEMORY, sizeof(*d));
            if (!d) break;
            InitializeCriticalSection(&d->ext.cs);
            streams[i] = &d->file;
        }
        if (!streams[i]->_flag)
        {
            f = streams[i];
            init_file(f, -1, FILE_RESERVED);
            ext_of(f)->tty_flush = FALSE;
            ext_of(f)->fill_start = -1;
            break;
        }
    }
    _unlock(M_LOCK_STREAMS);
    if (!f) *_errno() = M_EMFILE;
    return f;
}

static void release_stream(M_FILE *f)
{
    f->_flag = 0;
}

/* ---- buffers ---- */

static void alloc_buffer(M_FILE *f)
{
    if (!(f->_flag & M_IONBF) && (f->_base = malloc(M_INTERNAL_BUFSIZ)))
    {
        f->_flag |= M_IOMYBUF;
        f->_bufsiz = M_INTERNAL_BUFSIZ;
    }
    else
    {
        f->_flag |= M_IONBF;
        f->_base = (char *)&f->_charbuf;
        f->_bufsiz = 1;
    }
    f->_ptr = f->_base;
    f->_cnt = 0;
}

/* Writes out what is buffered for writing; the buffer is empty afterwards. */
static int flush_write_buffer(M_FILE *f)
{
    int ret = 0;

    if ((f->_flag & M_IOWRT) && f->_base && f->_ptr > f->_base)
    {
        int n = f->_ptr - f->_base;
        if (_write(f->_file, f->_base, n) != n)
        {
            f->_flag |= M_IOERR;
            ret = M_EOF;
        }
        else if (f->_flag & M_IOCOMMIT) _commit(f->_file);
    }
    f->_ptr = f->_base;
    f->_cnt = 0;
    return ret;
}

static __int64 ftell_nolock(M_FILE *f)
{
    __int64 pos;

    if (f->_file < 0)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    pos = _lseeki64(f->_file, 0, 1);
    if (pos < 0 || !f->_base) return pos;
    if ((f->_flag & M_IOWRT) && f->_ptr > f->_base)
    {
        pos += f->_ptr - f->_base;
        if (msvcrt_fd_is_text(f->_file) && !msvcrt_fd_is_wide(f->_file))
        {
            const char *p;
            for (p = f->_base; p < f->_ptr; p++) if (*p == '\n') pos++;
        }
    }
    else if ((f->_flag & M_IOREAD) && f->_cnt > 0)
    {
        if (msvcrt_fd_is_text(f->_file) && !msvcrt_fd_is_wide(f->_file) && ext_of(f)->fill_start >= 0)
            pos = msvcrt_text_offset(f->_file, ext_of(f)->fill_start, f->_ptr - f->_base);
        else pos -= f->_cnt;
    }
    return pos;
}

/*
 * As in msvcrt, an update stream changes direction only at a flush, a seek or (from
 * reading to writing) at end of file; anything else is a stream error.
 */
static BOOL prepare_write(M_FILE *f)
{
    if (!(f->_flag & (M_IOWRT | M_IORW)) || (f->_flag & M_IOSTRG))
    {
        f->_flag |= M_IOERR;
        *_errno() = M_EBADF;
        return FALSE;
    }
    if (f->_flag & M_IOREAD)
    {
        if (!(f->_flag & M_IORW) || !(f->_flag & M_IOEOF))
        {
            f->_flag |= M_IOERR;
            return FALSE;
        }
        f->_flag &= ~(M_IOREAD | M_IOEOF);
        f->_ptr = f->_base;
        f->_cnt = 0;
    }
    f->_flag |= M_IOWRT;
    if (!f->_base) alloc_buffer(f);
    if (f->_ptr == f->_base && !(f->_flag & M_IONBF)) f->_cnt = f->_bufsiz;
    return TRUE;
}

static BOOL prepare_read(M_FILE *f)
{
    if (!(f->_flag & (M_IOREAD | M_IORW)) || (f->_flag & M_IOWRT))
    {
        f->_flag |= M_IOERR;
        if (!(f->_flag & M_IORW)) *_errno() = M_EBADF;
        return FALSE;
    }
    f->_flag |= M_IOREAD;
    if (!f->_base) alloc_buffer(f);
    return TRUE;
}

void msvcrt_end_call(M_FILE *f)
{
    if (ext_of(f)->tty_flush && (f->_flag & M_IOWRT)) flush_write_buffer(f);
}

/* Refills the read buffer and returns its first character (exported for getc macros). */
int __cdecl _filbuf(M_FILE *f)
{
    int n;

    if (f->_flag & M_IOSTRG) return M_EOF;
    if (!prepare_read(f)) return M_EOF;
    if (f->_flag & M_IOEOF) return M_EOF;
    ext_of(f)->fill_start = msvcrt_fd_is_text(f->_file) ? _lseeki64(f->_file, 0, 1) : -1;
    n = _read(f->_file, f->_base, f->_bufsiz);
    if (n <= 0)
    {
        f->_flag |= n ? M_IOERR : M_IOEOF;
        f->_cnt = 0;
        f->_ptr = f->_base;
        return M_EOF;
    }
    f->_cnt = n - 1;
    f->_ptr = f->_base + 1;
    return (unsigned char)f->_base[0];
}

/* Makes room in the write buffer and stores c (exported for putc macros). */
int __cdecl _flsbuf(int c, M_FILE *f)
{
    char ch = (char)c;

    if (!prepare_write(f)) return M_EOF;
    if (f->_flag & M_IONBF)
    {
        f->_cnt = 0;
        if (_write(f->_file, &ch, 1) != 1)
        {
            f->_flag |= M_IOERR;
            return M_EOF;
        }
        return c & 0xff;
    }
    if (f->_ptr > f->_base && flush_write_buffer(f)) return M_EOF;
    *f->_ptr++ = ch;
    f->_cnt = f->_bufsiz - 1;
    return c & 0xff;
}

/* ---- characters ---- */

int msvcrt_fgetc_nolock(M_FILE *f)
{
    if (--f->_cnt >= 0) return (unsigned char)*f->_ptr++;
    f->_cnt = 0;
    return _filbuf(f);
}

static int fputc_nolock(int c, M_FILE *f)
{
    if ((f->_flag & M_IOWRT) && !(f->_flag & M_IOREAD) && --f->_cnt >= 0)
    {
        *f->_ptr++ = (char)c;
        return c & 0xff;
    }
    if (f->_cnt < 0) f->_cnt = 0;
    return _flsbuf(c, f);
}

int msvcrt_ungetc_nolock(int c, M_FILE *f)
{
    if (c == M_EOF) return M_EOF;
    if (!(f->_flag & M_IOREAD) && (!(f->_flag & M_IORW) || (f->_flag & M_IOWRT))) return M_EOF;
    f->_flag |= M_IOREAD;
    if (!f->_base) alloc_buffer(f);
    if (f->_ptr == f->_base)
    {
        if (f->_cnt) return M_EOF;
        f->_ptr++;
    }
    if ((f->_flag & M_IOSTRG) && (unsigned char)f->_ptr[-1] != (unsigned char)c) return M_EOF;
    *--f->_ptr = (char)c;
    f->_cnt++;
    f->_flag &= ~M_IOEOF;
    return c & 0xff;
}

int __cdecl fgetc(M_FILE *f)
{
    int c;
    _lock_file(f);
    c = msvcrt_fgetc_nolock(f);
    _unlock_file(f);
    return c;
}

int __cdecl getc(M_FILE *f) { return fgetc(f); }
int __cdecl getchar(void) { return fgetc(m_stdin); }
int __cdecl _fgetchar(void) { return fgetc(m_stdin); }

int __cdecl fputc(int c, M_FILE *f)
{
    int ret;
    _lock_file(f);
    ret = fputc_nolock(c, f);
    msvcrt_end_call(f);
    _unlock_file(f);
    return ret;
}

int __cdecl putc(int c, M_FILE *f) { return fputc(c, f); }
int __cdecl putchar(int c) { return fputc(c, m_stdout); }
int __cdecl _fputchar(int c) { return fputc(c, m_stdout); }

int __cdecl ungetc(int c, M_FILE *f)
{
    int ret;
    _lock_file(f);
    ret = msvcrt_ungetc_nolock(c, f);
    _unlock_file(f);
    return ret;
}

/* ---- blocks ---- */

static size_t fread_nolock(void *ptr, size_t size, size_t count, M_FILE *f)
{
    size_t total, left;
    char *dst = ptr;

    if (!size || !count) return 0;
    if (count > (size_t)-1 / size)
    {
        *_errno() = M_EINVAL;
        return 0;
    }
    total = left = size * count;
    while (left)
    {
        if ((f->_flag & M_IOREAD) && f->_cnt > 0)
        {
            size_t n = (size_t)f->_cnt < left ? (size_t)f->_cnt : left;
            memcpy(dst, f->_ptr, n);
            f->_ptr += n;
            f->_cnt -= n;
            dst += n;
            left -= n;
            continue;
        }
        if (!prepare_read(f) || (f->_flag & M_IOEOF)) break;
        if (left >= (size_t)f->_bufsiz && f->_bufsiz > 1)
        {
            unsigned int want = left > 0x7fffffff ? 0x7fffffff : (unsigned int)left;
            int n;

            want -= want % f->_bufsiz;
            f->_ptr = f->_base;
            f->_cnt = 0;
            n = _read(f->_file, dst, want);
            if (n <= 0)
            {
                f->_flag |= n ? M_IOERR : M_IOEOF;
                break;
            }
            dst += n;
            left -= n;
            continue;
        }
        {
            int c = _filbuf(f);
            if (c == M_EOF) break;
            *dst++ = (char)c;
            left--;
        }
    }
    return (total - left) / size;
}

size_t msvcrt_fwrite_nolock(const void *ptr, size_t size, size_t count, M_FILE *f)
{
    const char *src = ptr;
    size_t total, left;

    if (!size || !count) return 0;
    if (count > (size_t)-1 / size)
    {
        *_errno() = M_EINVAL;
        return 0;
    }
    if (!prepare_write(f)) return 0;
    total = left = size * count;
    while (left)
    {
        if (f->_flag & M_IONBF)
        {
            unsigned int n = left > 0x7fffffff ? 0x7fffffff : (unsigned int)left;
            int w = _write(f->_file, src, n);
            if (w <= 0)
            {
                f->_flag |= M_IOERR;
                break;
            }
            src += w;
            left -= w;
            continue;
        }
        if (f->_cnt > 0)
        {
            size_t n = (size_t)f->_cnt < left ? (size_t)f->_cnt : left;
            memcpy(f->_ptr, src, n);
            f->_ptr += n;
            f->_cnt -= n;
            src += n;
            left -= n;
            continue;
        }
        if (flush_write_buffer(f)) break;
        if (left >= (size_t)f->_bufsiz)
        {
            unsigned int n = left > 0x7fffffff ? 0x7fffffff : (unsigned int)left;
            int w;

            n -= n % f->_bufsiz;
            w = _write(f->_file, src, n);
            if (w <= 0)
            {
                f->_flag |= M_IOERR;
                break;
            }
            src += w;
            left -= w;
            continue;
        }
        f->_cnt = f->_bufsiz;
    }
    return (total - left) / size;
}

size_t __cdecl fread(void *ptr, size_t size, size_t count, M_FILE *f)
{
    size_t ret;
    _lock_file(f);
    ret = fread_nolock(ptr, size, count, f);
    _unlock_file(f);
    return ret;
}

size_t __cdecl fwrite(const void *ptr, size_t size, size_t count, M_FILE *f)
{
    size_t ret;
    _lock_file(f);
    ret = msvcrt_fwrite_nolock(ptr, size, count, f);
    msvcrt_end_call(f);
    _unlock_file(f);
    return ret;
}

/* ---- strings ---- */

char *__cdecl fgets(char *s, int n, M_FILE *f)
{
    char *p = s;
    int c = 0;

    if (!s || n <= 0 || !f)
    {
        *_errno() = M_EINVAL;
        return NULL;
    }
    _lock_file(f);
    while (n > 1)
    {
        if ((c = msvcrt_fgetc_nolock(f)) == M_EOF) break;
        *p++ = (char)c;
        n--;
        if (c == '\n') break;
    }
    _unlock_file(f);
    if (p == s && c == M_EOF) return NULL;
    *p = 0;
    return s;
}

char *__cdecl gets(char *s)
{
    M_FILE *f = m_stdin;
    char *p = s;
    int c;

    _lock_file(f);
    while ((c = msvcrt_fgetc_nolock(f)) != M_EOF && c != '\n') *p++ = (char)c;
    _unlock_file(f);
    if (c == M_EOF && p == s) return NULL;
    *p = 0;
    return s;
}

int __cdecl fputs(const char *s, M_FILE *f)
{
    size_t len = strlen(s);
    int ret;

    _lock_file(f);
    ret = msvcrt_fwrite_nolock(s, 1, len, f) == len ? 0 : M_EOF;
    msvcrt_end_call(f);
    _unlock_file(f);
    return ret;
}

int __cdecl puts(const char *s)
{
    M_FILE *f = m_stdout;
    size_t len = strlen(s);
    int ret;

    _lock_file(f);
    ret = (msvcrt_fwrite_nolock(s, 1, len, f) == len && fputc_nolock('\n', f) == '\n') ? 0 : M_EOF;
    msvcrt_end_call(f);
    _unlock_file(f);
    return ret;
}

/* ---- flushing, positioning, state ---- */

/* msvcrt's fflush also drops unread input, so fflush(stdin) discards typed-ahead text. */
static int fflush_nolock(M_FILE *f)
{
    int ret = 0;

    if ((f->_flag & M_IOWRT) && !(f->_flag & M_IOREAD)) ret = flush_write_buffer(f);
    if (f->_flag & M_IORW) f->_flag &= ~(M_IOWRT | M_IOREAD);
    f->_ptr = f->_base;
    f->_cnt = 0;
    return ret;
}

static BOOL stream_open(M_FILE *f)
{
    return (f->_flag & (M_IOREAD | M_IOWRT | M_IORW)) && !(f->_flag & FILE_RESERVED);
}

int __cdecl fflush(M_FILE *f)
{
    int ret = 0, i;

    if (f)
    {
        _lock_file(f);
        ret = fflush_nolock(f);
        _unlock_file(f);
        return ret;
    }
    _lock(M_LOCK_STREAMS);
    for (i = 0; i < M_MAX_STREAMS && streams[i]; i++)
    {
        M_FILE *s = streams[i];
        if (!stream_open(s)) continue;
        _lock_file(s);
        if ((s->_flag & M_IOWRT) && !(s->_flag & M_IOREAD) && flush_write_buffer(s)) ret = M_EOF;
        _unlock_file(s);
    }
    _unlock(M_LOCK_STREAMS);
    return ret;
}

int __cdecl _flushall(void)
{
    int count = 0, i;

    _lock(M_LOCK_STREAMS);
    for (i = 0; i < M_MAX_STREAMS && streams[i]; i++)
    {
        M_FILE *s = streams[i];
        if (!stream_open(s)) continue;
        _lock_file(s);
        fflush_nolock(s);
        _unlock_file(s);
        count++;
    }
    _unlock(M_LOCK_STREAMS);
    return count;
}

/* At process exit other threads were stopped wherever they were: no locks are taken. */
void msvcrt_flush_all_streams(void)
{
    int i;

    for (i = 0; i < M_MAX_STREAMS && streams[i]; i++)
        if (stream_open(streams[i]) && (streams[i]->_flag & M_IOWRT)) flush_write_buffer(streams[i]);
}

static int fseek_nolock(M_FILE *f, __int64 offset, int whence)
{
    if (whence < 0 || whence > 2)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    if (whence == 1)
    {
        __int64 pos = ftell_nolock(f);
        if (pos < 0) return -1;
        offset += pos;
        whence = 0;
    }
    if ((f->_flag & M_IOWRT) && !(f->_flag & M_IOREAD) && flush_write_buffer(f)) return -1;
    f->_ptr = f->_base;
    f->_cnt = 0;
    if (f->_flag & M_IORW) f->_flag &= ~(M_IOREAD | M_IOWRT);
    f->_flag &= ~M_IOEOF;
    return _lseeki64(f->_file, offset, whence) < 0 ? -1 : 0;
}

int __cdecl _fseeki64(M_FILE *f, __int64 offset, int whence)
{
    int ret;
    _lock_file(f);
    ret = fseek_nolock(f, offset, whence);
    _unlock_file(f);
    return ret;
}

int __cdecl fseek(M_FILE *f, long offset, int whence)
{
    return _fseeki64(f, offset, whence);
}

__int64 __cdecl _ftelli64(M_FILE *f)
{
    __int64 pos;
    _lock_file(f);
    pos = ftell_nolock(f);
    _unlock_file(f);
    return pos;
}

long __cdecl ftell(M_FILE *f)
{
    __int64 pos = _ftelli64(f);

    if (pos > 0x7fffffff)
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    return (long)pos;
}

void __cdecl rewind(M_FILE *f)
{
    _lock_file(f);
    fseek_nolock(f, 0, 0);
    f->_flag &= ~(M_IOERR | M_IOEOF);
    _unlock_file(f);
}

int __cdecl fgetpos(M_FILE *f, __int64 *pos)
{
    *pos = _ftelli64(f);
    return *pos < 0 ? -1 : 0;
}

int __cdecl fsetpos(M_FILE *f, const __int64 *pos)
{
    return _fseeki64(f, *pos, 0);
}

int __cdecl feof(M_FILE *f) { return f->_flag & M_IOEOF; }
int __cdecl ferror(M_FILE *f) { return f->_flag & M_IOERR; }
int __cdecl _fileno(M_FILE *f) { return f->_file; }

void __cdecl clearerr(M_FILE *f)
{
    _lock_file(f);
    f->_flag &= ~(M_IOERR | M_IOEOF);
    _unlock_file(f);
}

int __cdecl setvbuf(M_FILE *f, char *buf, int mode, size_t size)
{
    if (!f || (mode != M_IONBF_MODE && mode != M_IOFBF && mode != M_IOLBF) ||
        (mode != M_IONBF_MODE && (size < 2 || size > 0x7fffffff)))
    {
        *_errno() = M_EINVAL;
        return -1;
    }
    _lock_file(f);
    fflush_nolock(f);
    if (f->_flag & M_IOMYBUF) free(f->_base);
    f->_flag &= ~(M_IOMYBUF | M_IOYOURBUF | M_IONBF);
    f->_base = f->_ptr = NULL;
    f->_cnt = 0;
    if (mode == M_IONBF_MODE)
    {
        f->_flag |= M_IONBF;
        f->_base = f->_ptr = (char *)&f->_charbuf;
        f->_bufsiz = 1;
    }
    else if (buf)
    {
        f->_flag |= M_IOYOURBUF;
        f->_base = f->_ptr = buf;
        f->_bufsiz = (int)(size & ~(size_t)1);
    }
    else if ((f->_base = malloc(size & ~(size_t)1)))
    {
        f->_flag |= M_IOMYBUF;
        f->_ptr = f->_base;
        f->_bufsiz = (int)(size & ~(size_t)1);
    }
    else
    {
        f->_flag |= M_IONBF;
        f->_base = f->_ptr = (char *)&f->_charbuf;
        f->_bufsiz = 1;
        _unlock_file(f);
        return -1;
    }
    _unlock_file(f);
    return 0;
}

void __cdecl setbuf(M_FILE *f, char *buf)
{
    setvbuf(f, buf, buf ? M_IOFBF : M_IONBF_MODE, M_BUFSIZ);
}

/* ---- opening and closing ---- */

/* fopen's mode string as _open flags and FILE flags. */
static BOOL parse_mode(const WCHAR *mode, int *oflags, int *flag)
{
    int commit = _commode & M_IOCOMMIT;

    while (*mode == ' ') mode++;
    switch (*mode++)
    {
    case 'r': *oflags = M_O_RDONLY; *flag = M_IOREAD; break;
    case 'w': *oflags = M_O_WRONLY | M_O_CREAT | M_O_TRUNC; *flag = M_IOWRT; break;
    case 'a': *oflags = M_O_WRONLY | M_O_CREAT | M_O_APPEND; *flag = M_IOWRT; break;
    default:
        *_errno() = M_EINVAL;
        return FALSE;
    }
    for (; *mode && *mode != ','; mode++)
    {
        switch (*mode)
        {
        case '+': *oflags = (*oflags & ~M_O_ACCMODE) | M_O_RDWR; *flag = M_IORW; break;
        case 'b': *oflags = (*oflags & ~M_O_TEXT) | M_O_BINARY; break;
        case 't': *oflags = (*oflags & ~M_O_BINARY) | M_O_TEXT; break;
        case 'c': commit = M_IOCOMMIT; break;
        case 'n': commit = 0; break;
        case 'N': *oflags |= M_O_NOINHERIT; break;
        case 'S': *oflags |= M_O_SEQUENTIAL; break;
        case 'R': *oflags |= M_O_RANDOM; break;
        case 'T': *oflags |= M_O_SHORT_LIVED; break;
        case 'D': *oflags |= M_O_TEMPORARY; break;
#ifdef WRING_UCRT
        /* C11's exclusive creation, which the UCRT has */
        case 'x': *oflags |= M_O_EXCL; break;
#endif
        }
    }
    if (*mode == ',')
    {
        static const WCHAR ccs[] = {'c','c','s','=',0};
        static const WCHAR utf8[] = {'U','T','F','-','8',0};
        static const WCHAR utf16[] = {'U','T','F','-','1','6','L','E',0};
        static const WCHAR unicode[] = {'U','N','I','C','O','D','E',0};
        const WCHAR *p = mode + 1;
        int i;

        while (*p == ' ') p++;
        for (i = 0; ccs[i] && p[i] == ccs[i]; i++);
        if (ccs[i])
        {
            *_errno() = M_EINVAL;
            return FALSE;
        }
        p += i;
        for (i = 0; utf8[i] && (p[i] & ~0x20) == (utf8[i] & ~0x20); i++);
        if (!utf8[i] && !p[i]) { *oflags = (*oflags & ~(M_O_TEXT | M_O_BINARY)) | M_O_U8TEXT; goto done; }
        for (i = 0; utf16[i] && (p[i] & ~0x20) == (utf16[i] & ~0x20); i++);
        if (!utf16[i] && !p[i]) { *oflags = (*oflags & ~(M_O_TEXT | M_O_BINARY)) | M_O_U16TEXT; goto done; }
        for (i = 0; unicode[i] && (p[i] & ~0x20) == (unicode[i] & ~0x20); i++);
        if (!unicode[i] && !p[i]) { *oflags = (*oflags & ~(M_O_TEXT | M_O_BINARY)) | M_O_WTEXT; goto done; }
        *_errno() = M_EINVAL;
        return FALSE;
    }
done:
    *flag |= commit;
    return TRUE;
}

static WCHAR *widen_mode(const char *mode)
{
    return mode ? msvcrt_ansi_to_wide(mode) : NULL;
}

static M_FILE *open_stream(M_FILE *f, const WCHAR *path, const WCHAR *mode, int share)
{
    int oflags, flag, fd;
    BOOL own = !f;

    if (!path || !mode || !parse_mode(mode, &oflags, &flag))
    {
        if (!path || !mode) *_errno() = M_EINVAL;
        return NULL;
    }
    if (own && !(f = alloc_stream())) return NULL;
    fd = _wsopen(path, oflags, share, M_S_IREAD | M_S_IWRITE);
    if (fd < 0)
    {
        if (own) release_stream(f);
        else f->_flag = 0;
        return NULL;
    }
    init_file(f, fd, flag);
    return f;
}

M_FILE *__cdecl _wfsopen(const WCHAR *path, const WCHAR *mode, int share)
{
    return open_stream(NULL, path, mode, share);
}

M_FILE *__cdecl _fsopen(const char *path, const char *mode, int share)
{
    WCHAR *wpath, *wmode;
    M_FILE *f = NULL;

    if (!path || !mode)
    {
        *_errno() = M_EINVAL;
        return NULL;
    }
    wpath = msvcrt_ansi_to_wide(path);
    wmode = widen_mode(mode);
    if (wpath && wmode) f = _wfsopen(wpath, wmode, share);
    else *_errno() = M_ENOMEM;
    HeapFree(msvcrt_heap, 0, wpath);
    HeapFree(msvcrt_heap, 0, wmode);
    return f;
}

M_FILE *__cdecl fopen(const char *path, const char *mode)
{
    return _fsopen(path, mode, M_SH_DENYNO);
}

M_FILE *__cdecl _wfopen(const WCHAR *path, const WCHAR *mode)
{
    return _wfsopen(path, mode, M_SH_DENYNO);
}

static int fclose_nolock(M_FILE *f)
{
    int ret;

    if (!stream_open(f))
    {
        *_errno() = M_EINVAL;
        return M_EOF;
    }
    ret = fflush_nolock(f);
    if (f->_flag & M_IOMYBUF) free(f->_base);
    if (_close(f->_file) < 0) ret = M_EOF;
    if (f->_tmpfname) free(f->_tmpfname);
    init_file(f, -1, 0);
    return ret;
}

int __cdecl fclose(M_FILE *f)
{
    int ret;

    if (!f)
    {
        *_errno() = M_EINVAL;
        return M_EOF;
    }
    _lock_file(f);
    ret = fclose_nolock(f);
    _unlock_file(f);
    return ret;
}

int __cdecl _fcloseall(void)
{
    int count = 0, i;

    _lock(M_LOCK_STREAMS);
    for (i = 3; i < M_MAX_STREAMS && streams[i]; i++)
    {
        M_FILE *s = streams[i];
        if (!stream_open(s)) continue;
        _lock_file(s);
        if (fclose_nolock(s) != M_EOF) count++;
        _unlock_file(s);
    }
    _unlock(M_LOCK_STREAMS);
    return count;
}

/* Process detach: what _fcloseall leaves (the standard streams) is flushed as well. */
void msvcrt_close_all_streams(void)
{
    int i;

    _fcloseall();
    for (i = 0; i < 3; i++)
        if (stream_open(&_iob[i]) && (_iob[i]._flag & M_IOWRT)) flush_write_buffer(&_iob[i]);
    for (i = M_IOB_ENTRIES; i < M_MAX_STREAMS && streams[i]; i++)
    {
        struct dyn_file *d = CONTAINING_RECORD(streams[i], struct dyn_file, file);
        DeleteCriticalSection(&d->ext.cs);
        HeapFree(msvcrt_heap, 0, d);
        streams[i] = NULL;
    }
}

M_FILE *__cdecl _wfreopen(const WCHAR *path, const WCHAR *mode, M_FILE *f)
{
    M_FILE *ret;

    if (!f)
    {
        *_errno() = M_EINVAL;
        return NULL;
    }
    _lock_file(f);
    if (stream_open(f)) fclose_nolock(f);
    f->_flag = FILE_RESERVED;
    ret = open_stream(f, path, mode, M_SH_DENYNO);
    if (!ret) f->_flag = 0;
    _unlock_file(f);
    return ret;
}

M_FILE *__cdecl freopen(const char *path, const char *mode, M_FILE *f)
{
    WCHAR *wpath, *wmode;
    M_FILE *ret = NULL;

    if (!path || !mode)
    {
        *_errno() = M_EINVAL;
        return NULL;
    }
    wpath = msvcrt_ansi_to_wide(path);
    wmode = widen_mode(mode);
    if (wpath && wmode) ret = _wfreopen(wpath, wmode, f);
    else *_errno() = M_ENOMEM;
    HeapFree(msvcrt_heap, 0, wpath);
    HeapFree(msvcrt_heap, 0, wmode);
    return ret;
}

M_FILE *__cdecl _wfdopen(int fd, const WCHAR *mode)
{
    int oflags, flag;
    M_FILE *f;

    if (!mode || !parse_mode(mode, &oflags, &flag)) return NULL;
    if (msvcrt_fd_handle(fd) == INVALID_HANDLE_VALUE)
    {
        *_errno() = M_EBADF;
        return NULL;
    }
    if (!(f = alloc_stream())) return NULL;
    init_file(f, fd, flag);
    return f;
}

M_FILE *__cdecl _fdopen(int fd, const char *mode)
{
    WCHAR *wmode = widen_mode(mode);
    M_FILE *f;

    if (!wmode)
    {
        *_errno() = M_EINVAL;
        return NULL;
    }
    f = _wfdopen(fd, wmode);
    HeapFree(msvcrt_heap, 0, wmode);
    return f;
}

M_FILE *__cdecl tmpfile(void)
{
    static const WCHAR prefix[] = {'t',0};
    WCHAR dir[MAX_PATH], name[MAX_PATH];
    DWORD len = GetTempPathW(MAX_PATH, dir);
    M_FILE *f;
    int fd;

    if (!len || len >= MAX_PATH || !GetTempFileNameW(dir, prefix, 0, name))
    {
        msvcrt_set_errno_from_win32(GetLastError());
        return NULL;
    }
    if (!(f = alloc_stream()))
    {
        DeleteFileW(name);
        return NULL;
    }
    fd = _wsopen(name, M_O_CREAT | M_O_TRUNC | M_O_RDWR | M_O_BINARY | M_O_TEMPORARY, M_SH_DENYNO,
                 M_S_IREAD | M_S_IWRITE);
    if (fd < 0)
    {
        DeleteFileW(name);
        release_stream(f);
        return NULL;
    }
    init_file(f, fd, M_IORW);
    return f;
}

int __cdecl _getmaxstdio(void)
{
    return M_MAX_STREAMS;
}

void __cdecl perror(const char *s)
{
    const char *msg = strerror(*_errno());

    _lock_file(m_stderr);
    fflush_nolock(m_stderr);
    if (s && *s)
    {
        _write(2, s, strlen(s));
        _write(2, ": ", 2);
    }
    _write(2, msg, strlen(msg));
    _write(2, "\n", 1);
    _unlock_file(m_stderr);
}

/*
 * msvcrt's temporary buffering: an unbuffered output stream gets the caller's buffer for
 * the length of one printf, so the call's output goes out in one write.
 */
BOOL msvcrt_stbuf(M_FILE *f, char *buf, int size)
{
    if ((f->_flag & (M_IONBF | M_IOWRT | M_IOREAD | M_IORW | M_IOSTRG)) != (M_IONBF | M_IOWRT)) return FALSE;
    f->_flag &= ~M_IONBF;
    f->_base = f->_ptr = buf;
    f->_bufsiz = size;
    f->_cnt = size;
    return TRUE;
}

void msvcrt_ftbuf(M_FILE *f, BOOL used)
{
    if (!used)
    {
        msvcrt_end_call(f);
        return;
    }
    flush_write_buffer(f);
    f->_flag |= M_IONBF;
    f->_base = f->_ptr = (char *)&f->_charbuf;
    f->_bufsiz = 1;
    f->_cnt = 0;
}

void msvcrt_flush_fd_streams(int fd)
{
    int i;

    _lock(M_LOCK_STREAMS);
    for (i = 0; i < M_MAX_STREAMS && streams[i]; i++)
    {
        M_FILE *s = streams[i];
        if (!stream_open(s) || s->_file != fd) continue;
        _lock_file(s);
        if ((s->_flag & M_IOWRT) && !(s->_flag & M_IOREAD)) flush_write_buffer(s);
        _unlock_file(s);
    }
    _unlock(M_LOCK_STREAMS);
}
