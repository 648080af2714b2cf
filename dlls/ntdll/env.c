/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Environment blocks: "NAME=value\0" entries ending with an empty one.  Names compare
 * case-insensitively, and a name may start with '=' (the per-drive "=C:=C:\dir" entries),
 * so its end is the first '=' after the first character.  New names are inserted in
 * sorted order, as Windows does.  The process block is the PEB's, guarded by the PEB lock;
 * a change builds a new block and frees the old one.
 */
#include "ntdll_misc.h"

static RTL_CRITICAL_SECTION peb_lock = { (RTL_CRITICAL_SECTION_DEBUG *)~(ULONG_PTR)0, -1, 0, 0, 0, 0 };

void WINAPI RtlAcquirePebLock(void)
{
    RtlEnterCriticalSection(&peb_lock);
}

void WINAPI RtlReleasePebLock(void)
{
    RtlLeaveCriticalSection(&peb_lock);
}

static RTL_USER_PROCESS_PARAMETERS *process_params(void)
{
    return NtCurrentTeb()->Peb->ProcessParameters;
}

/* Length in WCHARs of the whole block, final NUL included. */
static SIZE_T block_length(const WCHAR *env)
{
    const WCHAR *p = env;
    while (*p) p += wide_strlen(p) + 1;
    return p - env + 1;
}

static SIZE_T entry_name_length(const WCHAR *entry)
{
    const WCHAR *p = entry + (*entry ? 1 : 0);
    while (*p && *p != '=') p++;
    return p - entry;
}

/* The entry for name, or NULL; *insert is where the name would go to keep the block sorted. */
static const WCHAR *find_entry(const WCHAR *env, const WCHAR *name, SIZE_T name_len, const WCHAR **insert)
{
    const WCHAR *p = env;
    *insert = NULL;
    for (; *p; p += wide_strlen(p) + 1)
    {
        LONG order = RtlCompareUnicodeStrings(p, entry_name_length(p), name, name_len, TRUE);
        if (!order) return *insert = p;
        if (order > 0 && !*insert) *insert = p;
    }
    if (!*insert) *insert = p;
    return NULL;
}

static NTSTATUS lookup(const WCHAR *env, const WCHAR *name, SIZE_T name_len, const WCHAR **value, SIZE_T *value_len)
{
    const WCHAR *insert, *entry = find_entry(env, name, name_len, &insert);
    if (!entry) return STATUS_VARIABLE_NOT_FOUND;
    *value = entry + entry_name_length(entry) + 1;
    *value_len = wide_strlen(*value);
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlQueryEnvironmentVariable(WCHAR *env, const WCHAR *name, SIZE_T name_len,
                                            WCHAR *value, SIZE_T value_len, SIZE_T *needed)
{
    const WCHAR *found;
    SIZE_T found_len;
    NTSTATUS status;

    if (!env) RtlAcquirePebLock();
    status = lookup(env ? env : process_params()->Environment, name, name_len, &found, &found_len);
    if (!status)
    {
        *needed = found_len;
        if (found_len < value_len)
        {
            copy_bytes(value, found, found_len * sizeof(WCHAR));
            value[found_len] = 0;
        }
        else
        {
            (*needed)++;
            status = STATUS_BUFFER_TOO_SMALL;
        }
    }
    if (!env) RtlReleasePebLock();
    return status;
}

NTSTATUS WINAPI RtlQueryEnvironmentVariable_U(WCHAR *env, UNICODE_STRING *name, UNICODE_STRING *value)
{
    const WCHAR *found;
    SIZE_T found_len;
    NTSTATUS status;

    if (!env) RtlAcquirePebLock();
    status = lookup(env ? env : process_params()->Environment, name->Buffer, name->Length / sizeof(WCHAR),
                    &found, &found_len);
    if (!status)
    {
        value->Length = found_len * sizeof(WCHAR);
        if (value->Length <= value->MaximumLength)
        {
            copy_bytes(value->Buffer, found, value->Length);
            if (value->Length < value->MaximumLength) value->Buffer[found_len] = 0;
        }
        else status = STATUS_BUFFER_TOO_SMALL;
    }
    if (!env) RtlReleasePebLock();
    return status;
}

NTSTATUS WINAPI RtlCreateEnvironment(BOOLEAN inherit, WCHAR **env)
{
    SIZE_T len = 2;
    WCHAR *block;

    if (inherit) RtlAcquirePebLock();
    if (inherit) len = block_length(process_params()->Environment);
    if ((block = RtlAllocateHeap(process_heap(), HEAP_ZERO_MEMORY, len * sizeof(WCHAR))))
    {
        if (inherit) copy_bytes(block, process_params()->Environment, len * sizeof(WCHAR));
    }
    if (inherit) RtlReleasePebLock();
    *env = block;
    return block ? STATUS_SUCCESS : STATUS_NO_MEMORY;
}

NTSTATUS WINAPI RtlDestroyEnvironment(WCHAR *env)
{
    RtlFreeHeap(process_heap(), 0, env);
    return STATUS_SUCCESS;
}

void WINAPI RtlSetCurrentEnvironment(WCHAR *env, WCHAR **old)
{
    RTL_USER_PROCESS_PARAMETERS *params = process_params();

    RtlAcquirePebLock();
    if (old) *old = params->Environment;
    else RtlDestroyEnvironment(params->Environment);
    params->Environment = env;
    params->EnvironmentSize = block_length(env) * sizeof(WCHAR);
    RtlReleasePebLock();
}

/* Builds env with name's entry removed and, when value is given, "name=value" inserted. */
static NTSTATUS rebuild(const WCHAR *env, const UNICODE_STRING *name, const UNICODE_STRING *value,
                        WCHAR **result, SIZE_T *result_len)
{
    SIZE_T name_len = name->Length / sizeof(WCHAR), len = block_length(env);
    const WCHAR *insert, *old = find_entry(env, name->Buffer, name_len, &insert);
    SIZE_T old_len = old ? wide_strlen(old) + 1 : 0;
    SIZE_T new_len = value ? name_len + 1 + value->Length / sizeof(WCHAR) + 1 : 0;
    SIZE_T before = insert - env, after = len - before - old_len;
    WCHAR *block, *p;

    *result_len = len - old_len + new_len;
    if (!(block = RtlAllocateHeap(process_heap(), 0, *result_len * sizeof(WCHAR)))) return STATUS_NO_MEMORY;
    copy_bytes(block, env, before * sizeof(WCHAR));
    p = block + before;
    if (value)
    {
        copy_bytes(p, name->Buffer, name->Length);
        p += name_len;
        *p++ = '=';
        copy_bytes(p, value->Buffer, value->Length);
        p += value->Length / sizeof(WCHAR);
        *p++ = 0;
    }
    copy_bytes(p, insert + old_len, after * sizeof(WCHAR));
    *result = block;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI RtlSetEnvironmentVariable(WCHAR **env, UNICODE_STRING *name, UNICODE_STRING *value)
{
    SIZE_T name_len = name ? name->Length / sizeof(WCHAR) : 0;
    RTL_USER_PROCESS_PARAMETERS *params = process_params();
    WCHAR *block, *current;
    SIZE_T len;
    NTSTATUS status;

    if (!name_len || !name->Buffer) return STATUS_INVALID_PARAMETER;
    for (SIZE_T i = 1; i < name_len; i++) if (name->Buffer[i] == '=') return STATUS_INVALID_PARAMETER;

    if (!env) RtlAcquirePebLock();
    current = env ? *env : params->Environment;
    if (!(status = rebuild(current, name, value, &block, &len)))
    {
        if (env) *env = block;
        else
        {
            params->Environment = block;
            params->EnvironmentSize = len * sizeof(WCHAR);
        }
        RtlFreeHeap(process_heap(), 0, current);
    }
    if (!env) RtlReleasePebLock();
    return status;
}

/* Expands %NAME% references, leaving unknown ones and lone '%' as they are.  Counts the
 * whole result (in WCHARs, NUL included) even when dst is too small. */
static NTSTATUS expand(const WCHAR *env, const WCHAR *src, SIZE_T src_len, WCHAR *dst, SIZE_T dst_len,
                       SIZE_T *needed)
{
    SIZE_T out = 0;

    while (src_len)
    {
        const WCHAR *piece = src, *value;
        SIZE_T piece_len = 1, value_len;

        if (*src == '%')
        {
            SIZE_T end = 1;
            while (end < src_len && src[end] != '%') end++;
            if (end < src_len && end > 1 && !lookup(env, src + 1, end - 1, &value, &value_len))
            {
                piece = value;
                piece_len = value_len;
                src += end + 1;
                src_len -= end + 1;
            }
            else if (end < src_len)
            {
                /* Unknown name: keep "%NAME" and let the closing '%' start the next scan. */
                piece_len = end;
                src += end;
                src_len -= end;
            }
            else
            {
                piece_len = src_len;
                src += src_len;
                src_len = 0;
            }
        }
        else
        {
            src++;
            src_len--;
        }
        for (SIZE_T i = 0; i < piece_len; i++, out++) if (out < dst_len) dst[out] = piece[i];
    }
    *needed = out + 1;
    if (out < dst_len)
    {
        dst[out] = 0;
        return STATUS_SUCCESS;
    }
    return STATUS_BUFFER_TOO_SMALL;
}

NTSTATUS WINAPI RtlExpandEnvironmentStrings(const WCHAR *env, WCHAR *src, SIZE_T src_len, WCHAR *dst,
                                            SIZE_T dst_len, SIZE_T *needed)
{
    SIZE_T count;
    NTSTATUS status;

    if (!env) RtlAcquirePebLock();
    status = expand(env ? env : process_params()->Environment, src, src_len, dst, dst_len, &count);
    if (!env) RtlReleasePebLock();
    if (needed) *needed = count;
    return status;
}

NTSTATUS WINAPI RtlExpandEnvironmentStrings_U(const WCHAR *env, const UNICODE_STRING *src, UNICODE_STRING *dst,
                                              ULONG *needed)
{
    SIZE_T count;
    NTSTATUS status;

    if (!env) RtlAcquirePebLock();
    status = expand(env ? env : process_params()->Environment, src->Buffer, src->Length / sizeof(WCHAR),
                    dst->Buffer, dst->MaximumLength / sizeof(WCHAR), &count);
    if (!env) RtlReleasePebLock();
    if (needed) *needed = count * sizeof(WCHAR);
    if (count * sizeof(WCHAR) > 0xfffe) return STATUS_BUFFER_TOO_SMALL;
    if (!status) dst->Length = (count - 1) * sizeof(WCHAR);
    return status;
}
