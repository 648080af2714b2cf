/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* DOS paths: their kinds, full-path resolution against the current directory, and NT names. */
#include "ntdll_private.h"

static inline BOOL is_sep(WCHAR c)
{
    return c == '\\' || c == '/';
}

static inline BOOL is_letter(WCHAR c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

DOS_PATHNAME_TYPE WINAPI RtlDetermineDosPathNameType_U(PCWSTR path)
{
    if (is_sep(path[0]))
    {
        if (!is_sep(path[1])) return ABSOLUTE_PATH;
        if (path[2] != '.' && path[2] != '?') return UNC_PATH;
        if (is_sep(path[3])) return DEVICE_PATH;
        if (path[3]) return UNC_PATH;
        return UNC_DOT_PATH;
    }
    if (!path[0] || path[1] != ':') return RELATIVE_PATH;
    return is_sep(path[2]) ? ABSOLUTE_DRIVE_PATH : RELATIVE_DRIVE_PATH;
}

/*
 * Removes "." and ".." components, repeated separators and the trailing dots
 * and spaces Windows ignores in a component.  `root` is the length of the part
 * that ".." may not climb above ("C:\" or "\\server\share\").
 */
static void collapse(WCHAR *path, size_t root)
{
    WCHAR *out = path + root, *in = path + root;
    while (*in)
    {
        while (is_sep(*in)) in++;
        WCHAR *start = in;
        while (*in && !is_sep(*in)) in++;
        size_t len = in - start;
        if (!len) break;
        if (len == 1 && start[0] == '.') continue;
        if (len == 2 && start[0] == '.' && start[1] == '.')
        {
            if (out > path + root)
            {
                out--;  /* the separator after the previous component */
                while (out > path + root && !is_sep(out[-1])) out--;
            }
            continue;
        }
        /* trailing dots and spaces are not part of a Windows file name */
        size_t keep = len;
        while (keep && (start[keep - 1] == '.' || start[keep - 1] == ' ')) keep--;
        if (!keep) keep = len;
        for (size_t i = 0; i < keep; i++) *out++ = start[i];
        if (is_sep(*in)) *out++ = '\\';
    }
    *out = 0;
}

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

/* The full path of name into a heap buffer, or NULL. */
static WCHAR *full_path(const WCHAR *name)
{
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentTeb()->Peb->ProcessParameters;
    size_t name_len = wlen(name), cwd_len, root;
    WCHAR *buf, *p;

    RtlAcquirePebLock();
    const WCHAR *cwd = params->CurrentDirectory.DosPath.Buffer;
    cwd_len = params->CurrentDirectory.DosPath.Length / sizeof(WCHAR);
    buf = RtlAllocateHeap(process_heap(), 0, (name_len + cwd_len + 8) * sizeof(WCHAR));
    if (!buf) goto done;
    p = buf;
    switch (RtlDetermineDosPathNameType_U(name))
    {
    case UNC_PATH:
    {
        /* \\server\share\ is the root */
        const WCHAR *s = name + 2;
        *p++ = '\\';
        *p++ = '\\';
        int seps = 0;
        while (*s && seps < 2)
        {
            if (is_sep(*s)) { seps++; *p++ = '\\'; s++; while (is_sep(*s)) s++; continue; }
            *p++ = *s++;
        }
        root = p - buf;
        while (*s) *p++ = *s++;
        *p = 0;
        break;
    }
    case DEVICE_PATH:
        /* \\.\ and \\?\ names are taken as given */
        for (size_t i = 0; i <= name_len; i++) buf[i] = is_sep(name[i]) ? '\\' : name[i];
        goto done;
    case UNC_DOT_PATH:
        buf[0] = buf[1] = '\\'; buf[2] = name[2]; buf[3] = '\\'; buf[4] = 0;
        goto done;
    case ABSOLUTE_DRIVE_PATH:
        for (size_t i = 0; i <= name_len; i++) buf[i] = name[i];
        buf[0] = is_letter(buf[0]) && buf[0] >= 'a' ? buf[0] - 0x20 : buf[0];
        root = 3;
        break;
    case RELATIVE_DRIVE_PATH:
    {
        WCHAR drive = name[0] >= 'a' ? name[0] - 0x20 : name[0];
        WCHAR cur = cwd[0] >= 'a' ? cwd[0] - 0x20 : cwd[0];
        if (drive == cur)
        {
            for (size_t i = 0; i < cwd_len; i++) *p++ = cwd[i];
            if (p > buf && !is_sep(p[-1])) *p++ = '\\';
        }
        else { *p++ = drive; *p++ = ':'; *p++ = '\\'; }
        for (size_t i = 2; i <= name_len; i++) *p++ = name[i];
        root = 3;
        break;
    }
    case ABSOLUTE_PATH:
        if (cwd_len >= 2 && cwd[1] == ':') { *p++ = cwd[0]; *p++ = ':'; root = 3; }
        else root = 1;
        for (size_t i = 0; i <= name_len; i++) *p++ = name[i];
        break;
    default:
        for (size_t i = 0; i < cwd_len; i++) *p++ = cwd[i];
        if (p > buf && !is_sep(p[-1])) *p++ = '\\';
        for (size_t i = 0; i <= name_len; i++) *p++ = name[i];
        root = cwd_len >= 3 && cwd[1] == ':' ? 3 : 1;
        break;
    }
    for (WCHAR *q = buf; *q; q++) if (*q == '/') *q = '\\';
    collapse(buf, root);
done:
    RtlReleasePebLock();
    return buf;
}

ULONG WINAPI RtlGetFullPathName_U(PCWSTR name, ULONG size, PWSTR buffer, PWSTR *file_part)
{
    WCHAR *full;
    size_t len;

    if (file_part) *file_part = NULL;
    if (!name || !*name) return 0;
    if (!(full = full_path(name))) return 0;
    len = wlen(full);
    if ((len + 1) * sizeof(WCHAR) > size)
    {
        RtlFreeHeap(process_heap(), 0, full);
        return (len + 1) * sizeof(WCHAR);
    }
    for (size_t i = 0; i <= len; i++) buffer[i] = full[i];
    RtlFreeHeap(process_heap(), 0, full);
    if (file_part && len && buffer[len - 1] != '\\')
    {
        WCHAR *last = buffer + len;
        while (last > buffer && last[-1] != '\\') last--;
        *file_part = last;
    }
    return len * sizeof(WCHAR);
}

NTSTATUS WINAPI RtlDosPathNameToNtPathName_U_WithStatus(PCWSTR dos, PUNICODE_STRING nt, PWSTR *file_part,
                                                        CURDIR *relative)
{
    static const WCHAR prefix[] = { '\\', '?', '?', '\\' };
    static const WCHAR unc[] = { 'U', 'N', 'C', '\\' };
    WCHAR *full, *buf, *p;
    const WCHAR *src;
    size_t len;

    if (relative) { relative->DosPath.Length = relative->DosPath.MaximumLength = 0; relative->DosPath.Buffer = NULL; relative->Handle = NULL; }
    if (file_part) *file_part = NULL;
    if (!dos || !*dos) return STATUS_OBJECT_NAME_INVALID;
    /* \\?\ names skip all processing */
    if (dos[0] == '\\' && dos[1] == '\\' && dos[2] == '?' && dos[3] == '\\')
    {
        full = NULL;
        src = dos + 4;
    }
    else
    {
        if (!(full = full_path(dos))) return STATUS_NO_MEMORY;
        src = full;
    }
    len = wlen(src);
    if (!(buf = RtlAllocateHeap(process_heap(), 0, (len + 8) * sizeof(WCHAR))))
    {
        RtlFreeHeap(process_heap(), 0, full);
        return STATUS_NO_MEMORY;
    }
    p = buf;
    for (size_t i = 0; i < 4; i++) *p++ = prefix[i];
    if (full && src[0] == '\\' && src[1] == '\\')
    {
        if (src[2] == '.' || src[2] == '?') src += 4;   /* \\.\dev -> \??\dev */
        else
        {
            for (size_t i = 0; i < 4; i++) *p++ = unc[i];
            src += 2;
        }
    }
    while (*src) *p++ = *src++;
    *p = 0;
    RtlFreeHeap(process_heap(), 0, full);
    nt->Buffer = buf;
    nt->Length = (p - buf) * sizeof(WCHAR);
    nt->MaximumLength = nt->Length + sizeof(WCHAR);
    if (file_part && p > buf && p[-1] != '\\')
    {
        WCHAR *last = p;
        while (last > buf && last[-1] != '\\') last--;
        *file_part = last;
    }
    return STATUS_SUCCESS;
}

BOOLEAN WINAPI RtlDosPathNameToNtPathName_U(PCWSTR dos, PUNICODE_STRING nt, PWSTR *file_part, CURDIR *relative)
{
    return !RtlDosPathNameToNtPathName_U_WithStatus(dos, nt, file_part, relative);
}

ULONG WINAPI RtlGetCurrentDirectory_U(ULONG size, LPWSTR buffer)
{
    const UNICODE_STRING *cwd;
    ULONG len;

    RtlAcquirePebLock();
    cwd = &NtCurrentTeb()->Peb->ProcessParameters->CurrentDirectory.DosPath;
    len = cwd->Length / sizeof(WCHAR);
    /* the stored form ends with a backslash; only a root keeps it */
    if (len > 3 && cwd->Buffer[len - 1] == '\\') len--;
    if (size < (len + 1) * sizeof(WCHAR)) len = (len + 1) * sizeof(WCHAR);
    else
    {
        for (ULONG i = 0; i < len; i++) buffer[i] = cwd->Buffer[i];
        buffer[len] = 0;
        len *= sizeof(WCHAR);
    }
    RtlReleasePebLock();
    return len;
}

NTSTATUS WINAPI RtlSetCurrentDirectory_U(const UNICODE_STRING *dir)
{
    UNICODE_STRING *cwd = &NtCurrentTeb()->Peb->ProcessParameters->CurrentDirectory.DosPath;
    OBJECT_ATTRIBUTES attr;
    FILE_BASIC_INFORMATION info;
    UNICODE_STRING nt;
    NTSTATUS status;
    WCHAR *name, *full;
    size_t len;

    if (!(name = RtlAllocateHeap(process_heap(), 0, dir->Length + sizeof(WCHAR)))) return STATUS_NO_MEMORY;
    memcpy(name, dir->Buffer, dir->Length);
    name[dir->Length / sizeof(WCHAR)] = 0;
    full = full_path(name);
    RtlFreeHeap(process_heap(), 0, name);
    if (!full) return STATUS_NO_MEMORY;

    if ((status = RtlDosPathNameToNtPathName_U_WithStatus(full, &nt, NULL, NULL))) goto done;
    InitializeObjectAttributes(&attr, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL);
    status = NtQueryAttributesFile(&attr, &info);
    RtlFreeHeap(process_heap(), 0, nt.Buffer);
    if (status) goto done;
    if (!(info.FileAttributes & FILE_ATTRIBUTE_DIRECTORY)) { status = STATUS_NOT_A_DIRECTORY; goto done; }

    len = wlen(full);
    if (len && full[len - 1] != '\\') { full[len++] = '\\'; full[len] = 0; }
    RtlAcquirePebLock();
    if ((len + 1) * sizeof(WCHAR) > cwd->MaximumLength)
    {
        WCHAR *bigger = RtlAllocateHeap(process_heap(), 0, (len + 1) * sizeof(WCHAR));
        if (!bigger) status = STATUS_NO_MEMORY;
        else
        {
            /* the old buffer may still be read by a caller of GetCurrentDirectory; keep it */
            cwd->Buffer = bigger;
            cwd->MaximumLength = (len + 1) * sizeof(WCHAR);
        }
    }
    if (!status)
    {
        memcpy(cwd->Buffer, full, (len + 1) * sizeof(WCHAR));
        cwd->Length = len * sizeof(WCHAR);
    }
    RtlReleasePebLock();
done:
    RtlFreeHeap(process_heap(), 0, full);
    return status;
}

PEB *WINAPI RtlGetCurrentPeb(void)
{
    return NtCurrentTeb()->Peb;
}

NTSTATUS WINAPI RtlGetVersion(RTL_OSVERSIONINFOEXW *info)
{
    PEB *peb = NtCurrentTeb()->Peb;
    if (info->dwOSVersionInfoSize != sizeof(RTL_OSVERSIONINFOW) && info->dwOSVersionInfoSize != sizeof(*info))
        return STATUS_INVALID_PARAMETER;
    info->dwMajorVersion = peb->OSMajorVersion;
    info->dwMinorVersion = peb->OSMinorVersion;
    info->dwBuildNumber = peb->OSBuildNumber;
    info->dwPlatformId = peb->OSPlatformId;
    info->szCSDVersion[0] = 0;
    if (info->dwOSVersionInfoSize == sizeof(*info))
    {
        info->wServicePackMajor = info->wServicePackMinor = 0;
        info->wSuiteMask = VER_SUITE_SINGLEUSERTS;
        info->wProductType = VER_NT_WORKSTATION;
        info->wReserved = 0;
    }
    return STATUS_SUCCESS;
}

void WINAPI RtlGetNtVersionNumbers(ULONG *major, ULONG *minor, ULONG *build)
{
    PEB *peb = NtCurrentTeb()->Peb;
    if (major) *major = peb->OSMajorVersion;
    if (minor) *minor = peb->OSMinorVersion;
    /* the top bits mark a free (retail) build */
    if (build) *build = 0xf0000000 | peb->OSBuildNumber;
}
