/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unix entry points for registry keys and access tokens; part of the list in wring/unixcalls.h. */
#ifndef WRING_UNIXCALLS_REG_H
#define WRING_UNIXCALLS_REG_H

#define WRING_REG_CALLS(X) \
    X(NTSTATUS, NtCreateKey, (HANDLE *key, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, ULONG index, \
        const UNICODE_STRING *class, ULONG options, ULONG *disposition), \
        (key, access, attr, index, class, options, disposition)) \
    X(NTSTATUS, NtOpenKey, (HANDLE *key, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr), (key, access, attr)) \
    X(NTSTATUS, NtOpenKeyEx, (HANDLE *key, ACCESS_MASK access, const OBJECT_ATTRIBUTES *attr, ULONG options), \
        (key, access, attr, options)) \
    X(NTSTATUS, NtDeleteKey, (HANDLE key), (key)) \
    X(NTSTATUS, NtFlushKey, (HANDLE key), (key)) \
    X(NTSTATUS, NtSetValueKey, (HANDLE key, const UNICODE_STRING *name, ULONG index, ULONG type, \
        const void *data, ULONG size), (key, name, index, type, data, size)) \
    X(NTSTATUS, NtQueryValueKey, (HANDLE key, const UNICODE_STRING *name, KEY_VALUE_INFORMATION_CLASS klass, \
        void *info, DWORD length, DWORD *result), (key, name, klass, info, length, result)) \
    X(NTSTATUS, NtDeleteValueKey, (HANDLE key, const UNICODE_STRING *name), (key, name)) \
    X(NTSTATUS, NtEnumerateKey, (HANDLE key, ULONG index, KEY_INFORMATION_CLASS klass, void *info, \
        DWORD length, DWORD *result), (key, index, klass, info, length, result)) \
    X(NTSTATUS, NtEnumerateValueKey, (HANDLE key, ULONG index, KEY_VALUE_INFORMATION_CLASS klass, \
        void *info, ULONG length, ULONG *result), (key, index, klass, info, length, result)) \
    X(NTSTATUS, NtQueryKey, (HANDLE key, KEY_INFORMATION_CLASS klass, void *info, DWORD length, \
        DWORD *result), (key, klass, info, length, result)) \
    X(NTSTATUS, NtOpenProcessToken, (HANDLE process, DWORD access, HANDLE *token), (process, access, token)) \
    X(NTSTATUS, NtOpenProcessTokenEx, (HANDLE process, DWORD access, DWORD attributes, HANDLE *token), \
        (process, access, attributes, token)) \
    X(NTSTATUS, NtOpenThreadToken, (HANDLE thread, DWORD access, BOOLEAN as_self, HANDLE *token), \
        (thread, access, as_self, token)) \
    X(NTSTATUS, NtOpenThreadTokenEx, (HANDLE thread, DWORD access, BOOLEAN as_self, DWORD attributes, \
        HANDLE *token), (thread, access, as_self, attributes, token)) \
    X(NTSTATUS, NtQueryInformationToken, (HANDLE token, TOKEN_INFORMATION_CLASS klass, void *info, \
        ULONG length, ULONG *result), (token, klass, info, length, result)) \
    X(NTSTATUS, NtAdjustPrivilegesToken, (HANDLE token, BOOLEAN disable_all, TOKEN_PRIVILEGES *privs, \
        DWORD length, TOKEN_PRIVILEGES *prev, DWORD *result), (token, disable_all, privs, length, prev, result))

#endif
