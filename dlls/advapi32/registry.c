/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Win32 registry over ntdll's key objects (dlls/ntdll/unix/registry.c).
 * An HKEY is an NT key handle; the predefined keys are opened on first use:
 *
 *   HKEY_LOCAL_MACHINE    \Registry\Machine
 *   HKEY_CURRENT_USER     \Registry\User\<the token's user SID>
 *   HKEY_USERS            \Registry\User
 *   HKEY_CLASSES_ROOT     \Registry\Machine\Software\Classes
 *   HKEY_CURRENT_CONFIG   \Registry\Machine\System\CurrentControlSet\Hardware Profiles\Current
 *
 * Windows shows HKEY_CLASSES_ROOT as HKCU\Software\Classes laid over
 * HKLM\Software\Classes.  Here it is the machine's half alone: with one user
 * on the machine, what a program registers for itself and for everyone ends
 * up in the same place, and the merged view's rules (which half a new key
 * goes to) have nothing to choose between.
 *
 * The ANSI functions convert names and string data with the ANSI code page
 * and call the wide ones or ntdll.
 */
#include "advapi32_private.h"
#include "winreg.h"

#define HKEY_SPECIAL_FIRST ((ULONG_PTR)HKEY_CLASSES_ROOT)
#define HKEY_SPECIAL_COUNT 7   /* HKEY_CLASSES_ROOT .. HKEY_DYN_DATA */
static HANDLE special_keys[HKEY_SPECIAL_COUNT];

static void *heap_alloc(SIZE_T size)
{
    return RtlAllocateHeap(NtCurrentTeb()->Peb->ProcessHeap, 0, size);
}

static void heap_free(void *ptr)
{
    RtlFreeHeap(NtCurrentTeb()->Peb->ProcessHeap, 0, ptr);
}

static BOOL is_special_key(HKEY key)
{
    ULONG_PTR value = (ULONG_PTR)key;
    return value >= HKEY_SPECIAL_FIRST && value < HKEY_SPECIAL_FIRST + HKEY_SPECIAL_COUNT;
}

/* S-1-5-21-... for the process token's user, the name of its key under \Registry\User */
static NTSTATUS user_key_name(WCHAR *buf, SIZE_T count)
{
    static const WCHAR prefix[] = L"\\Registry\\User\\S-1-";
    BYTE info[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
    HANDLE token;
    ULONG len;
    NTSTATUS status;
    SID *sid;
    WCHAR *p = buf, *end = buf + count - 12;

    if ((status = NtOpenProcessToken(NtCurrentProcess(), TOKEN_QUERY, &token))) return status;
    status = NtQueryInformationToken(token, TokenUser, info, sizeof(info), &len);
    NtClose(token);
    if (status) return status;
    sid = ((TOKEN_USER *)info)->User.Sid;
    wcscpy(p, prefix);
    p += wcslen(p);
    /* the authority, as one number: it fits in 32 bits for every SID Windows issues */
    ULONG authority = (ULONG)sid->IdentifierAuthority.Value[2] << 24 | (ULONG)sid->IdentifierAuthority.Value[3] << 16 |
                      (ULONG)sid->IdentifierAuthority.Value[4] << 8 | sid->IdentifierAuthority.Value[5];
    for (int i = -1; i < sid->SubAuthorityCount && p < end; i++)
    {
        WCHAR digits[11];
        ULONG n = i < 0 ? authority : sid->SubAuthority[i], k = 0;
        if (i >= 0) *p++ = '-';
        do digits[k++] = '0' + n % 10; while (n /= 10);
        while (k) *p++ = digits[--k];
    }
    *p = 0;
    return STATUS_SUCCESS;
}

static NTSTATUS open_special_key(HKEY key, HANDLE *handle)
{
    static const WCHAR *const names[HKEY_SPECIAL_COUNT] =
    {
        L"\\Registry\\Machine\\Software\\Classes",
        NULL,
        L"\\Registry\\Machine",
        L"\\Registry\\User",
        NULL,
        L"\\Registry\\Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current",
        NULL,
    };
    ULONG index = (ULONG_PTR)key - HKEY_SPECIAL_FIRST;
    WCHAR user[96];
    const WCHAR *name = names[index];
    OBJECT_ATTRIBUTES attr;
    UNICODE_STRING str;
    HANDLE opened, previous;
    NTSTATUS status;

    if ((*handle = special_keys[index])) return STATUS_SUCCESS;
    if (key == HKEY_CURRENT_USER)
    {
        if ((status = user_key_name(user, ARRAYSIZE(user)))) return status;
        name = user;
    }
    /* HKEY_PERFORMANCE_DATA and HKEY_DYN_DATA are not keys of any store */
    if (!name) return STATUS_INVALID_HANDLE;
    RtlInitUnicodeString(&str, name);
    InitializeObjectAttributes(&attr, &str, 0, NULL, NULL);
    if ((status = NtOpenKey(&opened, MAXIMUM_ALLOWED, &attr))) return status;
    /* two threads may open it at once: the first one's handle is kept */
    previous = InterlockedCompareExchangePointer(&special_keys[index], opened, NULL);
    if (previous) NtClose(opened);
    *handle = previous ? previous : opened;
    return STATUS_SUCCESS;
}

static NTSTATUS get_key(HKEY key, HANDLE *handle)
{
    if (!key) return STATUS_INVALID_HANDLE;
    if (is_special_key(key)) return open_special_key(key, handle);
    *handle = key;
    return STATUS_SUCCESS;
}

static LSTATUS win32_error(NTSTATUS status)
{
    return status ? RtlNtStatusToDosError(status) : ERROR_SUCCESS;
}

/* A wide copy of an ANSI string on the heap; NULL for NULL (and when memory runs out, *failed set). */
static WCHAR *ansi_to_wide(const char *s, BOOL *failed)
{
    ULONG len, size;
    WCHAR *w;

    if (!s) return NULL;
    len = strlen(s) + 1;
    RtlMultiByteToUnicodeSize(&size, s, len);
    if (!(w = heap_alloc(size)))
    {
        *failed = TRUE;
        return NULL;
    }
    RtlMultiByteToUnicodeN(w, size, NULL, s, len);
    return w;
}

static BOOL is_string_type(DWORD type)
{
    return type == REG_SZ || type == REG_EXPAND_SZ || type == REG_MULTI_SZ;
}

/* ------------------------------------------------------------------ opening and creating */

LSTATUS WINAPI RegOpenKeyExW(HKEY key, const WCHAR *subkey, DWORD options, REGSAM access, HKEY *result)
{
    OBJECT_ATTRIBUTES attr;
    UNICODE_STRING name;
    HANDLE root;
    NTSTATUS status;

    if (!result) return ERROR_INVALID_PARAMETER;
    *result = NULL;
    if ((status = get_key(key, &root))) return win32_error(status);
    /* an empty name gives a predefined key back as itself */
    if ((!subkey || !*subkey) && is_special_key(key))
    {
        *result = key;
        return ERROR_SUCCESS;
    }
    RtlInitUnicodeString(&name, subkey ? subkey : L"");
    InitializeObjectAttributes(&attr, &name, 0, root, NULL);
    return win32_error(NtOpenKeyEx((HANDLE *)result, access, &attr, options & REG_OPTION_OPEN_LINK));
}

LSTATUS WINAPI RegOpenKeyExA(HKEY key, const char *subkey, DWORD options, REGSAM access, HKEY *result)
{
    BOOL failed = FALSE;
    WCHAR *w = ansi_to_wide(subkey, &failed);
    LSTATUS ret = failed ? ERROR_NOT_ENOUGH_MEMORY : RegOpenKeyExW(key, w, options, access, result);
    heap_free(w);
    return ret;
}

/* The old calls: an empty name hands back the key passed in, not a new handle. */
LSTATUS WINAPI RegOpenKeyW(HKEY key, const WCHAR *subkey, HKEY *result)
{
    if (!result) return ERROR_INVALID_PARAMETER;
    if (!subkey || !*subkey)
    {
        *result = key;
        return key ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
    }
    return RegOpenKeyExW(key, subkey, 0, MAXIMUM_ALLOWED, result);
}

LSTATUS WINAPI RegOpenKeyA(HKEY key, const char *subkey, HKEY *result)
{
    if (!result) return ERROR_INVALID_PARAMETER;
    if (!subkey || !*subkey)
    {
        *result = key;
        return key ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
    }
    return RegOpenKeyExA(key, subkey, 0, MAXIMUM_ALLOWED, result);
}

/* NtCreateKey makes one key, so the path is walked a name at a time, each created as needed. */
LSTATUS WINAPI RegCreateKeyExW(HKEY key, const WCHAR *subkey, DWORD reserved, WCHAR *class, DWORD options,
                               REGSAM access, SECURITY_ATTRIBUTES *sa, HKEY *result, DWORD *disposition)
{
    OBJECT_ATTRIBUTES attr;
    UNICODE_STRING name, class_str;
    HANDLE root, parent, created = NULL;
    const WCHAR *p = subkey ? subkey : L"";
    ULONG dispos = REG_OPENED_EXISTING_KEY;
    NTSTATUS status;
    (void)reserved; (void)sa;

    if (!result) return ERROR_BADKEY;
    *result = NULL;
    if ((status = get_key(key, &root))) return win32_error(status);
    if (*p == '\\') return ERROR_BAD_PATHNAME;
    RtlInitUnicodeString(&class_str, class);
    parent = root;
    do
    {
        const WCHAR *end = p;
        while (*end && *end != '\\') end++;
        const WCHAR *next = end;
        while (*next == '\\') next++;
        BOOL last = !*next;
        name.Buffer = (WCHAR *)p;
        name.Length = name.MaximumLength = (end - p) * sizeof(WCHAR);
        InitializeObjectAttributes(&attr, &name, 0, parent, NULL);
        status = NtCreateKey(&created, last ? access : KEY_CREATE_SUB_KEY, &attr, 0, last ? &class_str : NULL,
                             options & ~REG_OPTION_OPEN_LINK, &dispos);
        if (parent != root) NtClose(parent);
        parent = created;
        p = next;
    } while (!status && *p);
    if (status) return win32_error(status);
    *result = created;
    if (disposition) *disposition = dispos;
    return ERROR_SUCCESS;
}

LSTATUS WINAPI RegCreateKeyExA(HKEY key, const char *subkey, DWORD reserved, char *class, DWORD options,
                               REGSAM access, SECURITY_ATTRIBUTES *sa, HKEY *result, DWORD *disposition)
{
    BOOL failed = FALSE;
    WCHAR *w = ansi_to_wide(subkey, &failed), *wclass = ansi_to_wide(class, &failed);
    LSTATUS ret = failed ? ERROR_NOT_ENOUGH_MEMORY
                         : RegCreateKeyExW(key, w, reserved, wclass, options, access, sa, result, disposition);
    heap_free(wclass);
    heap_free(w);
    return ret;
}

LSTATUS WINAPI RegCreateKeyW(HKEY key, const WCHAR *subkey, HKEY *result)
{
    if (!result) return ERROR_INVALID_PARAMETER;
    if (!subkey || !*subkey)
    {
        *result = key;
        return key ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
    }
    return RegCreateKeyExW(key, subkey, 0, NULL, 0, MAXIMUM_ALLOWED, NULL, result, NULL);
}

LSTATUS WINAPI RegCreateKeyA(HKEY key, const char *subkey, HKEY *result)
{
    if (!result) return ERROR_INVALID_PARAMETER;
    if (!subkey || !*subkey)
    {
        *result = key;
        return key ? ERROR_SUCCESS : ERROR_INVALID_HANDLE;
    }
    return RegCreateKeyExA(key, subkey, 0, NULL, 0, MAXIMUM_ALLOWED, NULL, result, NULL);
}

LSTATUS WINAPI RegCloseKey(HKEY key)
{
    if (!key) return ERROR_INVALID_HANDLE;
    /* closing a predefined key is allowed and changes nothing */
    if (is_special_key(key)) return ERROR_SUCCESS;
    return win32_error(NtClose(key));
}

LSTATUS WINAPI RegFlushKey(HKEY key)
{
    HANDLE handle;
    NTSTATUS status = get_key(key, &handle);
    return win32_error(status ? status : NtFlushKey(handle));
}

/* ------------------------------------------------------------------ deleting */

LSTATUS WINAPI RegDeleteKeyExW(HKEY key, const WCHAR *subkey, REGSAM access, DWORD reserved)
{
    HKEY target;
    LSTATUS ret;
    (void)reserved;

    if (!subkey) return ERROR_INVALID_PARAMETER;
    if ((ret = RegOpenKeyExW(key, subkey, 0, DELETE | (access & (KEY_WOW64_32KEY | KEY_WOW64_64KEY)), &target)))
        return ret;
    /* "" names the key itself; a predefined key opened that way is still not ours to delete */
    ret = is_special_key(target) ? ERROR_ACCESS_DENIED : win32_error(NtDeleteKey(target));
    RegCloseKey(target);
    return ret;
}

LSTATUS WINAPI RegDeleteKeyExA(HKEY key, const char *subkey, REGSAM access, DWORD reserved)
{
    BOOL failed = FALSE;
    WCHAR *w;
    LSTATUS ret;

    if (!subkey) return ERROR_INVALID_PARAMETER;
    w = ansi_to_wide(subkey, &failed);
    ret = failed ? ERROR_NOT_ENOUGH_MEMORY : RegDeleteKeyExW(key, w, access, reserved);
    heap_free(w);
    return ret;
}

LSTATUS WINAPI RegDeleteKeyW(HKEY key, const WCHAR *subkey)
{
    return RegDeleteKeyExW(key, subkey, 0, 0);
}

LSTATUS WINAPI RegDeleteKeyA(HKEY key, const char *subkey)
{
    return RegDeleteKeyExA(key, subkey, 0, 0);
}

LSTATUS WINAPI RegDeleteValueW(HKEY key, const WCHAR *value)
{
    UNICODE_STRING name;
    HANDLE handle;
    NTSTATUS status;

    if ((status = get_key(key, &handle))) return win32_error(status);
    RtlInitUnicodeString(&name, value);
    return win32_error(NtDeleteValueKey(handle, &name));
}

LSTATUS WINAPI RegDeleteValueA(HKEY key, const char *value)
{
    BOOL failed = FALSE;
    WCHAR *w = ansi_to_wide(value, &failed);
    LSTATUS ret = failed ? ERROR_NOT_ENOUGH_MEMORY : RegDeleteValueW(key, w);
    heap_free(w);
    return ret;
}

/* The subkeys and values of the key, then (when a subkey is named) the key itself. */
LSTATUS WINAPI RegDeleteTreeW(HKEY key, const WCHAR *subkey)
{
    WCHAR name[256];
    DWORD len;
    HKEY target;
    LSTATUS ret;

    if ((ret = RegOpenKeyExW(key, subkey, 0, KEY_READ | KEY_SET_VALUE | DELETE, &target))) return ret;
    /* deleting the first one each time: the indexes move down as keys go */
    for (;;)
    {
        len = ARRAYSIZE(name);
        if ((ret = RegEnumKeyExW(target, 0, name, &len, NULL, NULL, NULL, NULL))) break;
        if ((ret = RegDeleteTreeW(target, name))) break;
    }
    if (ret == ERROR_NO_MORE_ITEMS)
    {
        WCHAR *value_name = NULL;
        DWORD max_len;
        if (!(ret = RegQueryInfoKeyW(target, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &max_len, NULL, NULL, NULL)))
        {
            if (!(value_name = heap_alloc((max_len + 1) * sizeof(WCHAR)))) ret = ERROR_NOT_ENOUGH_MEMORY;
            while (!ret)
            {
                len = max_len + 1;
                if (!(ret = RegEnumValueW(target, 0, value_name, &len, NULL, NULL, NULL, NULL)))
                    ret = RegDeleteValueW(target, value_name);
            }
            heap_free(value_name);
        }
    }
    if (ret == ERROR_NO_MORE_ITEMS) ret = subkey && *subkey ? RegDeleteKeyW(key, subkey) : ERROR_SUCCESS;
    RegCloseKey(target);
    return ret;
}

/* ------------------------------------------------------------------ values */

LSTATUS WINAPI RegSetValueExW(HKEY key, const WCHAR *value, DWORD reserved, DWORD type, const BYTE *data,
                              DWORD size)
{
    UNICODE_STRING name;
    HANDLE handle;
    NTSTATUS status;
    (void)reserved;

    if (!data && size) return ERROR_NOACCESS;
    if ((status = get_key(key, &handle))) return win32_error(status);
    /* Windows counts in the terminator a caller left out of a string's size but wrote after it */
    if (is_string_type(type) && size >= sizeof(WCHAR) && !(size & 1))
    {
        const WCHAR *str = (const WCHAR *)data;
        if (str[size / sizeof(WCHAR) - 1] && !str[size / sizeof(WCHAR)]) size += sizeof(WCHAR);
    }
    RtlInitUnicodeString(&name, value);
    return win32_error(NtSetValueKey(handle, &name, 0, type, data, size));
}

LSTATUS WINAPI RegSetValueExA(HKEY key, const char *value, DWORD reserved, DWORD type, const BYTE *data,
                              DWORD size)
{
    BOOL failed = FALSE;
    WCHAR *w = NULL, *wname;
    ULONG wsize = size;
    LSTATUS ret;

    if (!data && size) return ERROR_NOACCESS;
    if (is_string_type(type) && data)
    {
        if (size && data[size - 1] && !data[size]) size++;
        RtlMultiByteToUnicodeSize(&wsize, (const char *)data, size);
        if (!(w = heap_alloc(wsize ? wsize : 1))) return ERROR_NOT_ENOUGH_MEMORY;
        RtlMultiByteToUnicodeN(w, wsize, NULL, (const char *)data, size);
        data = (const BYTE *)w;
    }
    wname = ansi_to_wide(value, &failed);
    ret = failed ? ERROR_NOT_ENOUGH_MEMORY : RegSetValueExW(key, wname, reserved, type, data, wsize);
    heap_free(wname);
    heap_free(w);
    return ret;
}

LSTATUS WINAPI RegQueryValueExW(HKEY key, const WCHAR *value, DWORD *reserved, DWORD *type, BYTE *data,
                                DWORD *size)
{
    /* most values fit on the stack; ULONGs keep the structure aligned */
    ULONG small[(offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data) + 256) / sizeof(ULONG)];
    KEY_VALUE_PARTIAL_INFORMATION *info = (KEY_VALUE_PARTIAL_INFORMATION *)small;
    ULONG length, needed;
    UNICODE_STRING name;
    HANDLE handle;
    NTSTATUS status;

    if (reserved || (data && !size)) return ERROR_INVALID_PARAMETER;
    length = offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data) + (data ? *size : 0);
    if ((status = get_key(key, &handle))) return win32_error(status);
    if (length > sizeof(small) && !(info = heap_alloc(length))) return ERROR_NOT_ENOUGH_MEMORY;
    RtlInitUnicodeString(&name, value);
    status = NtQueryValueKey(handle, &name, KeyValuePartialInformation, info, length, &needed);
    if (!status || status == STATUS_BUFFER_OVERFLOW)
    {
        if (type) *type = info->Type;
        if (data && !status) memcpy(data, info->Data, info->DataLength);
        if (size) *size = info->DataLength;
        /* without a buffer the size is what was asked for: that is a success */
        if (!data) status = STATUS_SUCCESS;
    }
    if (info != (KEY_VALUE_PARTIAL_INFORMATION *)small) heap_free(info);
    return win32_error(status);
}

/* The whole of a value, on the heap. */
static NTSTATUS query_whole_value(HANDLE handle, const WCHAR *value, KEY_VALUE_PARTIAL_INFORMATION **out)
{
    const ULONG fixed = offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data);
    KEY_VALUE_PARTIAL_INFORMATION *info;
    ULONG length = fixed + 256, needed;
    UNICODE_STRING name;
    NTSTATUS status;

    RtlInitUnicodeString(&name, value);
    for (;;)
    {
        /* one spare WCHAR past the data: room for a terminator the caller may add */
        if (!(info = heap_alloc(length + sizeof(WCHAR)))) return STATUS_NO_MEMORY;
        status = NtQueryValueKey(handle, &name, KeyValuePartialInformation, info, length, &needed);
        if (status != STATUS_BUFFER_OVERFLOW) break;
        /* another thread or process may grow the value in between: ask again */
        heap_free(info);
        length = needed;
    }
    if (status) heap_free(info);
    else *out = info;
    return status;
}

/* The ANSI size of a string value, or its size when it is no string. */
static ULONG ansi_size(const KEY_VALUE_PARTIAL_INFORMATION *info)
{
    ULONG len = info->DataLength;
    if (is_string_type(info->Type)) RtlUnicodeToMultiByteSize(&len, (const WCHAR *)info->Data, info->DataLength);
    return len;
}

static void copy_ansi(const KEY_VALUE_PARTIAL_INFORMATION *info, BYTE *data, ULONG size)
{
    if (is_string_type(info->Type))
        RtlUnicodeToMultiByteN((char *)data, size, NULL, (const WCHAR *)info->Data, info->DataLength);
    else memcpy(data, info->Data, info->DataLength);
}

LSTATUS WINAPI RegQueryValueExA(HKEY key, const char *value, DWORD *reserved, DWORD *type, BYTE *data,
                                DWORD *size)
{
    KEY_VALUE_PARTIAL_INFORMATION *info;
    BOOL failed = FALSE;
    WCHAR *wname;
    HANDLE handle;
    NTSTATUS status;
    LSTATUS ret = ERROR_SUCCESS;
    ULONG needed;

    if (reserved || (data && !size)) return ERROR_INVALID_PARAMETER;
    if ((status = get_key(key, &handle))) return win32_error(status);
    wname = ansi_to_wide(value, &failed);
    if (failed) return ERROR_NOT_ENOUGH_MEMORY;
    status = query_whole_value(handle, wname ? wname : L"", &info);
    heap_free(wname);
    if (status) return win32_error(status);
    /* a string's size is that of its ANSI form, with or without a buffer */
    needed = ansi_size(info);
    if (type) *type = info->Type;
    if (data)
    {
        if (*size < needed) ret = ERROR_MORE_DATA;
        else copy_ansi(info, data, needed);
    }
    if (size) *size = needed;
    heap_free(info);
    return ret;
}

static DWORD rrf_type_flag(DWORD type)
{
    switch (type)
    {
    case REG_NONE: return RRF_RT_REG_NONE;
    case REG_SZ: return RRF_RT_REG_SZ;
    case REG_EXPAND_SZ: return RRF_RT_REG_EXPAND_SZ;
    case REG_BINARY: return RRF_RT_REG_BINARY;
    case REG_DWORD: return RRF_RT_REG_DWORD;
    case REG_MULTI_SZ: return RRF_RT_REG_MULTI_SZ;
    case REG_QWORD: return RRF_RT_REG_QWORD;
    default: return 0;
    }
}

/* RegGetValue's rules on a value read whole: REG_EXPAND_SZ expanded into a REG_SZ unless
 * RRF_NOEXPAND, strings given their terminator, the type checked against the flags. */
static LSTATUS get_value(HKEY key, const WCHAR *subkey, const WCHAR *value, DWORD flags,
                         KEY_VALUE_PARTIAL_INFORMATION **out)
{
    KEY_VALUE_PARTIAL_INFORMATION *info;
    HKEY opened = NULL;
    HANDLE handle;
    NTSTATUS status;
    LSTATUS ret;
    DWORD allowed = flags & RRF_RT_ANY;

    if (!allowed) return ERROR_INVALID_PARAMETER;
    if (allowed == RRF_RT_REG_EXPAND_SZ && !(flags & RRF_NOEXPAND)) return ERROR_INVALID_PARAMETER;
    if (subkey && *subkey)
    {
        if ((ret = RegOpenKeyExW(key, subkey, 0, KEY_QUERY_VALUE, &opened))) return ret;
        key = opened;
    }
    if (!(status = get_key(key, &handle))) status = query_whole_value(handle, value ? value : L"", &info);
    if (opened) RegCloseKey(opened);
    if (status) return win32_error(status);

    if (info->Type == REG_EXPAND_SZ && !(flags & RRF_NOEXPAND))
    {
        UNICODE_STRING src, dst;
        ULONG needed = 0;
        src.Buffer = (WCHAR *)info->Data;
        src.Length = src.MaximumLength = info->DataLength & ~1;
        while (src.Length && !src.Buffer[src.Length / sizeof(WCHAR) - 1]) src.Length -= sizeof(WCHAR);
        dst.Buffer = NULL;
        dst.Length = dst.MaximumLength = 0;
        RtlExpandEnvironmentStrings_U(NULL, &src, &dst, &needed);
        KEY_VALUE_PARTIAL_INFORMATION *expanded = heap_alloc(offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data) + needed);
        if (!expanded)
        {
            heap_free(info);
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        dst.Buffer = (WCHAR *)expanded->Data;
        dst.MaximumLength = needed;
        RtlExpandEnvironmentStrings_U(NULL, &src, &dst, &needed);
        expanded->Type = REG_SZ;
        expanded->DataLength = needed;
        heap_free(info);
        info = expanded;
    }
    else if (is_string_type(info->Type) && info->DataLength >= sizeof(WCHAR) && !(info->DataLength & 1) &&
             ((WCHAR *)info->Data)[info->DataLength / sizeof(WCHAR) - 1])
    {
        /* query_whole_value left room for this */
        ((WCHAR *)info->Data)[info->DataLength / sizeof(WCHAR)] = 0;
        info->DataLength += sizeof(WCHAR);
    }

    if (info->Type == REG_BINARY && (allowed == RRF_RT_DWORD || allowed == RRF_RT_QWORD))
        ret = info->DataLength == (allowed == RRF_RT_DWORD ? 4 : 8) ? ERROR_SUCCESS : ERROR_DATATYPE_MISMATCH;
    else ret = rrf_type_flag(info->Type) & allowed ? ERROR_SUCCESS : ERROR_UNSUPPORTED_TYPE;
    if (ret) heap_free(info);
    else *out = info;
    return ret;
}

LSTATUS WINAPI RegGetValueW(HKEY key, const WCHAR *subkey, const WCHAR *value, DWORD flags, DWORD *type,
                            void *data, DWORD *size)
{
    KEY_VALUE_PARTIAL_INFORMATION *info;
    LSTATUS ret;

    if (data && !size) return ERROR_INVALID_PARAMETER;
    if (!(ret = get_value(key, subkey, value, flags, &info)))
    {
        if (type) *type = info->Type;
        if (data && *size < info->DataLength) ret = ERROR_MORE_DATA;
        else if (data) memcpy(data, info->Data, info->DataLength);
        if (size) *size = info->DataLength;
        heap_free(info);
    }
    if (ret && data && size && (flags & RRF_ZEROONFAILURE)) memset(data, 0, *size);
    return ret;
}

LSTATUS WINAPI RegGetValueA(HKEY key, const char *subkey, const char *value, DWORD flags, DWORD *type,
                            void *data, DWORD *size)
{
    KEY_VALUE_PARTIAL_INFORMATION *info;
    BOOL failed = FALSE;
    WCHAR *wsub, *wvalue;
    LSTATUS ret;
    ULONG needed;

    if (data && !size) return ERROR_INVALID_PARAMETER;
    wsub = ansi_to_wide(subkey, &failed);
    wvalue = ansi_to_wide(value, &failed);
    ret = failed ? ERROR_NOT_ENOUGH_MEMORY : get_value(key, wsub, wvalue, flags, &info);
    heap_free(wsub);
    heap_free(wvalue);
    if (!ret)
    {
        needed = ansi_size(info);
        if (type) *type = info->Type;
        if (data && *size < needed) ret = ERROR_MORE_DATA;
        else if (data) copy_ansi(info, data, needed);
        if (size) *size = needed;
        heap_free(info);
    }
    if (ret && data && size && (flags & RRF_ZEROONFAILURE)) memset(data, 0, *size);
    return ret;
}

/* ------------------------------------------------------------------ enumerating */

/* One entry of an enumeration (NtEnumerateKey or NtEnumerateValueKey), whole, on the heap. */
static NTSTATUS enumerate(HANDLE handle, DWORD index, BOOL values, ULONG klass, void **out)
{
    ULONG length = 512, needed;
    NTSTATUS status;
    void *info;

    for (;;)
    {
        if (!(info = heap_alloc(length))) return STATUS_NO_MEMORY;
        status = values ? NtEnumerateValueKey(handle, index, klass, info, length, &needed)
                        : NtEnumerateKey(handle, index, klass, info, length, &needed);
        if (status != STATUS_BUFFER_OVERFLOW && status != STATUS_BUFFER_TOO_SMALL) break;
        heap_free(info);
        length = needed;
    }
    if (status) heap_free(info);
    else *out = info;
    return status;
}

/* A name into a caller's buffer of *len characters, the terminator included; *len becomes its length. */
static LSTATUS put_name_w(WCHAR *buf, DWORD *len, const WCHAR *name, ULONG bytes)
{
    ULONG count = bytes / sizeof(WCHAR);
    if (*len <= count) return ERROR_MORE_DATA;
    memcpy(buf, name, bytes);
    buf[count] = 0;
    *len = count;
    return ERROR_SUCCESS;
}

static LSTATUS put_name_a(char *buf, DWORD *len, const WCHAR *name, ULONG bytes)
{
    ULONG count;
    RtlUnicodeToMultiByteSize(&count, name, bytes);
    if (*len <= count) return ERROR_MORE_DATA;
    RtlUnicodeToMultiByteN(buf, count, NULL, name, bytes);
    buf[count] = 0;
    *len = count;
    return ERROR_SUCCESS;
}

static LSTATUS enum_key(HKEY key, DWORD index, void *name, DWORD *name_len, DWORD *reserved, void *class,
                        DWORD *class_len, FILETIME *time, BOOL ansi)
{
    KEY_NODE_INFORMATION *info;
    HANDLE handle;
    NTSTATUS status;
    LSTATUS ret;

    if (reserved || !name || !name_len || (class && !class_len)) return ERROR_INVALID_PARAMETER;
    if ((status = get_key(key, &handle))) return win32_error(status);
    if ((status = enumerate(handle, index, FALSE, KeyNodeInformation, (void **)&info))) return win32_error(status);
    ret = ansi ? put_name_a(name, name_len, info->Name, info->NameLength)
               : put_name_w(name, name_len, info->Name, info->NameLength);
    if (!ret && class)
    {
        const WCHAR *text = (const WCHAR *)((BYTE *)info + info->ClassOffset);
        ret = ansi ? put_name_a(class, class_len, text, info->ClassLength)
                   : put_name_w(class, class_len, text, info->ClassLength);
    }
    else if (!ret && class_len) *class_len = info->ClassLength / sizeof(WCHAR);
    if (!ret && time)
    {
        time->dwLowDateTime = info->LastWriteTime.u.LowPart;
        time->dwHighDateTime = info->LastWriteTime.u.HighPart;
    }
    heap_free(info);
    return ret;
}

LSTATUS WINAPI RegEnumKeyExW(HKEY key, DWORD index, WCHAR *name, DWORD *name_len, DWORD *reserved, WCHAR *class,
                             DWORD *class_len, FILETIME *time)
{
    return enum_key(key, index, name, name_len, reserved, class, class_len, time, FALSE);
}

LSTATUS WINAPI RegEnumKeyExA(HKEY key, DWORD index, char *name, DWORD *name_len, DWORD *reserved, char *class,
                             DWORD *class_len, FILETIME *time)
{
    return enum_key(key, index, name, name_len, reserved, class, class_len, time, TRUE);
}

static LSTATUS enum_value(HKEY key, DWORD index, void *name, DWORD *name_len, DWORD *reserved, DWORD *type,
                          BYTE *data, DWORD *size, BOOL ansi)
{
    KEY_VALUE_FULL_INFORMATION *info;
    HANDLE handle;
    NTSTATUS status;
    LSTATUS ret;
    ULONG needed;

    if (reserved || !name || !name_len || (data && !size)) return ERROR_INVALID_PARAMETER;
    if ((status = get_key(key, &handle))) return win32_error(status);
    if ((status = enumerate(handle, index, TRUE, KeyValueFullInformation, (void **)&info))) return win32_error(status);
    const BYTE *value_data = (const BYTE *)info + info->DataOffset;
    needed = info->DataLength;
    if (ansi && is_string_type(info->Type))
        RtlUnicodeToMultiByteSize(&needed, (const WCHAR *)value_data, info->DataLength);
    ret = ansi ? put_name_a(name, name_len, info->Name, info->NameLength)
               : put_name_w(name, name_len, info->Name, info->NameLength);
    if (!ret)
    {
        if (type) *type = info->Type;
        if (data && *size < needed) ret = ERROR_MORE_DATA;
        else if (data && ansi && is_string_type(info->Type))
            RtlUnicodeToMultiByteN((char *)data, needed, NULL, (const WCHAR *)value_data, info->DataLength);
        else if (data) memcpy(data, value_data, needed);
        if (size) *size = needed;
    }
    heap_free(info);
    return ret;
}

LSTATUS WINAPI RegEnumValueW(HKEY key, DWORD index, WCHAR *name, DWORD *name_len, DWORD *reserved, DWORD *type,
                             BYTE *data, DWORD *size)
{
    return enum_value(key, index, name, name_len, reserved, type, data, size, FALSE);
}

LSTATUS WINAPI RegEnumValueA(HKEY key, DWORD index, char *name, DWORD *name_len, DWORD *reserved, DWORD *type,
                             BYTE *data, DWORD *size)
{
    return enum_value(key, index, name, name_len, reserved, type, data, size, TRUE);
}

static LSTATUS query_info_key(HKEY key, void *class, DWORD *class_len, DWORD *reserved, DWORD *subkeys,
                              DWORD *max_subkey, DWORD *max_class, DWORD *values, DWORD *max_value_name,
                              DWORD *max_value, DWORD *security, FILETIME *time, BOOL ansi)
{
    KEY_FULL_INFORMATION *info;
    ULONG length = 256, needed;
    HANDLE handle;
    NTSTATUS status;
    LSTATUS ret = ERROR_SUCCESS;

    if (reserved || (class && !class_len)) return ERROR_INVALID_PARAMETER;
    if ((status = get_key(key, &handle))) return win32_error(status);
    for (;;)
    {
        if (!(info = heap_alloc(length))) return ERROR_NOT_ENOUGH_MEMORY;
        status = NtQueryKey(handle, KeyFullInformation, info, length, &needed);
        if (status != STATUS_BUFFER_OVERFLOW) break;
        heap_free(info);
        length = needed;
    }
    if (status)
    {
        heap_free(info);
        return win32_error(status);
    }
    if (class)
    {
        const WCHAR *text = (const WCHAR *)((BYTE *)info + info->ClassOffset);
        ret = ansi ? put_name_a(class, class_len, text, info->ClassLength)
                   : put_name_w(class, class_len, text, info->ClassLength);
    }
    else if (class_len) *class_len = info->ClassLength / sizeof(WCHAR);
    if (subkeys) *subkeys = info->SubKeys;
    if (max_subkey) *max_subkey = info->MaxNameLen / sizeof(WCHAR);
    if (max_class) *max_class = info->MaxClassLen / sizeof(WCHAR);
    if (values) *values = info->Values;
    if (max_value_name) *max_value_name = info->MaxValueNameLen / sizeof(WCHAR);
    if (max_value) *max_value = info->MaxValueDataLen;
    /* the keys carry no security descriptor of their own here */
    if (security) *security = 0;
    if (time)
    {
        time->dwLowDateTime = info->LastWriteTime.u.LowPart;
        time->dwHighDateTime = info->LastWriteTime.u.HighPart;
    }
    heap_free(info);
    return ret;
}

LSTATUS WINAPI RegQueryInfoKeyW(HKEY key, WCHAR *class, DWORD *class_len, DWORD *reserved, DWORD *subkeys,
                                DWORD *max_subkey, DWORD *max_class, DWORD *values, DWORD *max_value_name,
                                DWORD *max_value, DWORD *security, FILETIME *time)
{
    return query_info_key(key, class, class_len, reserved, subkeys, max_subkey, max_class, values,
                          max_value_name, max_value, security, time, FALSE);
}

LSTATUS WINAPI RegQueryInfoKeyA(HKEY key, char *class, DWORD *class_len, DWORD *reserved, DWORD *subkeys,
                                DWORD *max_subkey, DWORD *max_class, DWORD *values, DWORD *max_value_name,
                                DWORD *max_value, DWORD *security, FILETIME *time)
{
    return query_info_key(key, class, class_len, reserved, subkeys, max_subkey, max_class, values,
                          max_value_name, max_value, security, time, TRUE);
}
