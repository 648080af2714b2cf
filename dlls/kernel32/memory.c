/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Virtual memory and heaps. */
#include "kernel32_private.h"

LPVOID WINAPI VirtualAlloc(void *addr, SIZE_T size, DWORD type, DWORD protect)
{
    NTSTATUS status = NtAllocateVirtualMemory(GetCurrentProcess(), &addr, 0, &size, type, protect);
    return set_ntstatus(status) ? addr : NULL;
}

BOOL WINAPI VirtualFree(void *addr, SIZE_T size, DWORD type)
{
    return set_ntstatus(NtFreeVirtualMemory(GetCurrentProcess(), &addr, &size, type));
}

BOOL WINAPI VirtualProtect(void *addr, SIZE_T size, DWORD protect, DWORD *old)
{
    ULONG old_prot;
    BOOL ret;
    if (!old)
    {
        /* Windows insists on somewhere to put the old protection */
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    ret = set_ntstatus(NtProtectVirtualMemory(GetCurrentProcess(), &addr, &size, protect, &old_prot));
    if (ret) *old = old_prot;
    return ret;
}

SIZE_T WINAPI VirtualQuery(const void *addr, MEMORY_BASIC_INFORMATION *info, SIZE_T size)
{
    SIZE_T ret;
    if (!set_ntstatus(NtQueryVirtualMemory(GetCurrentProcess(), addr, MemoryBasicInformation, info, size, &ret)))
        return 0;
    return ret;
}

HANDLE WINAPI GetProcessHeap(void)
{
    return NtCurrentTeb()->Peb->ProcessHeap;
}

BOOL WINAPI (HeapFree)(HANDLE heap, DWORD flags, void *ptr)
{
    if (RtlFreeHeap(heap, flags, ptr)) return TRUE;
    SetLastError(ERROR_INVALID_PARAMETER);
    return FALSE;
}

HANDLE WINAPI HeapCreate(DWORD flags, SIZE_T initial, SIZE_T max)
{
    HANDLE heap = RtlCreateHeap(flags, NULL, max, initial, NULL, NULL);
    if (!heap) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return heap;
}

BOOL WINAPI HeapDestroy(HANDLE heap)
{
    if (!RtlDestroyHeap(heap)) return TRUE;
    SetLastError(ERROR_INVALID_HANDLE);
    return FALSE;
}

BOOL WINAPI HeapValidate(HANDLE heap, DWORD flags, LPCVOID ptr)
{
    return RtlValidateHeap(heap, flags, ptr);
}
