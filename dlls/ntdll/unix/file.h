/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The file object, shared by file.c (open, read, write, information) and directory.c (listings). */
#ifndef WRING_UNIX_FILE_H
#define WRING_UNIX_FILE_H

#include <sys/stat.h>
#include "async.h"

struct inode;
struct dir_listing;

struct file
{
    struct object obj;
    int fd;
    ACCESS_MASK access;
    ULONG sharing;          /* FILE_SHARE_* granted to later opens of the same file */
    ULONG options;          /* FILE_SYNCHRONOUS_IO_*, FILE_DELETE_ON_CLOSE ... */
    char *unix_path;        /* NULL for the std handles */
    bool delete_on_close;
    struct inode *inode;    /* the open-file record used for sharing and deletion; NULL for std handles */
    struct file *next_on_inode;
    struct dir_listing *listing; /* a directory's snapshot for NtQueryDirectoryFile, made on first use */
    bool seekable;          /* regular files and block devices; pipes and terminals have no offsets */
    struct file_async async;    /* overlapped I/O: port binding, skip modes, requests (async.c) */
};

/* A new reference on the file object behind a handle. */
NTSTATUS file_get(HANDLE handle, struct file **file);
/* Windows attributes and times of a stat result; unix_path decides the hidden attribute (dot files). */
ULONG attributes_from_stat(const struct stat *st, const char *unix_path);
LONGLONG unix_time_to_nt(const struct timespec *ts);

/* directory.c */
void dir_listing_free(struct dir_listing *listing);

#endif
