/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* File objects and the synchronous file calls: NtCreateFile, NtReadFile, NtWriteFile and friends. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <dirent.h>
#include <pthread.h>
#include <limits.h>
#include <time.h>
#include <unistd.h>
#include "file.h"
#include "wring/fileinfo_ex.h"

static struct inode *inodes;
static pthread_mutex_t inode_lock = PTHREAD_MUTEX_INITIALIZER;

static struct inode *find_inode(dev_t dev, ino_t ino)
{
    for (struct inode *inode = inodes; inode; inode = inode->next)
        if (inode->dev == dev && inode->ino == ino) return inode;
    return NULL;
}

/* Only opens that touch the data or may delete take part in sharing, as in IoCheckShareAccess. */
#define SHARED_ACCESS (FILE_READ_DATA | FILE_EXECUTE | FILE_WRITE_DATA | FILE_APPEND_DATA | DELETE)

static bool access_denied_by_share(ACCESS_MASK access, ULONG sharing)
{
    if ((access & (FILE_READ_DATA | FILE_EXECUTE)) && !(sharing & FILE_SHARE_READ)) return true;
    if ((access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) && !(sharing & FILE_SHARE_WRITE)) return true;
    if ((access & DELETE) && !(sharing & FILE_SHARE_DELETE)) return true;
    return false;
}

static bool share_conflict(const struct file *open, ACCESS_MASK access, ULONG sharing)
{
    if (!(access & SHARED_ACCESS) || !(open->access & SHARED_ACCESS)) return false;
    return access_denied_by_share(access, open->sharing) || access_denied_by_share(open->access, sharing);
}

/* Adds a newly opened file to its inode's list unless an existing open forbids it. */
static NTSTATUS inode_attach(struct file *file, const struct stat *st)
{
    struct inode *inode;
    NTSTATUS status = STATUS_SUCCESS;

    pthread_mutex_lock(&inode_lock);
    if ((inode = find_inode(st->st_dev, st->st_ino)))
    {
        if (inode->delete_pending) status = STATUS_DELETE_PENDING;
        for (struct file *open = inode->files; open && !status; open = open->next_on_inode)
            if (share_conflict(open, file->access, file->sharing)) status = STATUS_SHARING_VIOLATION;
    }
    else if (!(inode = calloc(1, sizeof(*inode)))) status = STATUS_NO_MEMORY;
    else
    {
        inode->dev = st->st_dev;
        inode->ino = st->st_ino;
        lock_inode_init(inode);
        inode->next = inodes;
        inodes = inode;
    }
    if (!status)
    {
        file->inode = inode;
        file->next_on_inode = inode->files;
        inode->files = file;
    }
    pthread_mutex_unlock(&inode_lock);
    return status;
}

static void inode_detach(struct file *file)
{
    struct inode *inode = file->inode;
    struct stat st;

    pthread_mutex_lock(&inode_lock);
    for (struct file **p = &inode->files; *p; p = &(*p)->next_on_inode)
        if (*p == file) { *p = file->next_on_inode; break; }
    if (file->delete_on_close) inode->delete_pending = true;
    /* a POSIX delete takes the name away now; the other handles keep the file itself */
    if (file->posix_delete && inode->delete_pending && inode->files && file->unix_path &&
        !lstat(file->unix_path, &st) && st.st_dev == inode->dev && st.st_ino == inode->ino)
    {
        int failed = S_ISDIR(st.st_mode) ? rmdir(file->unix_path) : unlink(file->unix_path);
        if (!failed) inode->delete_pending = false;
    }
    if (!inode->files)
    {
        /* the name may have moved through another handle: delete only what is still this file */
        if (inode->delete_pending && file->unix_path && !lstat(file->unix_path, &st) &&
            st.st_dev == inode->dev && st.st_ino == inode->ino)
        {
            if (S_ISDIR(st.st_mode)) rmdir(file->unix_path);
            else unlink(file->unix_path);
        }
        for (struct inode **p = &inodes; *p; p = &(*p)->next)
            if (*p == inode) { *p = inode->next; break; }
        free(inode);
    }
    pthread_mutex_unlock(&inode_lock);
}

static bool inode_is_open(dev_t dev, ino_t ino)
{
    bool open;
    pthread_mutex_lock(&inode_lock);
    open = find_inode(dev, ino) != NULL;
    pthread_mutex_unlock(&inode_lock);
    return open;
}

static void file_destroy(struct object *obj)
{
    struct file *file = (struct file *)obj;
    file_async_cleanup(&file->async);
    if (file->pipe) pipe_end_free(file);
    if (file->sock) sock_free(file);
    if (file->inode) inode_detach(file);
    if (file->listing) dir_listing_free(file->listing);
    /* the std handles share fds 0-2 with the Unix side; those stay open for Wring's own messages */
    if (file->fd > 2) close(file->fd);
    free(file->unix_path);
    free(file);
}

/* A file handle is signalled when no I/O is pending on it, as Windows' file objects are. */
static bool file_signaled(struct object *obj, struct thread *thread)
{
    return atomic_load(&((struct file *)obj)->async.signaled);
}

static NTSTATUS file_satisfy(struct object *obj, struct thread *thread)
{
    return STATUS_SUCCESS;
}

/*
 * Closing the last handle cancels the file's requests; each still completes, once.  Its
 * byte-range locks go with it.  A pipe end is shut down instead: its reads and writes end as
 * a broken pipe, as Windows ends them.
 */
static void file_last_handle_closed(struct object *obj)
{
    struct file *file = (struct file *)obj;
    bool found;
    if (file->inode) lock_file_closed(file);
    if (file->pipe) pipe_end_closed(file);
    else async_cancel_file(&file->async, NULL, NULL, &found);
    if (file->sock) sock_closed(file);
}

static const struct object_ops file_ops = { "file", file_destroy, file_signaled, file_satisfy,
                                            file_last_handle_closed, file_map_access };

NTSTATUS status_from_errno(int err)
{
    switch (err)
    {
    case 0: return STATUS_SUCCESS;
    case EPERM:
    case EACCES: return STATUS_ACCESS_DENIED;
    case ENOENT: return STATUS_OBJECT_NAME_NOT_FOUND;
    case ENOTDIR: return STATUS_OBJECT_PATH_NOT_FOUND;
    case EEXIST: return STATUS_OBJECT_NAME_COLLISION;
    case EISDIR: return STATUS_FILE_IS_A_DIRECTORY;
    case ENOTEMPTY: return STATUS_DIRECTORY_NOT_EMPTY;
    case ENOSPC: return STATUS_DISK_FULL;
    case EDQUOT: return STATUS_DISK_FULL;
    case EMFILE:
    case ENFILE: return STATUS_TOO_MANY_OPENED_FILES;
    case ENAMETOOLONG: return STATUS_NAME_TOO_LONG;
    case EROFS: return STATUS_MEDIA_WRITE_PROTECTED;
    case EBADF: return STATUS_INVALID_HANDLE;
    case EFAULT: return STATUS_ACCESS_VIOLATION;
    case ENOMEM: return STATUS_NO_MEMORY;
    case EINVAL: return STATUS_INVALID_PARAMETER;
    case EPIPE: return STATUS_PIPE_CLOSING;   /* a write whose reader is gone (ERROR_NO_DATA) */
    case EBUSY: return STATUS_SHARING_VIOLATION;
    case ELOOP: return STATUS_REPARSE_POINT_NOT_RESOLVED;
    case EFBIG: return STATUS_DISK_FULL;
    case EXDEV: return STATUS_NOT_SAME_DEVICE;
    case EIO: return STATUS_IO_DEVICE_ERROR;
    case ENOSYS:
    case EOPNOTSUPP: return STATUS_NOT_SUPPORTED;
    case ECANCELED: return STATUS_CANCELLED;
    default: return STATUS_UNSUCCESSFUL;
    }
}

NTSTATUS file_get(HANDLE handle, struct file **file)
{
    return handle_ref(handle, &file_ops, (struct object **)file);
}

/*
 * The Unix path of a name that may be relative to a directory handle (OBJECT_ATTRIBUTES'
 * RootDirectory, FILE_RENAME_INFORMATION's): the directory's own DOS path, then the name.  A
 * relative name starts with no backslash; an empty one is the directory itself.
 */
NTSTATUS file_name_to_unix(HANDLE root, const UNICODE_STRING *name, char **unix_path, bool last_may_be_missing)
{
    static const WCHAR nt_prefix[] = { '\\','?','?','\\' };
    size_t name_len = name->Length / sizeof(WCHAR), dir_len;
    UNICODE_STRING full;
    struct file *dir;
    WCHAR *dos = NULL, *buf;
    NTSTATUS status;

    if (!root) return nt_to_unix_path(name, unix_path, last_may_be_missing);
    if (name_len && name->Buffer[0] == '\\') return STATUS_OBJECT_PATH_SYNTAX_BAD;
    if ((status = file_get(root, &dir))) return status;
    if (!dir->unix_path) status = STATUS_OBJECT_TYPE_MISMATCH;
    /* below a file there is nothing; the file itself is the empty name */
    else if (name_len && !dir->directory) status = STATUS_OBJECT_PATH_NOT_FOUND;
    else if (!(dos = unix_to_dos_path(dir->unix_path))) status = STATUS_NO_MEMORY;
    object_release(&dir->obj);
    if (status) return status;
    dir_len = wide_len(dos);
    /* "C:\" already ends with its separator */
    if (dir_len && dos[dir_len - 1] == '\\') dir_len--;
    if (!(buf = malloc((ARRAYSIZE(nt_prefix) + dir_len + 1 + name_len) * sizeof(WCHAR))))
    {
        free(dos);
        return STATUS_NO_MEMORY;
    }
    memcpy(buf, nt_prefix, sizeof(nt_prefix));
    memcpy(buf + ARRAYSIZE(nt_prefix), dos, dir_len * sizeof(WCHAR));
    full.Length = (ARRAYSIZE(nt_prefix) + dir_len) * sizeof(WCHAR);
    if (name_len)
    {
        buf[full.Length / sizeof(WCHAR)] = '\\';
        memcpy(buf + full.Length / sizeof(WCHAR) + 1, name->Buffer, name->Length);
        full.Length += sizeof(WCHAR) + name->Length;
    }
    else if (dir_len == 2)
    {
        /* the root of a drive: "X:" alone is not a path */
        buf[full.Length / sizeof(WCHAR)] = '\\';
        full.Length += sizeof(WCHAR);
    }
    full.MaximumLength = full.Length;
    full.Buffer = buf;
    status = nt_to_unix_path(&full, unix_path, last_may_be_missing);
    free(buf);
    free(dos);
    return status;
}

struct file *file_new(int fd, ACCESS_MASK access, ULONG options, char *unix_path)
{
    struct file *file = calloc(1, sizeof(*file));
    if (!file) return NULL;
    object_init(&file->obj, &file_ops);
    file->fd = fd;
    file->access = access;
    file->options = options;
    file->unix_path = unix_path;
    file_async_init(&file->async);
    struct stat st;
    if (!fstat(fd, &st))
    {
        file->seekable = S_ISREG(st.st_mode) || S_ISBLK(st.st_mode);
        file->directory = S_ISDIR(st.st_mode);
    }
    return file;
}

/* GENERIC_* rights folded into the file-specific ones, as the I/O manager does. */
ACCESS_MASK file_map_access(ACCESS_MASK access)
{
    if (access & GENERIC_READ) access |= FILE_GENERIC_READ;
    if (access & GENERIC_WRITE) access |= FILE_GENERIC_WRITE;
    if (access & GENERIC_EXECUTE) access |= FILE_GENERIC_EXECUTE;
    if (access & GENERIC_ALL) access |= FILE_ALL_ACCESS;
    return access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL);
}

NTSTATUS file_from_fd(int fd, ACCESS_MASK access, HANDLE *handle)
{
    struct stat st;
    struct file *file;
    NTSTATUS status;
    if (fstat(fd, &st)) return STATUS_INVALID_HANDLE;
    access = file_map_access(access);
    if (!(file = file_new(fd, access, FILE_SYNCHRONOUS_IO_NONALERT, NULL))) return STATUS_NO_MEMORY;
    status = handle_alloc(&file->obj, access, handle);
    object_release(&file->obj);
    return status;
}

/* Whether a directory has entries besides . and .. */
static bool directory_has_entries(const char *unix_path)
{
    DIR *dir = opendir(unix_path);
    struct dirent *de;
    bool found = false;
    if (!dir) return false;
    while (!found && (de = readdir(dir))) found = strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
    closedir(dir);
    return found;
}

static bool is_read_only(const struct stat *st)
{
    return !S_ISDIR(st->st_mode) && !(st->st_mode & 0222);
}

static bool ends_with_backslash(const UNICODE_STRING *name)
{
    return name->Length >= sizeof(WCHAR) && name->Buffer[name->Length / sizeof(WCHAR) - 1] == '\\';
}

NTSTATUS WINAPI NtCreateFile(HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr, IO_STATUS_BLOCK *io,
                             LARGE_INTEGER *alloc_size, ULONG attributes, ULONG sharing, ULONG disposition,
                             ULONG options, void *ea_buffer, ULONG ea_length)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    if (alloc_size && !probe_user(alloc_size, sizeof(*alloc_size), false)) return STATUS_ACCESS_VIOLATION;
    char *unix_path;
    struct stat st;
    struct file *file;
    int flags = O_CLOEXEC, fd;
    bool exists, want_write, truncate = false, made_dir = false;
    ULONG_PTR info;
    NTSTATUS status;
    (void)alloc_size; (void)ea_buffer; (void)ea_length;

    if (!handle || !attr || !attr->ObjectName || !io) return STATUS_INVALID_PARAMETER;
    if (!attr->RootDirectory && pipe_is_name(attr->ObjectName))
        return pipe_open(handle, file_map_access(access), attr->ObjectName, io, options);
    if (disposition > FILE_MAXIMUM_DISPOSITION) return STATUS_INVALID_PARAMETER;
    if ((options & FILE_DIRECTORY_FILE) && (options & FILE_NON_DIRECTORY_FILE)) return STATUS_INVALID_PARAMETER;
    /* a directory is opened or created, never superseded or overwritten */
    if ((options & FILE_DIRECTORY_FILE) && disposition != FILE_OPEN && disposition != FILE_CREATE &&
        disposition != FILE_OPEN_IF)
        return STATUS_INVALID_PARAMETER;
    access = file_map_access(access);
    /* deleting on close is a delete, which needs the right to delete */
    if ((options & FILE_DELETE_ON_CLOSE) && !(access & DELETE)) return STATUS_INVALID_PARAMETER;

    status = file_name_to_unix(attr->RootDirectory, attr->ObjectName, &unix_path,
                               disposition != FILE_OPEN && disposition != FILE_OVERWRITE);
    TRACE(FILE, "NtCreateFile %s access %#x sharing %#x disposition %u options %#x -> %#x",
          status ? "(unresolved)" : unix_path, (unsigned)access, (unsigned)sharing, (unsigned)disposition,
          (unsigned)options, (unsigned)status);
    if (status) return io->Status = status;

    exists = !stat(unix_path, &st);
    /* a name that ends with a backslash names a directory */
    if (ends_with_backslash(attr->ObjectName) && !(options & FILE_DIRECTORY_FILE) && !(exists && S_ISDIR(st.st_mode)))
    {
        status = STATUS_OBJECT_NAME_INVALID;
        goto fail;
    }
    if (exists && disposition == FILE_CREATE) { status = STATUS_OBJECT_NAME_COLLISION; goto fail; }
    if (exists && S_ISDIR(st.st_mode))
    {
        if (options & FILE_NON_DIRECTORY_FILE) { status = STATUS_FILE_IS_A_DIRECTORY; goto fail; }
        if (disposition != FILE_OPEN && disposition != FILE_OPEN_IF) { status = STATUS_ACCESS_DENIED; goto fail; }
        flags |= O_RDONLY | O_DIRECTORY;
        info = FILE_OPENED;
    }
    else if (options & FILE_DIRECTORY_FILE)
    {
        if (exists) { status = STATUS_NOT_A_DIRECTORY; goto fail; }
        if (disposition != FILE_CREATE && disposition != FILE_OPEN_IF)
        {
            status = STATUS_OBJECT_NAME_NOT_FOUND;
            goto fail;
        }
        if (mkdir(unix_path, 0777)) { status = status_from_errno(errno); goto fail; }
        made_dir = true;
        flags |= O_RDONLY | O_DIRECTORY;
        info = FILE_CREATED;
    }
    else
    {
        want_write = access & (FILE_WRITE_DATA | FILE_APPEND_DATA) || disposition == FILE_OVERWRITE ||
                     disposition == FILE_OVERWRITE_IF || disposition == FILE_SUPERSEDE;
        flags |= (access & FILE_READ_DATA) || !want_write ? (want_write ? O_RDWR : O_RDONLY) : O_WRONLY;
        /* append-only access is Windows' way of asking for O_APPEND */
        if ((access & FILE_APPEND_DATA) && !(access & FILE_WRITE_DATA)) flags |= O_APPEND;
        /* the read-only attribute binds everyone, root included, as it does on Windows; superseding
         * replaces the file, read-only or not, when the caller asks for no write access itself */
        if (exists && is_read_only(&st))
        {
            bool supersede = disposition == FILE_SUPERSEDE && !(access & (FILE_WRITE_DATA | FILE_APPEND_DATA));
            if (want_write && !supersede) { status = STATUS_ACCESS_DENIED; goto fail; }
            if (options & FILE_DELETE_ON_CLOSE) { status = STATUS_CANNOT_DELETE; goto fail; }
            if (supersede && chmod(unix_path, (st.st_mode & 07777) | 0200)) { status = status_from_errno(errno); goto fail; }
        }
        switch (disposition)
        {
        case FILE_OPEN:
            if (!exists) { status = STATUS_OBJECT_NAME_NOT_FOUND; goto fail; }
            info = FILE_OPENED;
            break;
        case FILE_CREATE:
            flags |= O_CREAT | O_EXCL;
            info = FILE_CREATED;
            break;
        case FILE_OPEN_IF:
            flags |= O_CREAT;
            info = exists ? FILE_OPENED : FILE_CREATED;
            break;
        case FILE_OVERWRITE:
            if (!exists) { status = STATUS_OBJECT_NAME_NOT_FOUND; goto fail; }
            truncate = true;
            info = FILE_OVERWRITTEN;
            break;
        case FILE_OVERWRITE_IF:
            flags |= O_CREAT;
            truncate = exists;
            info = exists ? FILE_OVERWRITTEN : FILE_CREATED;
            break;
        default: /* FILE_SUPERSEDE */
            flags |= O_CREAT;
            truncate = exists;
            info = exists ? FILE_SUPERSEDED : FILE_CREATED;
            break;
        }
    }
    fd = open(unix_path, flags, (attributes & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666);
    if (fd < 0 || fstat(fd, &st))
    {
        status = status_from_errno(errno);
        if (fd >= 0) close(fd);
        goto fail_made;
    }
    if (!(file = file_new(fd, access, options, unix_path)))
    {
        close(fd);
        status = STATUS_NO_MEMORY;
        goto fail_made;
    }
    file->sharing = sharing;
    file->delete_on_close = (options & FILE_DELETE_ON_CLOSE) != 0;
    /* the share check comes before truncation: a refused open must leave the data alone */
    if ((status = inode_attach(file, &st)))
    {
        file->delete_on_close = false;
        object_release(&file->obj);
        io->Status = status;
        io->Information = 0;
        return status;
    }
    if (truncate && section_file_is_mapped(&st)) status = STATUS_USER_MAPPED_FILE;
    else if (truncate && ftruncate(fd, 0)) status = status_from_errno(errno);
    else if (truncate)
    {
        /* an overwritten or superseded file takes the new attributes: read-only or not */
        mode_t mode = (attributes & FILE_ATTRIBUTE_READONLY) ? (st.st_mode & 07555) : ((st.st_mode & 07777) | 0200);
        if (mode != (st.st_mode & 07777) && fchmod(fd, mode)) status = status_from_errno(errno);
    }
    if (!status) status = handle_alloc(&file->obj, access, handle);
    /* an open that failed deletes nothing */
    if (status) file->delete_on_close = false;
    object_release(&file->obj);
    io->Status = status;
    io->Information = status ? 0 : info;
    return status;

fail_made:
    if (made_dir) rmdir(unix_path);
fail:
    free(unix_path);
    io->Status = status;
    io->Information = 0;
    return status;
}

NTSTATUS WINAPI NtOpenFile(HANDLE *handle, ACCESS_MASK access, OBJECT_ATTRIBUTES *attr, IO_STATUS_BLOCK *io,
                           ULONG sharing, ULONG options)
{
    return NtCreateFile(handle, access, attr, io, NULL, 0, sharing, FILE_OPEN, options, NULL, 0);
}

bool file_is_synchronous(const struct file *file)
{
    return file->options & (FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT);
}

/* What a read of nothing means depends on the kind of file, as on Windows. */
static NTSTATUS end_of_data_status(int fd)
{
    struct stat st;
    if (fstat(fd, &st)) return STATUS_END_OF_FILE;
    if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) return STATUS_PIPE_BROKEN;
    if (S_ISCHR(st.st_mode)) return STATUS_SUCCESS;
    return STATUS_END_OF_FILE;
}

static NTSTATUS check_offset(struct file *file, const LARGE_INTEGER *offset, bool *use_position)
{
    *use_position = !offset || offset->QuadPart == FILE_USE_FILE_POINTER_POSITION;
    if (*use_position && !file_is_synchronous(file)) return STATUS_INVALID_PARAMETER;
    /* -2 is the file position, -1 (writes only, handled by the caller) the end: no other negative */
    if (!*use_position && offset->QuadPart < 0) return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

/* Windows' byte-range locks are mandatory; the table is looked at only while the file has locks. */
static NTSTATUS check_locks(struct file *file, const LARGE_INTEGER *offset, ULONG length, bool write)
{
    struct stat st;
    LONGLONG pos;

    if (!file->inode || !atomic_load(&file->inode->lock_count)) return STATUS_SUCCESS;
    if (offset && offset->QuadPart >= 0) pos = offset->QuadPart;
    else if (write && offset && offset->QuadPart == FILE_WRITE_TO_END_OF_FILE)
    {
        if (fstat(file->fd, &st)) return status_from_errno(errno);
        pos = st.st_size;
    }
    else if ((pos = lseek(file->fd, 0, SEEK_CUR)) < 0) return STATUS_SUCCESS;
    return lock_check_io(file, pos, length, write);
}

/*
 * An overlapped request: the event is reset, and the engine completes it
 * through async_complete() -- at once for a page-cache hit, later otherwise.
 */
static NTSTATUS submit_io(struct file *file, enum async_op op, HANDLE event, PIO_APC_ROUTINE apc,
                          void *apc_context, IO_STATUS_BLOCK *io, void *buffer, ULONG length,
                          const LARGE_INTEGER *offset, const FILE_SEGMENT_ELEMENT *segments)
{
    struct async_req *req;
    struct object *event_obj = NULL;
    NTSTATUS status;
    LONGLONG pos = -1;
    size_t bounce_len = 0;
    void *bounce = NULL;

    if (file->seekable)
    {
        /* an overlapped handle has no file position: the offset is mandatory */
        if (!offset || offset->QuadPart < 0)
        {
            if (op == ASYNC_WRITE && offset && offset->QuadPart == FILE_WRITE_TO_END_OF_FILE)
            {
                struct stat st;
                if (fstat(file->fd, &st)) return status_from_errno(errno);
                pos = st.st_size;
            }
            else return STATUS_INVALID_PARAMETER;
        }
        else pos = offset->QuadPart;
    }
    if (apc && file->async.port) return STATUS_INVALID_PARAMETER;
    /* the I/O manager probes the buffer first: a bad one fails the call, not the request */
    if (!segments && !probe_user(buffer, length, op == ASYNC_READ)) return STATUS_ACCESS_VIOLATION;
    if (event)
    {
        if ((status = handle_ref(event, NULL, &event_obj))) return status;
        if (!is_event(event_obj))
        {
            object_release(event_obj);
            return STATUS_OBJECT_TYPE_MISMATCH;
        }
        event_reset_object(event_obj);
    }
    if ((op == ASYNC_PIPE_READ && !(bounce = pipe_bounce_alloc(file, &bounce_len))) ||
        !(req = calloc(1, sizeof(*req))))
    {
        if (bounce) pipe_bounce_free(bounce);
        if (event_obj) object_release(event_obj);
        return STATUS_NO_MEMORY;
    }
    req->bounce = bounce;
    req->bounce_len = bounce_len;
    req->op = op;
    req->fd = file->fd;
    req->file = object_grab(&file->obj);
    req->fa = &file->async;
    req->iov = req->iov_inline;
    req->iov[0].iov_base = buffer;
    req->iov[0].iov_len = length;
    req->iovcnt = 1;
    if (segments)
    {
        /* ReadFileScatter/WriteFileGather: one page per segment */
        int pages = (length + 4095) / 4096;
        if (pages > IOV_MAX || !(req->iov = malloc(pages * sizeof(*req->iov))))
        {
            req->iov = req->iov_inline;
            if (event_obj) object_release(event_obj);
            object_release(req->file);
            free(req);
            return pages > IOV_MAX ? STATUS_INVALID_PARAMETER : STATUS_NO_MEMORY;
        }
        for (int i = 0; i < pages; i++)
        {
            req->iov[i].iov_base = (void *)(ULONG_PTR)segments[i].Alignment;
            req->iov[i].iov_len = i == pages - 1 && length % 4096 ? length % 4096 : 4096;
        }
        req->iovcnt = pages;
    }
    req->length = length;
    req->offset = pos;
    /* Windows goes to the disk for a handle without the cache: the request always pends, even
     * when Linux finds the data at once, and the port gets its packet whatever the skip modes */
    req->always_pends = file->seekable && (file->options & FILE_NO_INTERMEDIATE_BUFFERING);
    req->iosb = io;
    req->event = event_obj;
    req->apc = apc;
    req->apc_context = apc_context;
    return async_submit(req);
}

NTSTATUS file_call_begin(struct file *file, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                         IO_STATUS_BLOCK *io, struct file_call *call)
{
    struct async_req *req;
    struct object *event_obj = NULL;
    NTSTATUS status;

    call->req = NULL;
    call->wait_event = NULL;
    call->info = 0;
    if (!io) return STATUS_ACCESS_VIOLATION;
    if (apc && file->async.port) return STATUS_INVALID_PARAMETER;
    /* a synchronous handle waits for the request on an event of its own */
    if (file_is_synchronous(file))
    {
        if ((status = NtCreateEvent(&call->wait_event, EVENT_ALL_ACCESS, NULL, NotificationEvent, FALSE)))
            return status;
        event = call->wait_event;
        apc = NULL;
    }
    if (event)
    {
        if ((status = handle_ref(event, NULL, &event_obj))) goto fail;
        if (!is_event(event_obj))
        {
            object_release(event_obj);
            status = STATUS_OBJECT_TYPE_MISMATCH;
            goto fail;
        }
        event_reset_object(event_obj);
    }
    /* the IOSB is written when the request completes; it must be writable now */
    if (!probe_user(io, sizeof(*io), true)) status = STATUS_ACCESS_VIOLATION;
    else if (!(req = calloc(1, sizeof(*req)))) status = STATUS_NO_MEMORY;
    else
    {
        list_init(&req->file_entry);
        list_init(&req->engine_entry);
        req->fd = -1;
        req->file = object_grab(&file->obj);
        req->fa = &file->async;
        req->iov = req->iov_inline;
        req->iosb = io;
        req->event = event_obj;
        req->apc = apc;
        req->apc_context = apc_context;
        req->thread = current_thread;
        object_grab(&req->thread->obj);
        req->issuer_tid = current_thread->tid;
        atomic_init(&req->state, REQ_SUBMITTING);
        atomic_init(&req->refs, 1);
        atomic_init(&req->cancel_requested, 0);
        atomic_init(&req->completed, 0);
        pthread_mutex_lock(&file->async.lock);
        if (file->async.port)
        {
            req->port = file->async.port;
            object_grab((struct object *)req->port);
            req->key = file->async.key;
            req->post_packet = apc_context != NULL;
        }
        req->modes = file->async.modes;
        pthread_mutex_unlock(&file->async.lock);
        call->req = req;
        return STATUS_SUCCESS;
    }
    if (event_obj) object_release(event_obj);
fail:
    if (call->wait_event) NtClose(call->wait_event);
    call->wait_event = NULL;
    return status;
}

void file_call_pend(struct file_call *call)
{
    struct async_req *req = call->req;
    atomic_store(&req->state, REQ_PENDING);
    /* the file object's event is reset for every request, and set at completion unless skipped */
    pthread_mutex_lock(&req->fa->lock);
    req->fa->signaled = false;
    pthread_mutex_unlock(&req->fa->lock);
}

void file_request_finish(struct async_req *req, NTSTATUS status)
{
    async_complete(req, status, 0, 0);
    async_req_release(req);
}

NTSTATUS file_call_end(struct file_call *call, NTSTATUS status)
{
    IO_STATUS_BLOCK *io = call->req->iosb;

    /* completed at once: a success is a synchronous completion, an error leaves only its status */
    if (status != STATUS_PENDING)
    {
        async_complete(call->req, status, call->info, 0);
        async_req_release(call->req);
    }
    else if (call->wait_event)
    {
        NtWaitForSingleObject(call->wait_event, FALSE, NULL);
        status = io->Status;
    }
    if (call->wait_event) NtClose(call->wait_event);
    return status;
}

bool file_request_matches(const struct async_req *req, const IO_STATUS_BLOCK *iosb, const struct thread *issuer)
{
    if (iosb && req->iosb != iosb) return false;
    if (issuer && req->issuer_tid != issuer->tid) return false;
    return true;
}

static void reset_event_handle(HANDLE event)
{
    struct object *obj;
    if (!event || handle_ref(event, NULL, &obj)) return;
    if (is_event(obj)) event_reset_object(obj);
    object_release(obj);
}

/* A synchronous handle still sets the event it was given, even when the read or write failed
 * (the end of the file), and queues its APC when it succeeded. */
static void finish_sync_io(HANDLE event, PIO_APC_ROUTINE apc, void *apc_context, IO_STATUS_BLOCK *io,
                           NTSTATUS status)
{
    struct object *obj;
    if (event && !handle_ref(event, NULL, &obj))
    {
        if (is_event(obj)) event_set_object(obj);
        object_release(obj);
    }
    if (apc && !NT_ERROR(status)) thread_queue_apc(current_thread, (void *)apc, (ULONG_PTR)apc_context, (ULONG_PTR)io, 0);
}

/* A read of a file completes in full unless it reaches the end, but the kernel may return less
 * (a signal came): the rest is read too.  -1 only when nothing was read. */
static ssize_t read_file_fully(int fd, void *buffer, size_t length, bool use_position, off_t offset)
{
    size_t done = 0;
    while (done < length)
    {
        ssize_t n = use_position ? read(fd, (char *)buffer + done, length - done)
                                 : pread(fd, (char *)buffer + done, length - done, offset + done);
        if (n < 0 && errno == EINTR && done) continue;
        if (n < 0) return done ? (ssize_t)done : -1;
        if (!n) break;
        done += n;
    }
    return done;
}

NTSTATUS WINAPI NtReadFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                           IO_STATUS_BLOCK *io, void *buffer, ULONG length, LARGE_INTEGER *offset, ULONG *key)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    if (key && !probe_user(key, sizeof(*key), false)) return STATUS_ACCESS_VIOLATION;
    /* the kernel would write part of a buffer that runs into a bad page: Windows fails it whole */
    if (!probe_user(buffer, length, true)) return STATUS_ACCESS_VIOLATION;
    if (offset && !probe_user(offset, sizeof(*offset), false)) return STATUS_ACCESS_VIOLATION;
    struct file *file;
    NTSTATUS status;
    bool use_position;
    bool messages, more = false;
    ssize_t n;
    (void)key;

    if (!io) return STATUS_ACCESS_VIOLATION;
    if ((status = file_get(handle, &file))) return status;
    messages = pipe_reads_messages(file);
    if (file->directory) { status = STATUS_INVALID_DEVICE_REQUEST; goto done; }
    if (!(file->access & FILE_READ_DATA)) { status = STATUS_ACCESS_DENIED; goto done; }
    /* the buffer is probed before anything happens, even for an empty file: the IOSB and the
     * event stay as they were */
    if (!probe_user(buffer, length, true)) { status = STATUS_ACCESS_VIOLATION; goto done; }
    if (file->sock)
    {
        status = sock_read_write(file, false, event, apc, apc_context, io, buffer, length);
        goto done;
    }
    if (file->pipe && (status = pipe_check_io(file, false))) goto done;
    if ((status = check_locks(file, offset, length, false))) goto done;
    if (!file_is_synchronous(file))
    {
        status = file->pipe ? pipe_read_now(file, event, apc, apc_context, io, buffer, length) : STATUS_PENDING;
        if (status == STATUS_PENDING)
            status = submit_io(file, messages ? ASYNC_PIPE_READ : ASYNC_READ, event, apc, apc_context, io, buffer,
                               length, offset, NULL);
        goto done;
    }
    if ((status = check_offset(file, offset, &use_position))) goto done;
    /* the IOSB of an overlapped request is probed when it is submitted; here, before the read */
    if (!probe_user(io, sizeof(*io), true)) { status = STATUS_ACCESS_VIOLATION; goto done; }
    /* a read that may block (a pipe, a terminal) can be ended by CancelSynchronousIo */
    atomic_store(&current_thread->in_sync_io, true);
    do
    {
        if (atomic_exchange(&current_thread->sync_io_cancelled, false)) { n = -1; errno = ECANCELED; break; }
        if (thread_must_stop()) { n = -1; errno = EINTR; break; }
        if (messages) n = pipe_recv_message(file, buffer, length, 0, &more);
        else if (file->seekable)
            n = read_file_fully(file->fd, buffer, length, use_position, use_position ? 0 : offset->QuadPart);
        else n = use_position ? read(file->fd, buffer, length) : pread(file->fd, buffer, length, offset->QuadPart);
    }
    while (n < 0 && errno == EINTR);
    atomic_store(&current_thread->in_sync_io, false);
    atomic_store(&current_thread->sync_io_cancelled, false);
    if (n < 0) status = status_from_errno(errno);
    else if (!n && length) status = end_of_data_status(file->fd);
    else status = more ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
    io->Status = status;
    io->Information = n > 0 ? n : 0;
    finish_sync_io(event, apc, apc_context, io, status);
done:
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI NtWriteFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                            IO_STATUS_BLOCK *io, const void *buffer, ULONG length, LARGE_INTEGER *offset, ULONG *key)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    if (key && !probe_user(key, sizeof(*key), false)) return STATUS_ACCESS_VIOLATION;
    /* write(2) would write the readable head of a buffer that runs into a bad page;
     * Windows fails the whole write with this status (Wine 8.0 agrees) */
    if (!probe_user((void *)buffer, length, false)) return STATUS_INVALID_USER_BUFFER;
    if (offset && !probe_user(offset, sizeof(*offset), false)) return STATUS_ACCESS_VIOLATION;
    struct file *file;
    NTSTATUS status;
    bool use_position, to_end;
    size_t done_bytes = 0;
    (void)key;

    if (!io) return STATUS_ACCESS_VIOLATION;
    if ((status = file_get(handle, &file))) return status;
    if (file->directory) { status = STATUS_INVALID_DEVICE_REQUEST; goto done; }
    if (!(file->access & (FILE_WRITE_DATA | FILE_APPEND_DATA))) { status = STATUS_ACCESS_DENIED; goto done; }
    /* a write resets the event before it looks at the buffer; no buffer at all is its own error */
    if (!buffer && length)
    {
        reset_event_handle(event);
        status = STATUS_INVALID_USER_BUFFER;
        goto done;
    }
    if (!probe_user((void *)buffer, length, false)) { status = STATUS_ACCESS_VIOLATION; goto done; }
    if (file->sock)
    {
        status = sock_read_write(file, true, event, apc, apc_context, io, (void *)buffer, length);
        goto done;
    }
    if (file->pipe && (status = pipe_check_io(file, true))) goto done;
    if ((status = check_locks(file, offset, length, true))) goto done;
    if (!file_is_synchronous(file))
    {
        status = submit_io(file, ASYNC_WRITE, event, apc, apc_context, io, (void *)buffer, length, offset, NULL);
        /* pending too: a reaper may have taken the write's completion first, and a write cannot
         * really wait on a pipe whose reader waits for data */
        if (file->pipe && (status == STATUS_SUCCESS || status == STATUS_PENDING) && length) pipe_settle_peer(file);
        goto done;
    }
    /* offset -1 (FILE_WRITE_TO_END_OF_FILE) appends; so does every write through a handle that
     * may only append, whatever its offset, and the file position follows */
    to_end = (offset && offset->QuadPart == FILE_WRITE_TO_END_OF_FILE) || !(file->access & FILE_WRITE_DATA);
    if (to_end) offset = NULL;
    if (!to_end && (status = check_offset(file, offset, &use_position))) goto done;
    if (!probe_user(io, sizeof(*io), true)) { status = STATUS_ACCESS_VIOLATION; goto done; }
    if (to_end)
    {
        use_position = true;
        if (lseek(file->fd, 0, SEEK_END) < 0) { status = status_from_errno(errno); goto done; }
    }
    /* a short write is not a Windows outcome for files: keep going until all is written or it fails */
    while (done_bytes < length)
    {
        ssize_t n = use_position ? write(file->fd, (const char *)buffer + done_bytes, length - done_bytes)
                                 : pwrite(file->fd, (const char *)buffer + done_bytes, length - done_bytes,
                                          offset->QuadPart + done_bytes);
        if (n < 0)
        {
            if (errno == EINTR) continue;
            status = status_from_errno(errno);
            break;
        }
        done_bytes += n;
    }
    io->Status = status;
    io->Information = done_bytes;
    finish_sync_io(event, apc, apc_context, io, status);
    if (file->pipe && done_bytes) pipe_settle_peer(file);
done:
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI NtFlushBuffersFile(HANDLE handle, IO_STATUS_BLOCK *io)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    struct file *file;
    NTSTATUS status;
    if (!probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    if ((status = file_get(handle, &file))) return status;
    /* flushing is writing: a handle opened by name without write access may not */
    if (file->inode && !(file->access & (FILE_WRITE_DATA | FILE_APPEND_DATA))) status = STATUS_ACCESS_DENIED;
    else if (file->pipe) status = pipe_flush(file);
    else if (fsync(file->fd) && errno != EINVAL && errno != EROFS) status = status_from_errno(errno);
    if (!status)
    {
        io->Status = status;
        io->Information = 0;
    }
    object_release(&file->obj);
    return status;
}

LONGLONG unix_time_to_nt(const struct timespec *ts)
{
    /* 100 ns units since 1601-01-01 */
    return (ts->tv_sec + 11644473600LL) * 10000000 + ts->tv_nsec / 100;
}

ULONG attributes_from_stat(const struct stat *st, const char *unix_path)
{
    ULONG attr = S_ISDIR(st->st_mode) ? FILE_ATTRIBUTE_DIRECTORY : FILE_ATTRIBUTE_ARCHIVE;
    if (!(st->st_mode & 0222)) attr |= FILE_ATTRIBUTE_READONLY;
    if (unix_path)
    {
        const char *base = strrchr(unix_path, '/');
        base = base ? base + 1 : unix_path;
        if (base[0] == '.' && base[1] && strcmp(base, "..")) attr |= FILE_ATTRIBUTE_HIDDEN;
    }
    return attr;
}

static void fill_basic_info(FILE_BASIC_INFORMATION *info, const struct stat *st, const char *unix_path)
{
    info->CreationTime.QuadPart = unix_time_to_nt(&st->st_mtim);
    info->LastAccessTime.QuadPart = unix_time_to_nt(&st->st_atim);
    info->LastWriteTime.QuadPart = unix_time_to_nt(&st->st_mtim);
    info->ChangeTime.QuadPart = unix_time_to_nt(&st->st_ctim);
    info->FileAttributes = attributes_from_stat(st, unix_path);
}

NTSTATUS WINAPI NtQueryInformationFile(HANDLE handle, IO_STATUS_BLOCK *io, void *info, ULONG length,
                                       FILE_INFORMATION_CLASS klass)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    struct file *file;
    struct stat st;
    NTSTATUS status;
    ULONG size = 0;

    if ((status = file_get(handle, &file))) return status;
    if (file->pipe && pipe_query_info(file, klass, info, length, &size, &status))
    {
        /* a warning (STATUS_BUFFER_OVERFLOW) is an answer too: the IOSB says how much was written */
        if (!NT_ERROR(status))
        {
            io->Status = status;
            io->Information = size;
        }
        goto done;
    }
    if (fstat(file->fd, &st)) { status = status_from_errno(errno); goto done; }
    switch (klass)
    {
    case FileBasicInformation:
        if (length < (size = sizeof(FILE_BASIC_INFORMATION))) goto too_small;
        fill_basic_info(info, &st, file->unix_path);
        break;
    case FileStandardInformation:
    {
        FILE_STANDARD_INFORMATION *std = info;
        if (length < (size = sizeof(*std))) goto too_small;
        std->AllocationSize.QuadPart = (LONGLONG)st.st_blocks * 512;
        std->EndOfFile.QuadPart = S_ISREG(st.st_mode) ? st.st_size : 0;
        std->NumberOfLinks = st.st_nlink;
        std->DeletePending = file->inode && file->inode->delete_pending;
        std->Directory = S_ISDIR(st.st_mode);
        break;
    }
    case FilePositionInformation:
    {
        FILE_POSITION_INFORMATION *pos = info;
        off_t cur;
        if (length < (size = sizeof(*pos))) goto too_small;
        if ((cur = lseek(file->fd, 0, SEEK_CUR)) < 0) cur = 0;
        pos->CurrentByteOffset.QuadPart = cur;
        break;
    }
    case FileInternalInformation:
    {
        FILE_INTERNAL_INFORMATION *internal = info;
        if (length < (size = sizeof(*internal))) goto too_small;
        internal->IndexNumber.QuadPart = st.st_ino;
        break;
    }
    case FileModeInformation:
    {
        FILE_MODE_INFORMATION *mode = info;
        if (length < (size = sizeof(*mode))) goto too_small;
        /* FILE_DELETE_ON_CLOSE is an open option Windows does not report here */
        mode->Mode = file->options & (FILE_WRITE_THROUGH | FILE_SEQUENTIAL_ONLY | FILE_NO_INTERMEDIATE_BUFFERING |
                                      FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT);
        break;
    }
    case FileAccessInformation:
    {
        FILE_ACCESS_INFORMATION *access = info;
        if (length < (size = sizeof(*access))) goto too_small;
        access->AccessFlags = file->access;
        break;
    }
    case FileAttributeTagInformation:
    {
        FILE_ATTRIBUTE_TAG_INFORMATION *tag = info;
        FILE_BASIC_INFORMATION basic;
        if (length < (size = sizeof(*tag))) goto too_small;
        fill_basic_info(&basic, &st, file->unix_path);
        tag->FileAttributes = basic.FileAttributes;
        /* Wring makes no reparse points */
        tag->ReparseTag = 0;
        break;
    }
    case FileIoCompletionNotificationInformation:
    {
        FILE_IO_COMPLETION_NOTIFICATION_INFORMATION *ni = info;
        if (length < (size = sizeof(*ni))) goto too_small;
        ni->Flags = async_get_modes(&file->async);
        break;
    }
    case FileNetworkOpenInformation:
    {
        FILE_NETWORK_OPEN_INFORMATION *net = info;
        FILE_BASIC_INFORMATION basic;
        if (length < (size = sizeof(*net))) goto too_small;
        fill_basic_info(&basic, &st, file->unix_path);
        net->CreationTime = basic.CreationTime;
        net->LastAccessTime = basic.LastAccessTime;
        net->LastWriteTime = basic.LastWriteTime;
        net->ChangeTime = basic.ChangeTime;
        net->AllocationSize.QuadPart = (LONGLONG)st.st_blocks * 512;
        net->EndOfFile.QuadPart = S_ISREG(st.st_mode) ? st.st_size : 0;
        net->FileAttributes = basic.FileAttributes;
        break;
    }
    case FileNameInformation:
    {
        /* the path without its drive, as Windows gives it */
        FILE_NAME_INFORMATION *name = info;
        WCHAR *dos;
        ULONG bytes, room;
        if (length < (size = sizeof(*name))) goto too_small;
        if (!file->unix_path) { status = STATUS_INVALID_PARAMETER; goto done; }
        if (!(dos = unix_to_dos_path(file->unix_path))) { status = STATUS_NO_MEMORY; goto done; }
        bytes = (wide_len(dos) - 2) * sizeof(WCHAR);
        room = length - offsetof(FILE_NAME_INFORMATION, FileName);
        name->FileNameLength = bytes;
        memcpy(name->FileName, dos + 2, bytes < room ? bytes : room);
        free(dos);
        size = offsetof(FILE_NAME_INFORMATION, FileName) + (bytes < room ? bytes : room);
        if (bytes > room)
        {
            io->Status = status = STATUS_BUFFER_OVERFLOW;
            io->Information = size;
            goto done;
        }
        break;
    }
    default:
        TRACE(STUB, "NtQueryInformationFile: class %d not implemented", klass);
        status = STATUS_INVALID_INFO_CLASS;
        goto done;
    }
    io->Status = STATUS_SUCCESS;
    io->Information = size;
    goto done;
too_small:
    status = STATUS_INFO_LENGTH_MISMATCH;
done:
    object_release(&file->obj);
    return status;
}

/* Times of 0 stay as they are (and -1 means the same to this call); attributes of 0 too. */
static NTSTATUS set_basic_info(struct file *file, const FILE_BASIC_INFORMATION *basic, ULONG length)
{
    struct timespec times[2];
    const LARGE_INTEGER *src[2];
    struct stat st;

    if (length < sizeof(*basic)) return STATUS_INFO_LENGTH_MISMATCH;
    if (!(file->access & FILE_WRITE_ATTRIBUTES)) return STATUS_ACCESS_DENIED;
    src[0] = &basic->LastAccessTime;
    src[1] = &basic->LastWriteTime;
    for (int i = 0; i < 2; i++)
    {
        LONGLONG t = src[i]->QuadPart;
        if (t == 0 || t == -1) { times[i].tv_sec = 0; times[i].tv_nsec = UTIME_OMIT; continue; }
        t -= 116444736000000000LL;
        times[i].tv_sec = t / 10000000;
        times[i].tv_nsec = (t % 10000000) * 100;
        if (times[i].tv_nsec < 0) { times[i].tv_sec--; times[i].tv_nsec += 1000000000; }
    }
    if ((times[0].tv_nsec != UTIME_OMIT || times[1].tv_nsec != UTIME_OMIT) && futimens(file->fd, times))
        return status_from_errno(errno);
    if (basic->FileAttributes)
    {
        mode_t mode;
        if (fstat(file->fd, &st)) return status_from_errno(errno);
        /* only the read-only attribute has a Unix meaning: the write permission bits */
        if (S_ISDIR(st.st_mode)) return STATUS_SUCCESS;
        mode = (basic->FileAttributes & FILE_ATTRIBUTE_READONLY) ? st.st_mode & ~0222 : st.st_mode | 0200;
        if ((mode & 07777) != (st.st_mode & 07777) && fchmod(file->fd, mode & 07777)) return status_from_errno(errno);
    }
    return STATUS_SUCCESS;
}

static NTSTATUS set_delete_pending(struct file *file, BOOLEAN delete)
{
    struct stat st;
    if (delete)
    {
        if (fstat(file->fd, &st)) return status_from_errno(errno);
        if (is_read_only(&st)) return STATUS_CANNOT_DELETE;
        if (S_ISDIR(st.st_mode) && directory_has_entries(file->unix_path)) return STATUS_DIRECTORY_NOT_EMPTY;
    }
    pthread_mutex_lock(&inode_lock);
    file->inode->delete_pending = delete;
    pthread_mutex_unlock(&inode_lock);
    return STATUS_SUCCESS;
}

/* A name that replaced an existing one takes the caller's spelling, not the case-insensitive
 * match's: the last component of *path becomes the last of name, as written. */
static void respell_last(char **path, const UNICODE_STRING *name)
{
    size_t len = name->Length / sizeof(WCHAR), start = len;
    char *last, *slash, *out;

    while (start && name->Buffer[start - 1] != '\\' && name->Buffer[start - 1] != '/') start--;
    if (start == len || !(slash = strrchr(*path, '/'))) return;
    if (!(last = wide_to_utf8(name->Buffer + start, len - start))) return;
    if (strcmp(last, ".") && strcmp(last, "..") &&
        asprintf(&out, "%.*s/%s", (int)(slash - *path), *path, last) >= 0)
    {
        free(*path);
        *path = out;
    }
    free(last);
}

/* FileRenameInformation(Ex): the file's name moves.  Windows replaces neither a directory nor,
 * unless the rename asks for POSIX semantics, a file something has open. */
static NTSTATUS rename_file(struct file *file, HANDLE root, const WCHAR *new_name, ULONG bytes, ULONG flags)
{
    UNICODE_STRING name;
    NTSTATUS status;
    char *target;
    struct stat st;

    if (!file->unix_path) return STATUS_INVALID_PARAMETER;
    if (!(file->access & DELETE)) return STATUS_ACCESS_DENIED;
    name.Buffer = (WCHAR *)new_name;
    name.Length = name.MaximumLength = bytes;
    if ((status = file_name_to_unix(root, &name, &target, true))) return status;
    if (!lstat(target, &st) && strcmp(target, file->unix_path))
    {
        if (!(flags & FILE_RENAME_REPLACE_IF_EXISTS)) status = STATUS_OBJECT_NAME_COLLISION;
        else if (S_ISDIR(st.st_mode)) status = STATUS_ACCESS_DENIED;
        else if (!(flags & FILE_RENAME_POSIX_SEMANTICS) && inode_is_open(st.st_dev, st.st_ino))
            status = STATUS_ACCESS_DENIED;
        /* a directory may replace a file, which Linux's rename() will not do by itself */
        else if (file->directory && unlink(target)) status = status_from_errno(errno);
    }
    if (!status && rename(file->unix_path, target)) status = status_from_errno(errno);
    if (!status)
    {
        free(file->unix_path);
        file->unix_path = target;
        target = NULL;
    }
    free(target);
    return status;
}

/* FileDispositionInformationEx: delete or keep, at the last close or (POSIX semantics) at this
 * handle's close whoever else has the file open, and optionally despite the read-only bit. */
static NTSTATUS set_disposition_ex(struct file *file, const FILE_DISPOSITION_INFORMATION_EX *disp, ULONG length)
{
    static const ULONG known = FILE_DISPOSITION_DELETE | FILE_DISPOSITION_POSIX_SEMANTICS |
                               FILE_DISPOSITION_FORCE_IMAGE_SECTION_CHECK | FILE_DISPOSITION_ON_CLOSE |
                               FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE;
    struct stat st;
    bool delete;

    if (length < sizeof(*disp)) return STATUS_INFO_LENGTH_MISMATCH;
    if (disp->Flags & ~known) return STATUS_INVALID_PARAMETER;
    if (!(file->access & DELETE)) return STATUS_ACCESS_DENIED;
    if (!file->inode) return STATUS_INVALID_PARAMETER;
    delete = disp->Flags & FILE_DISPOSITION_DELETE;
    if (disp->Flags & FILE_DISPOSITION_ON_CLOSE)
    {
        /* the handle's own delete-on-close, as FILE_DELETE_ON_CLOSE at open sets it */
        file->delete_on_close = delete;
        return STATUS_SUCCESS;
    }
    if (delete)
    {
        if (fstat(file->fd, &st)) return status_from_errno(errno);
        if (!(disp->Flags & FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE) && is_read_only(&st))
            return STATUS_CANNOT_DELETE;
        if (S_ISDIR(st.st_mode) && directory_has_entries(file->unix_path)) return STATUS_DIRECTORY_NOT_EMPTY;
    }
    pthread_mutex_lock(&inode_lock);
    file->inode->delete_pending = delete;
    file->posix_delete = delete && (disp->Flags & FILE_DISPOSITION_POSIX_SEMANTICS);
    pthread_mutex_unlock(&inode_lock);
    return STATUS_SUCCESS;
}

/* FileLinkInformation: another name for the file, a hard link; never for a directory. */
static NTSTATUS set_link_info(struct file *file, const FILE_LINK_INFORMATION *link_info, ULONG length)
{
    UNICODE_STRING name;
    struct stat st, target_st;
    NTSTATUS status = STATUS_SUCCESS;
    char *target;

    if (length < offsetof(FILE_LINK_INFORMATION, FileName) ||
        length - offsetof(FILE_LINK_INFORMATION, FileName) < link_info->FileNameLength)
        return STATUS_INFO_LENGTH_MISMATCH;
    if (!file->unix_path) return STATUS_INVALID_PARAMETER;
    if (fstat(file->fd, &st)) return status_from_errno(errno);
    if (S_ISDIR(st.st_mode)) return STATUS_FILE_IS_A_DIRECTORY;
    name.Buffer = (WCHAR *)link_info->FileName;
    name.Length = name.MaximumLength = link_info->FileNameLength;
    if ((status = file_name_to_unix(link_info->RootDirectory, &name, &target, true))) return status;
    if (!lstat(target, &target_st))
    {
        bool same = target_st.st_dev == st.st_dev && target_st.st_ino == st.st_ino;
        /* Windows replaces neither a directory nor a file something else has open */
        if (!link_info->ReplaceIfExists) status = STATUS_OBJECT_NAME_COLLISION;
        else if (same) goto done;
        else if (S_ISDIR(target_st.st_mode) || inode_is_open(target_st.st_dev, target_st.st_ino))
            status = STATUS_ACCESS_DENIED;
        else if (unlink(target)) status = status_from_errno(errno);
        else respell_last(&target, &name);
    }
    if (!status && link(file->unix_path, target)) status = errno == EXDEV ? STATUS_NOT_SAME_DEVICE : status_from_errno(errno);
done:
    free(target);
    return status;
}

/* Windows lets a mapped file grow, or keep its size, but not shrink. */
static bool shrinks_mapped_file(const struct file *file, LONGLONG end)
{
    struct stat st;
    return !fstat(file->fd, &st) && end < st.st_size && section_file_is_mapped(&st);
}

NTSTATUS WINAPI NtSetInformationFile(HANDLE handle, IO_STATUS_BLOCK *io, void *info, ULONG length,
                                     FILE_INFORMATION_CLASS klass)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    if (!probe_user(info, length, false)) return STATUS_ACCESS_VIOLATION;
    struct file *file;
    NTSTATUS status;

    if ((status = file_get(handle, &file))) return status;
    if (file->pipe && pipe_set_info(file, klass, info, length, &status)) goto done;
    switch ((int)klass)   /* the Ex classes are past the enum of Wine's headers */
    {
    case FileCompletionInformation:
    {
        const FILE_COMPLETION_INFORMATION *ci = info;
        if (length < sizeof(*ci)) { status = STATUS_INFO_LENGTH_MISMATCH; break; }
        /* only a handle opened for overlapped I/O can be bound to a port */
        if (file_is_synchronous(file)) { status = STATUS_INVALID_PARAMETER; break; }
        status = async_bind_port(&file->async, ci->CompletionPort, ci->CompletionKey);
        break;
    }
    case FileIoCompletionNotificationInformation:
    {
        const FILE_IO_COMPLETION_NOTIFICATION_INFORMATION *ni = info;
        if (length < sizeof(*ni)) { status = STATUS_INFO_LENGTH_MISMATCH; break; }
        /* the modes are about completions, which a synchronous handle never has */
        if (file_is_synchronous(file)) { status = STATUS_INVALID_PARAMETER; break; }
        async_set_modes(&file->async, ni->Flags);
        break;
    }
    case FilePositionInformation:
    {
        const FILE_POSITION_INFORMATION *pos = info;
        if (length < sizeof(*pos)) { status = STATUS_INFO_LENGTH_MISMATCH; break; }
        if (pos->CurrentByteOffset.QuadPart < 0) { status = STATUS_INVALID_PARAMETER; break; }
        if (lseek(file->fd, pos->CurrentByteOffset.QuadPart, SEEK_SET) < 0) status = status_from_errno(errno);
        break;
    }
    case FileBasicInformation:
        status = set_basic_info(file, info, length);
        break;
    case FileEndOfFileInformation:
    {
        const FILE_END_OF_FILE_INFORMATION *eof = info;
        if (length < sizeof(*eof)) { status = STATUS_INFO_LENGTH_MISMATCH; break; }
        if (!(file->access & FILE_WRITE_DATA)) { status = STATUS_ACCESS_DENIED; break; }
        if (eof->EndOfFile.QuadPart < 0) { status = STATUS_INVALID_PARAMETER; break; }
        if (shrinks_mapped_file(file, eof->EndOfFile.QuadPart)) status = STATUS_USER_MAPPED_FILE;
        else if (ftruncate(file->fd, eof->EndOfFile.QuadPart)) status = status_from_errno(errno);
        break;
    }
    case FileDispositionInformation:
    {
        const FILE_DISPOSITION_INFORMATION *disp = info;
        if (length < sizeof(*disp)) { status = STATUS_INFO_LENGTH_MISMATCH; break; }
        if (!(file->access & DELETE)) { status = STATUS_ACCESS_DENIED; break; }
        if (!file->inode) { status = STATUS_INVALID_PARAMETER; break; }
        status = set_delete_pending(file, disp->DoDeleteFile);
        break;
    }
    case FileRenameInformation:
    {
        const FILE_RENAME_INFORMATION *ren = info;
        if (length < offsetof(FILE_RENAME_INFORMATION, FileName) ||
            length - offsetof(FILE_RENAME_INFORMATION, FileName) < ren->FileNameLength)
        {
            status = STATUS_INFO_LENGTH_MISMATCH;
            break;
        }
        status = rename_file(file, ren->RootDirectory, ren->FileName, ren->FileNameLength,
                             ren->ReplaceIfExists ? FILE_RENAME_REPLACE_IF_EXISTS : 0);
        break;
    }
    case FileRenameInformationEx:
    {
        const FILE_RENAME_INFORMATION_EX *ren = info;
        if (length < offsetof(FILE_RENAME_INFORMATION_EX, FileName) ||
            length - offsetof(FILE_RENAME_INFORMATION_EX, FileName) < ren->FileNameLength)
        {
            status = STATUS_INFO_LENGTH_MISMATCH;
            break;
        }
        status = rename_file(file, ren->RootDirectory, ren->FileName, ren->FileNameLength, ren->Flags);
        break;
    }
    case FileDispositionInformationEx:
        status = set_disposition_ex(file, info, length);
        break;
    case FileLinkInformation:
        status = set_link_info(file, info, length);
        break;
    default:
        TRACE(STUB, "NtSetInformationFile: class %d not implemented", klass);
        status = STATUS_INVALID_INFO_CLASS;
        break;
    }
done:
    if (!status)
    {
        io->Status = status;
        io->Information = 0;
    }
    object_release(&file->obj);
    return status;
}

/* The terminal's columns and rows behind a console handle (kernel32's screen buffer size). */
NTSTATUS WINAPI wring_console_size(HANDLE handle, ULONG *columns, ULONG *rows)
{
    struct winsize ws;
    struct file *file;
    NTSTATUS status;
    ULONG out[2];

    if ((status = file_get(handle, &file))) return status;
    if (ioctl(file->fd, TIOCGWINSZ, &ws) || !ws.ws_col || !ws.ws_row) status = STATUS_INVALID_HANDLE;
    object_release(&file->obj);
    if (status) return status;
    out[0] = ws.ws_col;
    out[1] = ws.ws_row;
    if (!write_user(columns, &out[0], sizeof(ULONG)) || !write_user(rows, &out[1], sizeof(ULONG)))
        return STATUS_ACCESS_VIOLATION;
    return STATUS_SUCCESS;
}

/* The permission bits (07777) of a file by name: Windows asks for security by name,
 * and no handle is needed to read them. */
NTSTATUS WINAPI wring_file_mode(const OBJECT_ATTRIBUTES *attr, ULONG *mode)
{
    char *unix_path;
    struct stat st;
    NTSTATUS status;
    ULONG bits;

    if (!attr || !attr->ObjectName) return STATUS_INVALID_PARAMETER;
    if ((status = file_name_to_unix(attr->RootDirectory, attr->ObjectName, &unix_path, false))) return status;
    if (stat(unix_path, &st)) status = status_from_errno(errno);
    free(unix_path);
    if (status) return status;
    bits = st.st_mode & 07777;
    return write_user(mode, &bits, sizeof(bits)) ? STATUS_SUCCESS : STATUS_ACCESS_VIOLATION;
}

NTSTATUS WINAPI wring_set_file_mode(const OBJECT_ATTRIBUTES *attr, ULONG mode)
{
    char *unix_path;
    NTSTATUS status;

    if (!attr || !attr->ObjectName || (mode & ~07777)) return STATUS_INVALID_PARAMETER;
    if ((status = file_name_to_unix(attr->RootDirectory, attr->ObjectName, &unix_path, false))) return status;
    if (chmod(unix_path, mode)) status = status_from_errno(errno);
    free(unix_path);
    return status;
}

NTSTATUS WINAPI NtQueryAttributesFile(const OBJECT_ATTRIBUTES *attr, FILE_BASIC_INFORMATION *info)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (!probe_user(info, sizeof(*info), true)) return STATUS_ACCESS_VIOLATION;
    char *unix_path;
    struct stat st;
    NTSTATUS status;
    if (!attr || !attr->ObjectName) return STATUS_INVALID_PARAMETER;
    if ((status = file_name_to_unix(attr->RootDirectory, attr->ObjectName, &unix_path, false))) return status;
    if (stat(unix_path, &st)) status = status_from_errno(errno);
    else fill_basic_info(info, &st, unix_path);
    free(unix_path);
    return status;
}

NTSTATUS WINAPI NtQueryFullAttributesFile(const OBJECT_ATTRIBUTES *attr, FILE_NETWORK_OPEN_INFORMATION *info)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (!probe_user(info, sizeof(*info), true)) return STATUS_ACCESS_VIOLATION;
    char *unix_path;
    struct stat st;
    NTSTATUS status;
    FILE_BASIC_INFORMATION basic;
    if (!attr || !attr->ObjectName) return STATUS_INVALID_PARAMETER;
    if ((status = file_name_to_unix(attr->RootDirectory, attr->ObjectName, &unix_path, false))) return status;
    if (stat(unix_path, &st)) status = status_from_errno(errno);
    else
    {
        fill_basic_info(&basic, &st, unix_path);
        info->CreationTime = basic.CreationTime;
        info->LastAccessTime = basic.LastAccessTime;
        info->LastWriteTime = basic.LastWriteTime;
        info->ChangeTime = basic.ChangeTime;
        info->AllocationSize.QuadPart = (LONGLONG)st.st_blocks * 512;
        info->EndOfFile.QuadPart = S_ISREG(st.st_mode) ? st.st_size : 0;
        info->FileAttributes = basic.FileAttributes;
    }
    free(unix_path);
    return status;
}

NTSTATUS WINAPI NtFsControlFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                                IO_STATUS_BLOCK *io, ULONG code, void *in, ULONG in_size, void *out, ULONG out_size)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    struct file *file;
    struct stat st;
    NTSTATUS status;
    int avail = 0;

    if ((status = file_get(handle, &file))) return status;
    if (file->pipe)
        status = pipe_fsctl(file, event, apc, apc_context, io, code, in, in_size, out, out_size);
    /* Wring opens the target of a symbolic link and reports no reparse attribute: what it
     * opened is never a reparse point */
    else if (code == FSCTL_GET_REPARSE_POINT) status = STATUS_NOT_A_REPARSE_POINT;
    else if (code != FSCTL_PIPE_PEEK)
    {
        /* what NTFS answers to a control code it does not know */
        TRACE(STUB, "NtFsControlFile: code %#x not implemented", (unsigned)code);
        status = STATUS_INVALID_DEVICE_REQUEST;
    }
    else if (fstat(file->fd, &st) || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
        status = STATUS_INVALID_PARAMETER;
    else if (out_size < offsetof(FILE_PIPE_PEEK_BUFFER, Data)) status = STATUS_INFO_LENGTH_MISMATCH;
    else if (ioctl(file->fd, FIONREAD, &avail)) status = status_from_errno(errno);
    else
    {
        /* how much is waiting, without reading it: what PeekNamedPipe callers poll for */
        FILE_PIPE_PEEK_BUFFER *peek = out;
        ULONG room = out_size - offsetof(FILE_PIPE_PEEK_BUFFER, Data), copied = 0;
        peek->NamedPipeState = FILE_PIPE_CONNECTED_STATE;
        peek->ReadDataAvailable = avail;
        peek->NumberOfMessages = 0;
        peek->MessageLength = 0;
        if (room && avail)
        {
            ssize_t n = recv(file->fd, peek->Data, room, MSG_PEEK | MSG_DONTWAIT);
            if (n > 0) copied = n;
        }
        io->Status = STATUS_SUCCESS;
        io->Information = offsetof(FILE_PIPE_PEEK_BUFFER, Data) + copied;
    }
    object_release(&file->obj);
    return status;
}

/* A delete is an open for deletion that is closed at once; the file goes with its last handle. */
NTSTATUS WINAPI NtDeleteFile(OBJECT_ATTRIBUTES *attr)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    IO_STATUS_BLOCK io;
    HANDLE handle;
    NTSTATUS status = NtCreateFile(&handle, DELETE, attr, &io, NULL, 0,
                                   FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, FILE_OPEN,
                                   FILE_DELETE_ON_CLOSE | FILE_OPEN_FOR_BACKUP_INTENT, NULL, 0);
    if (status) return status;
    return NtClose(handle);
}

/* The engine's requests and Wring's own (pipe listens, waiting locks). */
static void cancel_requests(struct file *file, const IO_STATUS_BLOCK *iosb, struct thread *issuer, bool *found)
{
    bool engine_found, own_found = false;
    if (file->pipe) pipe_cancel(file, iosb, issuer, &own_found);
    if (file->inode) lock_cancel(file, iosb, issuer, &own_found);
    async_cancel_file(&file->async, iosb, issuer, &engine_found);
    *found = own_found || engine_found;
}

NTSTATUS WINAPI NtCancelIoFile(HANDLE handle, IO_STATUS_BLOCK *io)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    struct file *file;
    NTSTATUS status;
    bool found;
    if ((status = file_get(handle, &file))) return status;
    /* CancelIo: the requests this thread issued on the handle */
    cancel_requests(file, NULL, current_thread, &found);
    object_release(&file->obj);
    io->Status = STATUS_SUCCESS;
    io->Information = 0;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtCancelIoFileEx(HANDLE handle, IO_STATUS_BLOCK *request, IO_STATUS_BLOCK *io)
{
    if (request && !probe_user(request, sizeof(*request), true)) return STATUS_ACCESS_VIOLATION;
    struct file *file;
    NTSTATUS status;
    bool found;
    if ((status = file_get(handle, &file))) return status;
    cancel_requests(file, request, NULL, &found);
    object_release(&file->obj);
    if (!found) return STATUS_NOT_FOUND;
    io->Status = STATUS_SUCCESS;
    io->Information = 0;
    return STATUS_SUCCESS;
}

static NTSTATUS scatter_gather(HANDLE handle, enum async_op op, HANDLE event, PIO_APC_ROUTINE apc,
                               void *apc_context, IO_STATUS_BLOCK *io, FILE_SEGMENT_ELEMENT *segments,
                               ULONG length, LARGE_INTEGER *offset)
{
    struct file *file;
    NTSTATUS status;

    if (!io || !segments) return STATUS_ACCESS_VIOLATION;
    if ((status = file_get(handle, &file))) return status;
    /* Windows requires an overlapped handle and whole pages */
    if (file_is_synchronous(file) || (length & 4095)) status = STATUS_INVALID_PARAMETER;
    else if (!(file->access & (op == ASYNC_READ ? FILE_READ_DATA : FILE_WRITE_DATA))) status = STATUS_ACCESS_DENIED;
    else status = check_locks(file, offset, length, op == ASYNC_WRITE);
    if (!status) status = submit_io(file, op, event, apc, apc_context, io, NULL, length, offset, segments);
    object_release(&file->obj);
    return status;
}

NTSTATUS WINAPI NtReadFileScatter(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                                  IO_STATUS_BLOCK *io, FILE_SEGMENT_ELEMENT *segments, ULONG length,
                                  LARGE_INTEGER *offset, ULONG *key)
{
    return scatter_gather(handle, ASYNC_READ, event, apc, apc_context, io, segments, length, offset);
}

NTSTATUS WINAPI NtWriteFileGather(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                                  IO_STATUS_BLOCK *io, FILE_SEGMENT_ELEMENT *segments, ULONG length,
                                  LARGE_INTEGER *offset, ULONG *key)
{
    return scatter_gather(handle, ASYNC_WRITE, event, apc, apc_context, io, segments, length, offset);
}

NTSTATUS WINAPI NtCancelSynchronousIoFile(HANDLE thread_handle, IO_STATUS_BLOCK *request, IO_STATUS_BLOCK *io)
{
    if (request && !probe_user(request, sizeof(*request), true)) return STATUS_ACCESS_VIOLATION;
    struct thread *thread;
    NTSTATUS status;

    if ((status = handle_ref(thread_handle, &thread_ops, (struct object **)&thread))) return status;
    if (!atomic_load(&thread->in_sync_io) || thread == current_thread) status = STATUS_NOT_FOUND;
    else
    {
        /* The read sees the flag when the signal makes it return EINTR.  A signal that
         * lands after the reader checked the flag but before it entered read() is lost,
         * so it is sent again until the reader has taken the flag or left its read
         * (bounded: a thread that was terminated inside the read never answers). */
        struct timespec pause = { 0, 50000 };
        atomic_store(&thread->sync_io_cancelled, true);
        for (int tries = 0; tries < 20000; tries++)
        {
            pthread_kill(thread->pthread, SIG_INTERRUPT);
            if (!atomic_load(&thread->sync_io_cancelled) || !atomic_load(&thread->in_sync_io)) break;
            nanosleep(&pause, NULL);
        }
        io->Status = STATUS_SUCCESS;
        io->Information = 0;
    }
    object_release(&thread->obj);
    return status;
}
