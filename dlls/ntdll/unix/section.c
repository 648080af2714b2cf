/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Sections: what CreateFileMapping makes.  A section is a file descriptor and a
 * size: the file's own descriptor (duplicated, so the section outlives the file
 * handle) for a file-backed one, a memfd for one backed by the paging file, so
 * that every view of it -- mmap'ed MAP_SHARED -- sees the same pages.  Views are
 * entered in virtual.c's table as MEM_MAPPED allocations.  Names are those of
 * events and mutexes (syncobj.c), one namespace as on Windows.
 * Image sections (SEC_IMAGE) are the loader's business and are not made here.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "file.h"
#include "private.h"

#define GRANULARITY 0x10000ULL

struct section
{
    struct object obj;
    int fd;
    ULONGLONG size;
    ULONG protect;          /* the page protection it was created with: the most its views may have */
    ULONG attributes;       /* SEC_COMMIT, SEC_FILE ... as NtQuerySection reports them */
    dev_t dev;              /* the file of a file-backed section */
    ino_t ino;
};

/*
 * The files that sections and views map.  Windows will not shrink such a file (a shorter end
 * of file, an overwriting open: STATUS_USER_MAPPED_FILE) while a section object or a view of
 * it exists; on Linux the pages cut off would fault in whoever reads them.  Each file-backed
 * section counts once, and each view once, since a view outlives its section's handles.
 */
struct mapped_file
{
    dev_t dev;
    ino_t ino;
    const char *view;       /* a view's extent, or NULL for a section */
    SIZE_T size;
    struct mapped_file *next;
};

static struct mapped_file *mapped_files;
static pthread_mutex_t mapped_lock = PTHREAD_MUTEX_INITIALIZER;

static bool mapped_add(dev_t dev, ino_t ino, const void *view, SIZE_T size)
{
    struct mapped_file *entry = malloc(sizeof(*entry));
    if (!entry) return false;
    entry->dev = dev;
    entry->ino = ino;
    entry->view = view;
    entry->size = size;
    pthread_mutex_lock(&mapped_lock);
    entry->next = mapped_files;
    mapped_files = entry;
    pthread_mutex_unlock(&mapped_lock);
    return true;
}

/* Forgets the section of this file (view NULL) or the view holding address view; called under mapped_lock. */
static void mapped_remove(dev_t dev, ino_t ino, const char *view)
{
    for (struct mapped_file **p = &mapped_files; *p; p = &(*p)->next)
    {
        struct mapped_file *entry = *p;
        bool match = view ? entry->view && view >= entry->view && view < entry->view + entry->size
                          : !entry->view && entry->dev == dev && entry->ino == ino;
        if (!match) continue;
        *p = entry->next;
        free(entry);
        return;
    }
}

bool section_file_is_mapped(const struct stat *st)
{
    bool mapped = false;
    pthread_mutex_lock(&mapped_lock);
    for (struct mapped_file *entry = mapped_files; entry && !mapped; entry = entry->next)
        mapped = entry->dev == st->st_dev && entry->ino == st->st_ino;
    pthread_mutex_unlock(&mapped_lock);
    return mapped;
}

static void section_destroy(struct object *obj)
{
    struct section *section = (struct section *)obj;
    object_unname(obj);
    if (section->attributes & SEC_FILE)
    {
        pthread_mutex_lock(&mapped_lock);
        mapped_remove(section->dev, section->ino, NULL);
        pthread_mutex_unlock(&mapped_lock);
    }
    if (section->fd >= 0) close(section->fd);
    free(section);
}

const struct object_ops section_ops = { "section", section_destroy, NULL, NULL };

/* The protections a section (and a view) may have: one base protection, no modifiers. */
static bool valid_section_protect(ULONG protect)
{
    switch (protect)
    {
    case PAGE_READONLY: case PAGE_READWRITE: case PAGE_WRITECOPY:
    case PAGE_EXECUTE: case PAGE_EXECUTE_READ: case PAGE_EXECUTE_READWRITE: case PAGE_EXECUTE_WRITECOPY:
        return true;
    default:
        return false;
    }
}

static bool protect_writes(ULONG protect)
{
    return protect == PAGE_READWRITE || protect == PAGE_EXECUTE_READWRITE;
}

static bool protect_executes(ULONG protect)
{
    return protect >= PAGE_EXECUTE;
}

static bool protect_copies(ULONG protect)
{
    return protect == PAGE_WRITECOPY || protect == PAGE_EXECUTE_WRITECOPY;
}

/* The file access a section of this protection needs: data it reads, and writes back when shared. */
static ACCESS_MASK file_access_needed(ULONG protect)
{
    ACCESS_MASK needed = FILE_READ_DATA;
    if (protect_writes(protect)) needed |= FILE_WRITE_DATA;
    if (protect_executes(protect)) needed |= FILE_EXECUTE;
    return needed;
}

static NTSTATUS file_backing(struct section *section, HANDLE handle, const LARGE_INTEGER *size)
{
    struct file *file;
    struct stat st;
    NTSTATUS status;

    if ((status = file_get(handle, &file))) return status;
    if ((file->access & file_access_needed(section->protect)) != file_access_needed(section->protect))
        status = STATUS_ACCESS_DENIED;
    else if (fstat(file->fd, &st)) status = status_from_errno(errno);
    else if (!S_ISREG(st.st_mode)) status = STATUS_INVALID_FILE_FOR_SECTION;
    else if (!size || !size->QuadPart)
    {
        /* the whole file; an empty one cannot be mapped without a size */
        if (!st.st_size) status = STATUS_MAPPED_FILE_SIZE_ZERO;
        section->size = st.st_size;
    }
    else if (size->QuadPart < 0) status = STATUS_INVALID_PARAMETER;
    else
    {
        section->size = size->QuadPart;
        /* a larger section grows its file, which only a writable one may */
        if (section->size > (ULONGLONG)st.st_size)
        {
            if (!protect_writes(section->protect)) status = STATUS_SECTION_TOO_BIG;
            else if (ftruncate(file->fd, section->size)) status = status_from_errno(errno);
        }
    }
    if (!status && (section->fd = fcntl(file->fd, F_DUPFD_CLOEXEC, 0)) < 0) status = status_from_errno(errno);
    object_release(&file->obj);
    if (status) return status;
    if (!mapped_add(st.st_dev, st.st_ino, NULL, 0)) return STATUS_NO_MEMORY;
    section->dev = st.st_dev;
    section->ino = st.st_ino;
    section->attributes = SEC_FILE | SEC_COMMIT;
    return STATUS_SUCCESS;
}

static NTSTATUS anonymous_backing(struct section *section, const LARGE_INTEGER *size)
{
    if (!size || size->QuadPart <= 0) return STATUS_INVALID_PARAMETER_4;
    /* the paging file hands out whole pages */
    section->size = (size->QuadPart + 0xfff) & ~0xfffULL;
    if ((section->fd = memfd_create("wring-section", MFD_CLOEXEC)) < 0)
        return errno == EMFILE || errno == ENFILE ? STATUS_TOO_MANY_OPENED_FILES : status_from_errno(errno);
    /* the pages are taken when touched, so a large section costs nothing until it is used */
    if (ftruncate(section->fd, section->size)) return errno == EFBIG ? STATUS_SECTION_TOO_BIG : status_from_errno(errno);
    section->attributes = SEC_COMMIT;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtCreateSection(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr,
                                const LARGE_INTEGER *size, ULONG protect, ULONG sec_flags, HANDLE file)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (size && !probe_user((void *)size, sizeof(*size), false)) return STATUS_ACCESS_VIOLATION;
    struct section *section;
    NTSTATUS status;

    if (!handle) return STATUS_ACCESS_VIOLATION;
    if (!valid_section_protect(protect)) return STATUS_INVALID_PAGE_PROTECTION;
    if (sec_flags & SEC_IMAGE)
    {
        TRACE(STUB, "NtCreateSection: SEC_IMAGE not supported");
        return STATUS_NOT_SUPPORTED;
    }
    /* the cache and large-page hints change nothing here; reserve-only sections are not made */
    if (sec_flags & ~(SEC_COMMIT | SEC_NOCACHE | SEC_WRITECOMBINE | SEC_LARGE_PAGES))
    {
        TRACE(STUB, "NtCreateSection: flags %#x not supported", (unsigned)sec_flags);
        return STATUS_INVALID_PARAMETER_6;
    }
    if (!(section = calloc(1, sizeof(*section)))) return STATUS_NO_MEMORY;
    object_init(&section->obj, &section_ops);
    section->fd = -1;
    section->protect = protect;
    status = file ? file_backing(section, file, size) : anonymous_backing(section, size);
    if (status)
    {
        object_release(&section->obj);
        return status;
    }
    return sync_create_named(handle, access, attr, &section->obj);
}

NTSTATUS WINAPI NtOpenSection(HANDLE *handle, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr)
{
    if (check_attributes(attr)) return STATUS_ACCESS_VIOLATION;
    if (handle && !probe_user(handle, sizeof(*handle), true)) return STATUS_ACCESS_VIOLATION;
    return sync_open_named(handle, access, attr, &section_ops);
}

/* The handle rights a view of this protection needs. */
static ACCESS_MASK view_access_needed(ULONG protect)
{
    ACCESS_MASK needed = protect_writes(protect) ? SECTION_MAP_WRITE : SECTION_MAP_READ;
    if (protect_executes(protect)) needed |= SECTION_MAP_EXECUTE;
    return needed;
}

/* Whether a section created with one protection allows a view with another. */
static bool view_protect_allowed(ULONG section_protect, ULONG view_protect)
{
    if (view_protect == PAGE_NOACCESS) return true;
    if (protect_executes(view_protect) && !protect_executes(section_protect)) return false;
    /* a shared writable view needs a writable section; a copy-on-write one writes nothing back */
    if (protect_writes(view_protect) && !protect_writes(section_protect)) return false;
    /* PAGE_EXECUTE is the one protection that does not read */
    return section_protect != PAGE_EXECUTE || view_protect == PAGE_EXECUTE;
}

NTSTATUS WINAPI NtMapViewOfSection(HANDLE handle, HANDLE process, void **base, ULONG_PTR zero_bits,
                                   SIZE_T commit_size, const LARGE_INTEGER *offset_ptr, SIZE_T *size_ptr,
                                   SECTION_INHERIT inherit, ULONG alloc_type, ULONG protect)
{
    if (base && !probe_user(base, sizeof(*base), true)) return STATUS_ACCESS_VIOLATION;
    if (offset_ptr && !probe_user((void *)offset_ptr, sizeof(*offset_ptr), false)) return STATUS_ACCESS_VIOLATION;
    if (size_ptr && !probe_user(size_ptr, sizeof(*size_ptr), true)) return STATUS_ACCESS_VIOLATION;
    struct section *section;
    ULONGLONG offset = offset_ptr ? offset_ptr->QuadPart : 0;
    SIZE_T size;
    NTSTATUS status;
    void *addr;

    if (!base || !size_ptr) return STATUS_ACCESS_VIOLATION;
    /* a view may also be inaccessible, to be opened up later with VirtualProtect */
    if (protect != PAGE_NOACCESS && !valid_section_protect(protect)) return STATUS_INVALID_PAGE_PROTECTION;
    if ((status = handle_ref_access(handle, &section_ops, view_access_needed(protect), (struct object **)&section)))
        /* a handle of another object is no section handle at all */
        return status == STATUS_OBJECT_TYPE_MISMATCH ? STATUS_INVALID_HANDLE : status;
    if ((status = check_process(process))) goto done;
    if (zero_bits)
    {
        TRACE(STUB, "NtMapViewOfSection: zero_bits %#lx not supported", (unsigned long)zero_bits);
        status = STATUS_INVALID_PARAMETER_4;
        goto done;
    }
    if (alloc_type & ~(MEM_TOP_DOWN | MEM_RESERVE))
    {
        status = STATUS_INVALID_PARAMETER_9;
        goto done;
    }
    if (!view_protect_allowed(section->protect, protect))
    {
        status = STATUS_SECTION_PROTECTION;
        goto done;
    }
    /* views start on the allocation granularity, in the section and in memory */
    if ((offset_ptr && offset_ptr->QuadPart < 0) || (offset & (GRANULARITY - 1)) ||
        ((ULONG_PTR)*base & (GRANULARITY - 1)))
    {
        status = STATUS_MAPPED_ALIGNMENT;
        goto done;
    }
    if (offset >= section->size)
    {
        status = STATUS_INVALID_PARAMETER;
        goto done;
    }
    if (*size_ptr > section->size - offset)
    {
        status = STATUS_INVALID_VIEW_SIZE;
        goto done;
    }
    size = *size_ptr ? *size_ptr : section->size - offset;
    addr = *base;
    if ((status = virtual_map_view(&addr, size, section->fd, offset, protect_copies(protect), protect))) goto done;
    if ((section->attributes & SEC_FILE) && !mapped_add(section->dev, section->ino, addr, size))
    {
        virtual_unmap_view(addr);
        status = STATUS_NO_MEMORY;
        goto done;
    }
    *base = addr;
    *size_ptr = (size + 0xfff) & ~(SIZE_T)0xfff;
done:
    object_release(&section->obj);
    return status;
}

NTSTATUS WINAPI NtUnmapViewOfSection(HANDLE process, void *addr)
{
    NTSTATUS status;

    if ((status = check_process(process))) return status;
    /* under mapped_lock, so that no new view at the same address is counted before this one goes */
    pthread_mutex_lock(&mapped_lock);
    if (!(status = virtual_unmap_view(addr))) mapped_remove(0, 0, addr);
    pthread_mutex_unlock(&mapped_lock);
    return status;
}

NTSTATUS WINAPI NtQuerySection(HANDLE handle, SECTION_INFORMATION_CLASS klass, void *info, SIZE_T length,
                               SIZE_T *result)
{
    if (!probe_user(info, length, true)) return STATUS_ACCESS_VIOLATION;
    if (result && !probe_user(result, sizeof(*result), true)) return STATUS_ACCESS_VIOLATION;
    SECTION_BASIC_INFORMATION basic = { 0 };
    struct section *section;
    NTSTATUS status;

    if (klass != SectionBasicInformation)
    {
        TRACE(STUB, "NtQuerySection: class %d not implemented", klass);
        return STATUS_INVALID_INFO_CLASS;
    }
    if (length < sizeof(basic)) return STATUS_INFO_LENGTH_MISMATCH;
    if ((status = handle_ref_access(handle, &section_ops, SECTION_QUERY, (struct object **)&section))) return status;
    basic.Attributes = section->attributes;
    basic.Size.QuadPart = section->size;
    object_release(&section->obj);
    if (!write_user(info, &basic, sizeof(basic))) return STATUS_ACCESS_VIOLATION;
    if (result && !write_user(result, &(SIZE_T){ sizeof(basic) }, sizeof(SIZE_T))) return STATUS_ACCESS_VIOLATION;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI NtFlushVirtualMemory(HANDLE process, const void **addr, SIZE_T *size, ULONG unknown)
{
    if (addr && !probe_user((void *)addr, sizeof(*addr), false)) return STATUS_ACCESS_VIOLATION;
    if (size && !probe_user(size, sizeof(*size), true)) return STATUS_ACCESS_VIOLATION;
    NTSTATUS bad_process = check_process(process);
    if (bad_process) return bad_process;
    if (!addr || !size) return STATUS_ACCESS_VIOLATION;
    return virtual_flush_view(addr, size);
}
