/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * NtQueryDirectoryFile: a directory handle lists its entries from a snapshot taken on the
 * first query (or a restart), filtered by the mask given on the first query.  Masks use
 * the file-system rules of FsRtlIsNameInExpression, including the DOS wildcards that
 * kernel32 produces from "*" and "?" (< > and ").
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "file.h"

#define DOS_STAR '<'
#define DOS_QM   '>'
#define DOS_DOT  '"'

struct dir_listing
{
    char **names;           /* . and .. first, then the rest sorted without regard to case */
    size_t count;
    size_t pos;
    WCHAR *mask;            /* upper-cased; NULL matches everything */
    size_t mask_len;
    bool returned_any;      /* tells "no such file" (nothing ever matched) from "no more files" */
};

/* Queries on one handle may come from several threads; a listing is short work, one lock is enough. */
static pthread_mutex_t listing_lock = PTHREAD_MUTEX_INITIALIZER;

void dir_listing_free(struct dir_listing *listing)
{
    for (size_t i = 0; i < listing->count; i++) free(listing->names[i]);
    free(listing->names);
    free(listing->mask);
    free(listing);
}

/* ASCII and Latin-1 case folding; enough for the names Windows programs compare. */
static WCHAR upcase(WCHAR c)
{
    if (c >= 'a' && c <= 'z') return c - 0x20;
    if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return c - 0x20;
    return c;
}

static bool mask_matches(const WCHAR *m, const WCHAR *mend, const WCHAR *n, const WCHAR *nend,
                         const WCHAR *last_dot)
{
    while (m < mend)
    {
        switch (*m)
        {
        case '*':
            for (const WCHAR *p = nend; p >= n; p--)
                if (mask_matches(m + 1, mend, p, nend, last_dot)) return true;
            return false;
        case DOS_STAR:
        {
            /* any run of characters that does not go past the name's final period */
            const WCHAR *limit = last_dot && last_dot >= n ? last_dot : nend;
            for (const WCHAR *p = limit; p >= n; p--)
                if (mask_matches(m + 1, mend, p, nend, last_dot)) return true;
            return false;
        }
        case DOS_QM:
            /* one character, or none at a period or the end of the name */
            if (n < nend && *n != '.') n++;
            m++;
            break;
        case DOS_DOT:
            /* a period, or nothing at the end of the name */
            if (n < nend)
            {
                if (*n != '.') return false;
                n++;
            }
            m++;
            break;
        case '?':
            if (n == nend) return false;
            n++;
            m++;
            break;
        default:
            if (n == nend || upcase(*n) != *m) return false;
            n++;
            m++;
            break;
        }
    }
    return n == nend;
}

static bool name_matches(const struct dir_listing *listing, const WCHAR *name, size_t len)
{
    const WCHAR *last_dot = NULL;
    if (!listing->mask) return true;
    for (size_t i = 0; i < len; i++) if (name[i] == '.') last_dot = name + i;
    return mask_matches(listing->mask, listing->mask + listing->mask_len, name, name + len, last_dot);
}

static int compare_names(const void *a, const void *b)
{
    return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* Drive roots have no . and .. entries on Windows. */
static bool is_drive_root(const char *unix_path)
{
    char *drive_c;
    bool root;
    if (!strcmp(unix_path, "/")) return true;
    if (asprintf(&drive_c, "%s/drive_c", prefix_dir()) < 0) return false;
    root = !strcmp(unix_path, drive_c);
    free(drive_c);
    return root;
}

static NTSTATUS read_listing(struct file *file, struct dir_listing *listing)
{
    int fd = dup(file->fd);
    DIR *dir;
    struct dirent *de;
    size_t cap = 16, dots = 0;
    bool root = !file->unix_path || is_drive_root(file->unix_path);

    if (fd < 0) return status_from_errno(errno);
    if (!(dir = fdopendir(fd)))
    {
        close(fd);
        return status_from_errno(errno);
    }
    rewinddir(dir);
    if (!(listing->names = malloc(cap * sizeof(char *)))) goto no_memory;
    if (!root)
    {
        if (!(listing->names[0] = strdup(".")) || !(listing->names[1] = strdup(".."))) goto no_memory;
        listing->count = dots = 2;
    }
    while ((de = readdir(dir)))
    {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
        if (listing->count == cap)
        {
            char **grown = realloc(listing->names, (cap *= 2) * sizeof(char *));
            if (!grown) goto no_memory;
            listing->names = grown;
        }
        if (!(listing->names[listing->count] = strdup(de->d_name))) goto no_memory;
        listing->count++;
    }
    closedir(dir);
    qsort(listing->names + dots, listing->count - dots, sizeof(char *), compare_names);
    return STATUS_SUCCESS;

no_memory:
    closedir(dir);
    return STATUS_NO_MEMORY;
}

/* Where the name goes in each information class; 0 for a class not supported here. */
static ULONG name_offset(FILE_INFORMATION_CLASS klass)
{
    switch (klass)
    {
    case FileDirectoryInformation: return offsetof(FILE_DIRECTORY_INFORMATION, FileName);
    case FileFullDirectoryInformation: return offsetof(FILE_FULL_DIRECTORY_INFORMATION, FileName);
    case FileIdFullDirectoryInformation: return offsetof(FILE_ID_FULL_DIRECTORY_INFORMATION, FileName);
    case FileBothDirectoryInformation: return offsetof(FILE_BOTH_DIRECTORY_INFORMATION, FileName);
    case FileIdBothDirectoryInformation: return offsetof(FILE_ID_BOTH_DIRECTORY_INFORMATION, FileName);
    case FileNamesInformation: return offsetof(FILE_NAMES_INFORMATION, FileName);
    default: return 0;
    }
}

/* Fills the fixed part of one entry; the name is copied by the caller. */
static void fill_entry(void *entry, FILE_INFORMATION_CLASS klass, ULONG offset, const struct stat *st,
                       const char *name, ULONG name_bytes)
{
    memset(entry, 0, offset);
    if (klass == FileNamesInformation)
    {
        ((FILE_NAMES_INFORMATION *)entry)->FileNameLength = name_bytes;
        return;
    }
    FILE_DIRECTORY_INFORMATION *dir = entry;
    dir->CreationTime.QuadPart = unix_time_to_nt(&st->st_mtim);
    dir->LastAccessTime.QuadPart = unix_time_to_nt(&st->st_atim);
    dir->LastWriteTime.QuadPart = unix_time_to_nt(&st->st_mtim);
    dir->ChangeTime.QuadPart = unix_time_to_nt(&st->st_ctim);
    dir->EndOfFile.QuadPart = S_ISDIR(st->st_mode) ? 0 : st->st_size;
    dir->AllocationSize.QuadPart = (LONGLONG)st->st_blocks * 512;
    dir->FileAttributes = attributes_from_stat(st, name);
    dir->FileNameLength = name_bytes;
    if (klass == FileIdFullDirectoryInformation) ((FILE_ID_FULL_DIRECTORY_INFORMATION *)entry)->FileId.QuadPart = st->st_ino;
    if (klass == FileIdBothDirectoryInformation) ((FILE_ID_BOTH_DIRECTORY_INFORMATION *)entry)->FileId.QuadPart = st->st_ino;
}

NTSTATUS WINAPI NtQueryDirectoryFile(HANDLE handle, HANDLE event, PIO_APC_ROUTINE apc, void *apc_context,
                                     IO_STATUS_BLOCK *io, void *buffer, ULONG length, FILE_INFORMATION_CLASS klass,
                                     BOOLEAN single_entry, UNICODE_STRING *mask, BOOLEAN restart_scan)
{
    if (io && !probe_user(io, sizeof(*io), true)) return STATUS_ACCESS_VIOLATION;
    if (!probe_user(buffer, length, true)) return STATUS_ACCESS_VIOLATION;
    struct file *file;
    struct dir_listing *listing;
    struct stat st;
    NTSTATUS status;
    ULONG offset = name_offset(klass), used = 0, *prev_next = NULL;
    (void)apc_context;

    if (!io) return STATUS_ACCESS_VIOLATION;
    if (!offset) return STATUS_INVALID_INFO_CLASS;
    if (length < offset) return STATUS_INFO_LENGTH_MISMATCH;
    /* entries are written into the buffer: one the program cannot write fails the call */
    if (!probe_user(buffer, length, true)) return STATUS_ACCESS_VIOLATION;
    if ((status = file_get(handle, &file))) return status;
    if (event || apc)
    {
        TRACE(STUB, "NtQueryDirectoryFile with an event or APC is not implemented yet");
        status = STATUS_NOT_IMPLEMENTED;
        goto done;
    }
    if (fstat(file->fd, &st) || !S_ISDIR(st.st_mode)) { status = STATUS_INVALID_PARAMETER; goto done; }
    pthread_mutex_lock(&listing_lock);

    if (!(listing = file->listing))
    {
        if (!(listing = calloc(1, sizeof(*listing)))) { status = STATUS_NO_MEMORY; goto unlock; }
        /* the mask of the first query holds for the life of the handle; "*" is no mask at all */
        if (mask && mask->Length && !(mask->Length == sizeof(WCHAR) && mask->Buffer[0] == '*'))
        {
            listing->mask_len = mask->Length / sizeof(WCHAR);
            if (!(listing->mask = malloc(mask->Length)))
            {
                free(listing);
                status = STATUS_NO_MEMORY;
                goto unlock;
            }
            for (size_t i = 0; i < listing->mask_len; i++) listing->mask[i] = upcase(mask->Buffer[i]);
        }
        file->listing = listing;
        restart_scan = TRUE;
    }
    if (restart_scan)
    {
        for (size_t i = 0; i < listing->count; i++) free(listing->names[i]);
        free(listing->names);
        listing->names = NULL;
        listing->count = listing->pos = 0;
        listing->returned_any = false;
        if ((status = read_listing(file, listing))) goto unlock;
    }

    for (; listing->pos < listing->count; listing->pos++)
    {
        const char *name = listing->names[listing->pos];
        size_t wlen;
        WCHAR *wname = utf8_to_wide(name, strlen(name), &wlen);
        ULONG start = (used + 7) & ~7u, bytes, room;
        struct stat est;
        char *entry;

        if (!wname) { status = STATUS_NO_MEMORY; break; }
        /* an entry that vanished since the snapshot is simply not listed */
        if (!name_matches(listing, wname, wlen) || fstatat(file->fd, name, &est, 0))
        {
            free(wname);
            continue;
        }
        bytes = wlen * sizeof(WCHAR);
        if (used && start + offset + bytes > length)
        {
            free(wname);
            break;
        }
        entry = (char *)buffer + start;
        fill_entry(entry, klass, offset, &est, name, bytes);
        room = length - start - offset;
        memcpy(entry + offset, wname, bytes < room ? bytes : room);
        free(wname);
        if (prev_next) *prev_next = start - (ULONG)((char *)prev_next - (char *)buffer);
        prev_next = (ULONG *)entry;
        used = start + offset + (bytes < room ? bytes : room);
        listing->returned_any = true;
        if (bytes > room)
        {
            /* not even the first entry fits: the caller gets what fits and the entry is gone */
            listing->pos++;
            status = STATUS_BUFFER_OVERFLOW;
            break;
        }
        if (single_entry)
        {
            listing->pos++;
            break;
        }
    }
    if (!status && !used) status = listing->returned_any ? STATUS_NO_MORE_FILES : STATUS_NO_SUCH_FILE;
    if (!NT_ERROR(status))
    {
        io->Status = status;
        io->Information = used;
    }
unlock:
    pthread_mutex_unlock(&listing_lock);
done:
    object_release(&file->obj);
    return status;
}
