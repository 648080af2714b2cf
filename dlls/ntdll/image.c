/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading a mapped image's headers: the NT headers and the data directories, as the
 * unwinder needs .pdata and programs ask for their own directories.
 */
#include "ntdll_private.h"

PIMAGE_NT_HEADERS WINAPI RtlImageNtHeader(HMODULE module)
{
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)module;
    IMAGE_NT_HEADERS *nt;

    if (!dos || dos->e_magic != IMAGE_DOS_SIGNATURE || dos->e_lfanew <= 0) return NULL;
    nt = (IMAGE_NT_HEADERS *)((char *)module + dos->e_lfanew);
    return nt->Signature == IMAGE_NT_SIGNATURE ? nt : NULL;
}

/* Only mapped images are known here (image is TRUE for every module the loader maps);
 * a directory in a file read flat would need its RVA converted through the sections. */
void * WINAPI RtlImageDirectoryEntryToData(HMODULE module, BOOL image, WORD dir, ULONG *size)
{
    const IMAGE_NT_HEADERS *nt;
    const IMAGE_DATA_DIRECTORY *entry;
    ULONG_PTR base = (ULONG_PTR)module & ~(ULONG_PTR)3;  /* low bits mark a data-file mapping */

    if (!image || !(nt = RtlImageNtHeader((HMODULE)base))) return NULL;
    if (nt->OptionalHeader.Magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC ||
        dir >= nt->OptionalHeader.NumberOfRvaAndSizes) return NULL;
    entry = &nt->OptionalHeader.DataDirectory[dir];
    if (!entry->VirtualAddress) return NULL;
    *size = entry->Size;
    return (void *)(base + entry->VirtualAddress);
}
