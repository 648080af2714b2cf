/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * PE images and their resources: RtlImageNtHeader and friends, and the
 * resource directory walk (type, name, language) behind kernel32's
 * FindResource and EnumResource* functions.
 *
 * A module handle with bit 0 set is a file loaded with LOAD_LIBRARY_AS_DATAFILE:
 * the file as it is on disk, so an RVA has to be found through the section
 * table.  Bit 1 (LOAD_LIBRARY_AS_IMAGE_RESOURCE) is an image layout that was
 * never run; RVAs are offsets from the base as in a loaded module.
 */
#include "ntdll_misc.h"

static inline BOOL is_datafile(HMODULE module)
{
    return (ULONG_PTR)module & 1;
}

static inline HMODULE module_base(HMODULE module)
{
    return (HMODULE)((ULONG_PTR)module & ~(ULONG_PTR)3);
}

IMAGE_NT_HEADERS * WINAPI RtlImageNtHeader(HMODULE module)
{
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)module;
    IMAGE_NT_HEADERS *nt;

    if (!dos || dos->e_magic != IMAGE_DOS_SIGNATURE) return NULL;
    /* e_lfanew comes from the file: a value past any sane header size is a broken image */
    if (dos->e_lfanew <= 0 || dos->e_lfanew > 0x10000000) return NULL;
    nt = (IMAGE_NT_HEADERS *)((char *)module + dos->e_lfanew);
    return nt->Signature == IMAGE_NT_SIGNATURE ? nt : NULL;
}

/* The section holding an RVA, in the section table of nt. */
static IMAGE_SECTION_HEADER *section_of_rva(const IMAGE_NT_HEADERS *nt, DWORD rva)
{
    IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(nt);
    for (WORD i = 0; i < nt->FileHeader.NumberOfSections; i++, sec++)
    {
        DWORD size = sec->Misc.VirtualSize ? sec->Misc.VirtualSize : sec->SizeOfRawData;
        if (rva >= sec->VirtualAddress && rva - sec->VirtualAddress < size) return sec;
    }
    return NULL;
}

void * WINAPI RtlImageRvaToVa(const IMAGE_NT_HEADERS *nt, HMODULE module, DWORD rva, IMAGE_SECTION_HEADER **hint)
{
    IMAGE_SECTION_HEADER *sec = hint ? *hint : NULL;

    if (!sec || rva < sec->VirtualAddress || rva - sec->VirtualAddress >= sec->SizeOfRawData)
    {
        if (!(sec = section_of_rva(nt, rva))) return NULL;
        if (hint) *hint = sec;
    }
    /* the part of a section past its raw data is not in the file */
    if (rva - sec->VirtualAddress >= sec->SizeOfRawData) return NULL;
    return (char *)module + sec->PointerToRawData + (rva - sec->VirtualAddress);
}

void * WINAPI RtlImageDirectoryEntryToData(HMODULE module, BOOL image, WORD dir, ULONG *size)
{
    HMODULE base = module_base(module);
    const IMAGE_NT_HEADERS *nt;
    const IMAGE_DATA_DIRECTORY *entry;

    if (!(nt = RtlImageNtHeader(base))) return NULL;
    if (nt->OptionalHeader.Magic == IMAGE_NT_OPTIONAL_HDR64_MAGIC)
    {
        const IMAGE_OPTIONAL_HEADER64 *opt = (const IMAGE_OPTIONAL_HEADER64 *)&nt->OptionalHeader;
        if (dir >= opt->NumberOfRvaAndSizes) return NULL;
        entry = &opt->DataDirectory[dir];
    }
    else if (nt->OptionalHeader.Magic == IMAGE_NT_OPTIONAL_HDR32_MAGIC)
    {
        /* a 32-bit file read as data (GetFileVersionInfo of any DLL) */
        const IMAGE_OPTIONAL_HEADER32 *opt = (const IMAGE_OPTIONAL_HEADER32 *)&nt->OptionalHeader;
        if (dir >= opt->NumberOfRvaAndSizes) return NULL;
        entry = &opt->DataDirectory[dir];
    }
    else return NULL;
    if (!entry->VirtualAddress) return NULL;
    *size = entry->Size;
    if (image && !is_datafile(module)) return (char *)base + entry->VirtualAddress;
    return RtlImageRvaToVa(nt, base, entry->VirtualAddress, NULL);
}

/* ------------------------------------------------------------------ the resource directory */

/* The resource section: its root, and its size to check the offsets stored in it. */
struct resource_root
{
    const char *base;
    ULONG size;
};

static inline const IMAGE_RESOURCE_DIRECTORY_ENTRY *dir_entries(const IMAGE_RESOURCE_DIRECTORY *dir)
{
    return (const IMAGE_RESOURCE_DIRECTORY_ENTRY *)(dir + 1);
}

/* What an entry points to, or NULL when it is not of the kind wanted or lies outside the section. */
static const void *entry_target(const struct resource_root *root, const IMAGE_RESOURCE_DIRECTORY_ENTRY *entry,
                                BOOL want_dir)
{
    if (!entry->DataIsDirectory != !want_dir) return NULL;
    if (entry->OffsetToDirectory >= root->size) return NULL;
    return root->base + entry->OffsetToDirectory;
}

static const void *find_by_id(const struct resource_root *root, const IMAGE_RESOURCE_DIRECTORY *dir,
                              WORD id, BOOL want_dir)
{
    const IMAGE_RESOURCE_DIRECTORY_ENTRY *entries = dir_entries(dir);
    /* named entries come first, then ids in ascending order: a binary search over the ids */
    int lo = dir->NumberOfNamedEntries, hi = lo + dir->NumberOfIdEntries - 1;

    while (lo <= hi)
    {
        int mid = (lo + hi) / 2;
        if (entries[mid].Id == id) return entry_target(root, &entries[mid], want_dir);
        if (entries[mid].Id < id) lo = mid + 1;
        else hi = mid - 1;
    }
    return NULL;
}

/* Orders a name against a directory string as Windows sorts them: by code unit, shorter first on a tie. */
static int compare_name(const WCHAR *name, SIZE_T len, const IMAGE_RESOURCE_DIR_STRING_U *str)
{
    SIZE_T n = len < str->Length ? len : str->Length;
    for (SIZE_T i = 0; i < n; i++)
        if (name[i] != str->NameString[i]) return name[i] < str->NameString[i] ? -1 : 1;
    return len < str->Length ? -1 : len > str->Length ? 1 : 0;
}

static const void *find_by_name(const struct resource_root *root, const IMAGE_RESOURCE_DIRECTORY *dir,
                                const WCHAR *name, BOOL want_dir)
{
    const IMAGE_RESOURCE_DIRECTORY_ENTRY *entries = dir_entries(dir);
    SIZE_T len;
    int lo = 0, hi = dir->NumberOfNamedEntries - 1;

    /* a "name" below 64K is an id (MAKEINTRESOURCE) */
    if (!((ULONG_PTR)name >> 16)) return find_by_id(root, dir, LOWORD(name), want_dir);
    len = wide_strlen(name);
    while (lo <= hi)
    {
        int mid = (lo + hi) / 2, cmp;
        if (entries[mid].NameOffset + sizeof(WORD) > root->size) return NULL;
        cmp = compare_name(name, len, (const IMAGE_RESOURCE_DIR_STRING_U *)(root->base + entries[mid].NameOffset));
        if (!cmp) return entry_target(root, &entries[mid], want_dir);
        if (cmp > 0) lo = mid + 1;
        else hi = mid - 1;
    }
    return NULL;
}

static void add_language(WORD *list, int *count, WORD lang)
{
    for (int i = 0; i < *count; i++) if (list[i] == lang) return;
    list[(*count)++] = lang;
}

/*
 * The language level.  A named language is tried as given, then as its
 * primary language with a neutral sublanguage, then as neutral; a neutral
 * request (what FindResource passes) goes on to the user's language -- Wring's
 * locale is en-US, as GetUserDefaultLangID says -- and to English, and takes
 * the first language there is rather than fail.
 */
static const void *find_language(const struct resource_root *root, const IMAGE_RESOURCE_DIRECTORY *dir,
                                 WORD lang, BOOL want_dir)
{
    WORD list[6];
    int count = 0;
    const void *found;
    BOOL neutral = PRIMARYLANGID(lang) == LANG_NEUTRAL;

    add_language(list, &count, lang);
    add_language(list, &count, MAKELANGID(PRIMARYLANGID(lang), SUBLANG_NEUTRAL));
    add_language(list, &count, MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL));
    if (neutral)
    {
        add_language(list, &count, MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US));
        add_language(list, &count, MAKELANGID(LANG_ENGLISH, SUBLANG_NEUTRAL));
    }
    for (int i = 0; i < count; i++)
        if ((found = find_by_id(root, dir, list[i], want_dir))) return found;
    if (neutral && dir->NumberOfNamedEntries + dir->NumberOfIdEntries)
        return entry_target(root, &dir_entries(dir)[0], want_dir);
    return NULL;
}

/*
 * Walks level entries of info (1 type, 2 name, 3 language) from the root;
 * level 0 is the root itself.  The last step must be a directory when
 * want_dir is set, a data entry otherwise.
 */
static NTSTATUS find_entry(HMODULE module, const LDR_RESOURCE_INFO *info, ULONG level, const void **ret,
                           BOOL want_dir)
{
    struct resource_root root;
    const IMAGE_RESOURCE_DIRECTORY *dir;

    if (!module) module = NtCurrentTeb()->Peb->ImageBaseAddress;
    if (!(root.base = RtlImageDirectoryEntryToData(module, TRUE, IMAGE_DIRECTORY_ENTRY_RESOURCE, &root.size)))
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    if (level > 3) return STATUS_INVALID_PARAMETER;
    dir = (const IMAGE_RESOURCE_DIRECTORY *)root.base;
    if (!level)
    {
        *ret = dir;
        return STATUS_SUCCESS;
    }
    if (!(dir = find_by_name(&root, dir, (const WCHAR *)info->Type, want_dir || level > 1)))
        return STATUS_RESOURCE_TYPE_NOT_FOUND;
    if (level > 1 && !(dir = find_by_name(&root, dir, (const WCHAR *)info->Name, want_dir || level > 2)))
        return STATUS_RESOURCE_NAME_NOT_FOUND;
    if (level > 2 && !(dir = find_language(&root, dir, info->Language, want_dir)))
        return STATUS_RESOURCE_LANG_NOT_FOUND;
    *ret = dir;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI LdrFindResourceDirectory_U(HMODULE module, const LDR_RESOURCE_INFO *info, ULONG level,
                                           const IMAGE_RESOURCE_DIRECTORY **dir)
{
    return find_entry(module, info, level, (const void **)dir, TRUE);
}

NTSTATUS WINAPI LdrFindResource_U(HMODULE module, const LDR_RESOURCE_INFO *info, ULONG level,
                                  const IMAGE_RESOURCE_DATA_ENTRY **entry)
{
    return find_entry(module, info, level, (const void **)entry, FALSE);
}

NTSTATUS WINAPI LdrAccessResource(HMODULE module, const IMAGE_RESOURCE_DATA_ENTRY *entry, void **ptr, ULONG *size)
{
    HMODULE base;
    ULONG dir_size;

    if (!module) module = NtCurrentTeb()->Peb->ImageBaseAddress;
    base = module_base(module);
    if (!RtlImageDirectoryEntryToData(module, TRUE, IMAGE_DIRECTORY_ENTRY_RESOURCE, &dir_size))
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    if (ptr)
    {
        if (is_datafile(module))
        {
            if (!(*ptr = RtlImageRvaToVa(RtlImageNtHeader(base), base, entry->OffsetToData, NULL)))
                return STATUS_RESOURCE_DATA_NOT_FOUND;
        }
        else *ptr = (char *)base + entry->OffsetToData;
    }
    if (size) *size = entry->Size;
    return STATUS_SUCCESS;
}
