/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The PE loader: maps PE32+ x86-64 images, relocates them, binds their imports
 * (by name, by ordinal, through forwarders and api-ms-win-* sets), sets up
 * their TLS and runs their initialisation in dependency order.
 *
 * Every image is validated against the file size before anything is mapped,
 * so a malformed file is refused with one line instead of a crash.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "private.h"

#define MAX_FORWARD_DEPTH 16
#define TLS_SLOTS_MAX 256

struct module
{
    LDR_DATA_TABLE_ENTRY ldr;   /* first: LdrFindEntryForAddress hands out its address */
    char *unix_path;
    char *name;                 /* lower-case base name: "kernel32.dll" */
    char *base;
    size_t size;
    IMAGE_NT_HEADERS64 *nt;
    int refcount;
    bool system;                /* one of Wring's own DLLs */
    bool is_exe;
    bool attaching, attached;
    bool no_thread_calls;       /* DisableThreadLibraryCalls */
    struct module **deps;
    size_t dep_count, dep_capacity;
    int tls_index;
    /* the TLS directory as checked at load: the image's copy is writable program memory
       (the index may even be written over it), and the bounds must stay the checked ones */
    IMAGE_TLS_DIRECTORY64 *tls, tls_dir;
};

static struct module **modules;
static size_t module_count, module_capacity;
static struct module **init_order;      /* modules whose attach ran, in order */
static size_t init_count, init_capacity;
static pthread_mutex_t loader_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutexattr_t loader_lock_attr;
static char *system_dir;                /* where Wring's DLLs are */
static bool build_tree;                 /* system_dir/NAME/NAME.dll layout */
static char *exe_dir;
static struct module *exe_module;
static struct module **tls_modules;
static int tls_count;
static bool process_attached;

/* The first error while loading, for the one line shown to the user. */
static char load_error[512];

static void set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void set_error(const char *fmt, ...)
{
    va_list ap;
    if (load_error[0]) return;
    va_start(ap, fmt);
    vsnprintf(load_error, sizeof(load_error), fmt, ap);
    va_end(ap);
}

static void lock_loader(void)
{
    pthread_mutex_lock(&loader_lock);
}

static void unlock_loader(void)
{
    pthread_mutex_unlock(&loader_lock);
}

void loader_system_dir_init(void)
{
    char buf[PATH_MAX], path[PATH_MAX + 64];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
    struct stat st;

    pthread_mutexattr_init(&loader_lock_attr);
    pthread_mutexattr_settype(&loader_lock_attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&loader_lock, &loader_lock_attr);

    if (n > 0)
    {
        buf[n] = 0;
        char *slash = strrchr(buf, '/');
        if (slash) *slash = 0;
        /* a binary in the build tree finds the freshly built DLLs beside it */
        snprintf(path, sizeof(path), "%s/dlls/ntdll/ntdll.dll", buf);
        if (!stat(path, &st))
        {
            build_tree = true;
            if (asprintf(&system_dir, "%s/dlls", buf) < 0) abort();
            return;
        }
    }
    /* installed: the configured directory, or lib/wring beside bin/ for a relocated install */
    snprintf(path, sizeof(path), "%s/ntdll.dll", WRING_DLLDIR);
    if (stat(path, &st) && n > 0)
    {
        snprintf(path, sizeof(path), "%s/../lib/wring/ntdll.dll", buf);
        if (!stat(path, &st))
        {
            if (asprintf(&system_dir, "%s/../lib/wring", buf) < 0) abort();
            return;
        }
    }
    system_dir = strdup(WRING_DLLDIR);
}

static char *lower_dup(const char *s)
{
    char *d = strdup(s);
    for (char *p = d; *p; p++) if (*p >= 'A' && *p <= 'Z') *p += 0x20;
    return d;
}

/*
 * api-ms-win-* names are contracts, not files: Windows resolves them to the DLL
 * that implements the functions.  Wring implements the core sets in kernel32
 * (which forwards to ntdll where Windows does).
 */
static const char *redirect_dll(const char *name)
{
    static const struct { const char *prefix; const char *target; } sets[] = {
        { "api-ms-win-core-rtlsupport-", "ntdll.dll" },
        { "api-ms-win-core-", "kernel32.dll" },
        { "api-ms-win-crt-", "ucrtbase.dll" },
        { "api-ms-win-downlevel-kernel32-", "kernel32.dll" },
        { "ext-ms-win-", NULL },
        { "kernelbase.dll", "kernel32.dll" },
    };
    for (size_t i = 0; i < ARRAYSIZE(sets); i++)
        if (!strncmp(name, sets[i].prefix, strlen(sets[i].prefix))) return sets[i].target ? sets[i].target : name;
    return name;
}

static char *system_dll_path(const char *name)
{
    char *path;
    struct stat st;
    if (build_tree)
    {
        const char *dot = strrchr(name, '.');
        int stem = dot ? (int)(dot - name) : (int)strlen(name);
        if (asprintf(&path, "%s/%.*s/%s", system_dir, stem, name, name) < 0) return NULL;
    }
    else if (asprintf(&path, "%s/%s", system_dir, name) < 0) return NULL;
    if (!stat(path, &st) && S_ISREG(st.st_mode)) return path;
    free(path);
    return NULL;
}

/* A file in dir whose name matches without regard to case. */
static char *find_in_dir(const char *dir, const char *name)
{
    char *path;
    struct stat st;
    if (asprintf(&path, "%s/%s", dir, name) < 0) return NULL;
    if (!stat(path, &st) && S_ISREG(st.st_mode)) return path;
    free(path);
    DIR *d = opendir(dir);
    struct dirent *de;
    if (!d) return NULL;
    path = NULL;
    while ((de = readdir(d)))
        if (!strcasecmp(de->d_name, name))
        {
            if (asprintf(&path, "%s/%s", dir, de->d_name) < 0) path = NULL;
            break;
        }
    closedir(d);
    return path;
}

/* ------------------------------------------------------------------ image checks */

struct image_file
{
    unsigned char *data;
    size_t size;
};

static bool range_ok(size_t total, size_t offset, size_t len)
{
    return offset <= total && len <= total - offset;
}

static NTSTATUS read_image(const char *path, const char *display, struct image_file *file)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
    {
        set_error("%s: %s", display, strerror(errno));
        return errno == ENOENT ? STATUS_DLL_NOT_FOUND : STATUS_ACCESS_DENIED;
    }
    if (fstat(fd, &st) || !S_ISREG(st.st_mode))
    {
        close(fd);
        set_error("%s: not a regular file", display);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    file->size = st.st_size;
    file->data = file->size ? mmap(NULL, file->size, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
    close(fd);
    if (file->size && file->data == MAP_FAILED)
    {
        set_error("%s: cannot read: %s", display, strerror(errno));
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS check_image(const struct image_file *file, const char *display, IMAGE_NT_HEADERS64 **nt_ret)
{
    const IMAGE_DOS_HEADER *dos = (const IMAGE_DOS_HEADER *)file->data;
    IMAGE_NT_HEADERS64 *nt;
    const IMAGE_SECTION_HEADER *sec;

    if (file->size < sizeof(*dos) || dos->e_magic != IMAGE_DOS_SIGNATURE)
    {
        set_error("%s: not a Windows program (no MZ header)", display);
        return STATUS_INVALID_IMAGE_NOT_MZ;
    }
    if (!range_ok(file->size, dos->e_lfanew, offsetof(IMAGE_NT_HEADERS64, OptionalHeader) + 2))
    {
        set_error("%s: corrupt image: the PE header offset %#x is outside the file", display, (unsigned)dos->e_lfanew);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    nt = (IMAGE_NT_HEADERS64 *)(file->data + dos->e_lfanew);
    if (nt->Signature != IMAGE_NT_SIGNATURE)
    {
        set_error("%s: not a PE image (16-bit DOS or corrupt header)", display);
        return STATUS_INVALID_IMAGE_PROTECT;
    }
    if (nt->FileHeader.Machine != IMAGE_FILE_MACHINE_AMD64 || nt->OptionalHeader.Magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC)
    {
        set_error("%s: not a 64-bit x86-64 image (machine %#x): Wring runs only 64-bit Windows programs",
                  display, nt->FileHeader.Machine);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    if (nt->FileHeader.SizeOfOptionalHeader < offsetof(IMAGE_OPTIONAL_HEADER64, DataDirectory) ||
        !range_ok(file->size, dos->e_lfanew, offsetof(IMAGE_NT_HEADERS64, OptionalHeader) +
                  nt->FileHeader.SizeOfOptionalHeader + nt->FileHeader.NumberOfSections * sizeof(IMAGE_SECTION_HEADER)))
    {
        set_error("%s: corrupt image: truncated headers", display);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    const IMAGE_OPTIONAL_HEADER64 *opt = &nt->OptionalHeader;
    if (!opt->SizeOfImage || opt->SizeOfImage > 0x80000000u || opt->SizeOfHeaders > opt->SizeOfImage ||
        !opt->SectionAlignment || (opt->ImageBase & 0xffff) ||
        offsetof(IMAGE_OPTIONAL_HEADER64, DataDirectory) + opt->NumberOfRvaAndSizes * sizeof(IMAGE_DATA_DIRECTORY) >
            nt->FileHeader.SizeOfOptionalHeader)
    {
        set_error("%s: corrupt image: inconsistent optional header", display);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    sec = IMAGE_FIRST_SECTION(nt);
    for (unsigned i = 0; i < nt->FileHeader.NumberOfSections; i++)
    {
        size_t raw = sec[i].SizeOfRawData < sec[i].Misc.VirtualSize || !sec[i].Misc.VirtualSize
                     ? sec[i].SizeOfRawData : sec[i].Misc.VirtualSize;
        size_t vsize = sec[i].Misc.VirtualSize ? sec[i].Misc.VirtualSize : sec[i].SizeOfRawData;
        if (raw && !range_ok(file->size, sec[i].PointerToRawData, raw))
        {
            set_error("%s: corrupt or truncated image: section %.8s lies beyond the end of the file", display, sec[i].Name);
            return STATUS_INVALID_IMAGE_FORMAT;
        }
        if (!range_ok(opt->SizeOfImage, sec[i].VirtualAddress, vsize) || !range_ok(opt->SizeOfImage, sec[i].VirtualAddress, raw))
        {
            set_error("%s: corrupt image: section %.8s lies outside the image", display, sec[i].Name);
            return STATUS_INVALID_IMAGE_FORMAT;
        }
        /* a section copied over the headers would change them after they were checked */
        if ((vsize || raw) && sec[i].VirtualAddress < opt->SizeOfHeaders)
        {
            set_error("%s: corrupt image: section %.8s overlaps the headers", display, sec[i].Name);
            return STATUS_INVALID_IMAGE_FORMAT;
        }
    }
    if (opt->SizeOfHeaders > file->size)
    {
        set_error("%s: corrupt or truncated image: headers end beyond the file", display);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    /* only SizeOfHeaders bytes are copied into the image, and the mapped copy of
       the NT headers and section table is what the loader reads from then on */
    if ((size_t)((const char *)(sec + nt->FileHeader.NumberOfSections) - (const char *)file->data) > opt->SizeOfHeaders)
    {
        set_error("%s: corrupt image: the PE headers and section table lie beyond SizeOfHeaders (%#x)",
                  display, (unsigned)opt->SizeOfHeaders);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    *nt_ret = nt;
    return STATUS_SUCCESS;
}

/* A directory of the mapped image, or NULL when absent or out of bounds. */
static void *image_dir(const struct module *mod, unsigned int index, size_t min_size, DWORD *size_ret)
{
    const IMAGE_OPTIONAL_HEADER64 *opt = &mod->nt->OptionalHeader;
    if (index >= opt->NumberOfRvaAndSizes) return NULL;
    DWORD rva = opt->DataDirectory[index].VirtualAddress, size = opt->DataDirectory[index].Size;
    if (!rva || size < min_size || !range_ok(mod->size, rva, size)) return NULL;
    if (size_ret) *size_ret = size;
    return mod->base + rva;
}

/* A NUL-terminated string at rva, checked against the image bounds. */
static const char *image_string(const struct module *mod, DWORD rva)
{
    if (!rva || rva >= mod->size) return NULL;
    if (!memchr(mod->base + rva, 0, mod->size - rva)) return NULL;
    return mod->base + rva;
}

/* ------------------------------------------------------------------ relocations */

static NTSTATUS relocate(struct module *mod, LONGLONG delta)
{
    DWORD size;
    char *dir = image_dir(mod, IMAGE_DIRECTORY_ENTRY_BASERELOC, sizeof(IMAGE_BASE_RELOCATION), &size);
    char *end;

    if (!delta) return STATUS_SUCCESS;
    /* only IMAGE_FILE_RELOCS_STRIPPED ties an image to its base: a DLL with no absolute
       address in it (ld then writes no .reloc) loads anywhere, as on Windows */
    const IMAGE_OPTIONAL_HEADER64 *opt = &mod->nt->OptionalHeader;
    if ((opt->NumberOfRvaAndSizes <= IMAGE_DIRECTORY_ENTRY_BASERELOC ||
         !opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress) &&
        !(mod->nt->FileHeader.Characteristics & IMAGE_FILE_RELOCS_STRIPPED))
        return STATUS_SUCCESS;
    if (!dir || (mod->nt->FileHeader.Characteristics & IMAGE_FILE_RELOCS_STRIPPED))
    {
        set_error("%s: cannot be loaded at %p: its preferred base %#lx is taken and it has no relocations",
                  mod->name, mod->base, (unsigned long)mod->nt->OptionalHeader.ImageBase);
        return STATUS_CONFLICTING_ADDRESSES;
    }
    end = dir + size;
    while (dir + sizeof(IMAGE_BASE_RELOCATION) <= end)
    {
        IMAGE_BASE_RELOCATION *block = (IMAGE_BASE_RELOCATION *)dir;
        if (block->SizeOfBlock < sizeof(*block) || block->SizeOfBlock > (size_t)(end - dir)) break;
        WORD *entry = (WORD *)(block + 1);
        size_t count = (block->SizeOfBlock - sizeof(*block)) / sizeof(WORD);
        for (size_t i = 0; i < count; i++)
        {
            DWORD rva = block->VirtualAddress + (entry[i] & 0xfff);
            /* the headers were checked once and are read from then on: no fixup may change them */
            if ((entry[i] >> 12) != IMAGE_REL_BASED_ABSOLUTE && rva < mod->nt->OptionalHeader.SizeOfHeaders) goto bad;
            switch (entry[i] >> 12)
            {
            case IMAGE_REL_BASED_ABSOLUTE:
                break;
            case IMAGE_REL_BASED_DIR64:
                if (!range_ok(mod->size, rva, 8)) goto bad;
                *(ULONGLONG *)(mod->base + rva) += delta;
                break;
            case IMAGE_REL_BASED_HIGHLOW:
                if (!range_ok(mod->size, rva, 4)) goto bad;
                *(DWORD *)(mod->base + rva) += (DWORD)delta;
                break;
            default:
                goto bad;
            }
        }
        dir += block->SizeOfBlock;
    }
    return STATUS_SUCCESS;
bad:
    set_error("%s: corrupt image: bad base relocation", mod->name);
    return STATUS_INVALID_IMAGE_FORMAT;
}

/* ------------------------------------------------------------------ mapping */

static ULONG section_protect(DWORD ch)
{
    bool r = ch & IMAGE_SCN_MEM_READ, w = ch & IMAGE_SCN_MEM_WRITE, x = ch & IMAGE_SCN_MEM_EXECUTE;
    /* writable image pages are copy-on-write, and Windows says so */
    if (x) return w ? PAGE_EXECUTE_WRITECOPY : (r ? PAGE_EXECUTE_READ : PAGE_EXECUTE);
    if (w) return PAGE_WRITECOPY;
    return r ? PAGE_READONLY : PAGE_NOACCESS;
}

/* Checks an image held in memory, maps and relocates it; the fuzz target (tests/fuzz) calls it on its input. */
static NTSTATUS map_image_buffer(const struct image_file *file, const char *unix_path, const char *display,
                                 struct module **mod_ret)
{
    IMAGE_NT_HEADERS64 *nt;
    NTSTATUS status;
    struct module *mod;
    char *base;

    if ((status = check_image(file, display, &nt))) return status;

    size_t size = (nt->OptionalHeader.SizeOfImage + 0xfff) & ~0xfffUL;
    base = virtual_reserve((void *)nt->OptionalHeader.ImageBase, size);
    if (!base) base = virtual_reserve(NULL, size);
    if (!base)
    {
        set_error("%s: out of memory mapping %zu bytes", display, size);
        return STATUS_NO_MEMORY;
    }
    mprotect(base, size, PROT_READ | PROT_WRITE);
    memcpy(base, file->data, nt->OptionalHeader.SizeOfHeaders);
    const IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(nt);
    for (unsigned i = 0; i < nt->FileHeader.NumberOfSections; i++)
    {
        size_t raw = sec[i].SizeOfRawData;
        if (sec[i].Misc.VirtualSize && raw > sec[i].Misc.VirtualSize) raw = sec[i].Misc.VirtualSize;
        if (raw) memcpy(base + sec[i].VirtualAddress, file->data + sec[i].PointerToRawData, raw);
    }

    mod = calloc(1, sizeof(*mod));
    mod->base = base;
    mod->size = size;
    mod->nt = (IMAGE_NT_HEADERS64 *)(base + ((const char *)nt - (const char *)file->data));
    mod->unix_path = strdup(unix_path);
    const char *slash = strrchr(unix_path, '/');
    mod->name = lower_dup(slash ? slash + 1 : unix_path);
    mod->refcount = 1;
    mod->tls_index = -1;
    TRACE(LOADER, "mapped %s at %p (preferred %#lx, %zu bytes)", display, base,
          (unsigned long)nt->OptionalHeader.ImageBase, size);
    if ((status = relocate(mod, (LONGLONG)(base - (char *)nt->OptionalHeader.ImageBase))))
    {
        munmap(base, size);
        free(mod->unix_path);
        free(mod->name);
        free(mod);
        return status;
    }
    mod->nt->OptionalHeader.ImageBase = (ULONG_PTR)base;
    *mod_ret = mod;
    return STATUS_SUCCESS;
}

static NTSTATUS map_image(const char *unix_path, const char *display, struct module **mod_ret)
{
    struct image_file file;
    NTSTATUS status;

    if ((status = read_image(unix_path, display, &file))) return status;
    status = map_image_buffer(&file, unix_path, display, mod_ret);
    if (file.size) munmap(file.data, file.size);
    return status;
}

/* Section protections, applied once imports are bound. */
static void protect_image(struct module *mod)
{
    const IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(mod->nt);
    unsigned count = mod->nt->FileHeader.NumberOfSections;
    size_t page = 0x1000;

    virtual_add_view(mod->base, mod->size, MEM_IMAGE, PAGE_EXECUTE_WRITECOPY);
    /* images whose sections are not page-aligned cannot be protected per section */
    if (mod->nt->OptionalHeader.SectionAlignment < page)
    {
        mprotect(mod->base, mod->size, PROT_READ | PROT_WRITE | PROT_EXEC);
        virtual_set_protection(mod->base, mod->size, PAGE_EXECUTE_READWRITE);
        return;
    }
    mprotect(mod->base, mod->size, PROT_READ);
    virtual_set_protection(mod->base, mod->size, PAGE_READONLY);
    for (unsigned i = 0; i < count; i++)
    {
        size_t vsize = sec[i].Misc.VirtualSize ? sec[i].Misc.VirtualSize : sec[i].SizeOfRawData;
        size_t len = (vsize + page - 1) & ~(page - 1);
        ULONG prot = section_protect(sec[i].Characteristics);
        if (!len) continue;
        mprotect(mod->base + sec[i].VirtualAddress, len, protect_to_unix(prot));
        virtual_set_protection(mod->base + sec[i].VirtualAddress, len, prot);
    }
}

/* ------------------------------------------------------------------ the module list */

static WCHAR *wide_from(const char *s)
{
    return utf8_to_wide(s, strlen(s), NULL);
}

static void set_unicode(UNICODE_STRING *us, WCHAR *buffer)
{
    us->Buffer = buffer;
    us->Length = wide_len(buffer) * sizeof(WCHAR);
    us->MaximumLength = us->Length + sizeof(WCHAR);
}

static void add_module(struct module *mod)
{
    PEB *peb = process_peb();
    WCHAR *full;
    if (module_count == module_capacity)
    {
        module_capacity = module_capacity ? module_capacity * 2 : 16;
        modules = realloc(modules, module_capacity * sizeof(*modules));
    }
    modules[module_count++] = mod;

    if (mod->system)
    {
        char *dos;
        if (asprintf(&dos, "C:\\windows\\system32\\%s", mod->name) < 0) abort();
        full = wide_from(dos);
        free(dos);
    }
    else full = unix_to_dos_path(mod->unix_path);
    set_unicode(&mod->ldr.FullDllName, full);
    WCHAR *base_name = full + wide_len(full);
    while (base_name > full && base_name[-1] != '\\') base_name--;
    mod->ldr.BaseDllName.Buffer = base_name;
    mod->ldr.BaseDllName.Length = wide_len(base_name) * sizeof(WCHAR);
    mod->ldr.BaseDllName.MaximumLength = mod->ldr.BaseDllName.Length + sizeof(WCHAR);
    mod->ldr.DllBase = mod->base;
    mod->ldr.SizeOfImage = mod->size;
    mod->ldr.EntryPoint = mod->nt->OptionalHeader.AddressOfEntryPoint
                          ? mod->base + mod->nt->OptionalHeader.AddressOfEntryPoint : NULL;
    mod->ldr.LoadCount = 1;
    mod->ldr.TlsIndex = -1;
    mod->ldr.TimeDateStamp = mod->nt->FileHeader.TimeDateStamp;
    mod->ldr.OriginalBase = mod->nt->OptionalHeader.ImageBase;
    if (!mod->is_exe) mod->ldr.Flags |= LDR_IMAGE_IS_DLL;
    InsertTailList(&peb->LdrData->InLoadOrderModuleList, &mod->ldr.InLoadOrderLinks);
    InsertTailList(&peb->LdrData->InMemoryOrderModuleList, &mod->ldr.InMemoryOrderLinks);
    InitializeListHead(&mod->ldr.InInitializationOrderLinks);
}

static void remove_module(struct module *mod)
{
    for (size_t i = 0; i < module_count; i++)
        if (modules[i] == mod)
        {
            memmove(&modules[i], &modules[i + 1], (module_count - i - 1) * sizeof(*modules));
            module_count--;
            break;
        }
    RemoveEntryList(&mod->ldr.InLoadOrderLinks);
    RemoveEntryList(&mod->ldr.InMemoryOrderLinks);
    RemoveEntryList(&mod->ldr.InInitializationOrderLinks);
}

static struct module *find_module_by_name(const char *lower_name)
{
    for (size_t i = 0; i < module_count; i++)
        if (!strcmp(modules[i]->name, lower_name)) return modules[i];
    return NULL;
}

static struct module *find_module_by_base(const void *base)
{
    for (size_t i = 0; i < module_count; i++)
        if (modules[i]->base == base) return modules[i];
    return NULL;
}

static struct module *find_module_by_address(const void *addr)
{
    for (size_t i = 0; i < module_count; i++)
        if ((const char *)addr >= modules[i]->base && (const char *)addr < modules[i]->base + modules[i]->size)
            return modules[i];
    return NULL;
}

static void add_dependency(struct module *mod, struct module *dep)
{
    if (mod->dep_count == mod->dep_capacity)
    {
        mod->dep_capacity = mod->dep_capacity ? mod->dep_capacity * 2 : 8;
        mod->deps = realloc(mod->deps, mod->dep_capacity * sizeof(*mod->deps));
    }
    mod->deps[mod->dep_count++] = dep;
}

/* ------------------------------------------------------------------ exports */

static NTSTATUS load_dll(const char *name, struct module *importer, struct module **ret);

/*
 * Where imports and forwarders find the DLL they name.  The fuzz target
 * (tests/fuzz, built with WRING_FUZZ_LOADER) resolves every name to the image
 * under test, so its import and forwarder parsing runs over its own export
 * table instead of loading files; the shipped wring always loads the DLL.
 */
#ifdef WRING_FUZZ_LOADER
NTSTATUS fuzz_load_dependency(const char *name, struct module *importer, struct module **ret);
#define load_dependency fuzz_load_dependency
#else
#define load_dependency load_dll
#endif

static const IMAGE_EXPORT_DIRECTORY *export_dir(const struct module *mod, DWORD *size)
{
    return image_dir(mod, IMAGE_DIRECTORY_ENTRY_EXPORT, sizeof(IMAGE_EXPORT_DIRECTORY), size);
}

/* The export with this ordinal's index into AddressOfFunctions, or -1. */
static int export_index_by_name(const struct module *mod, const IMAGE_EXPORT_DIRECTORY *exp, const char *name, int hint)
{
    const DWORD *names;
    const WORD *ordinals;
    if (!range_ok(mod->size, exp->AddressOfNames, exp->NumberOfNames * 4ull) ||
        !range_ok(mod->size, exp->AddressOfNameOrdinals, exp->NumberOfNames * 2ull))
        return -1;
    names = (const DWORD *)(mod->base + exp->AddressOfNames);
    ordinals = (const WORD *)(mod->base + exp->AddressOfNameOrdinals);
    if (hint >= 0 && (DWORD)hint < exp->NumberOfNames)
    {
        const char *s = image_string(mod, names[hint]);
        if (s && !strcmp(s, name)) return ordinals[hint];
    }
    int lo = 0, hi = (int)exp->NumberOfNames - 1;
    while (lo <= hi)
    {
        int mid = (lo + hi) / 2;
        const char *s = image_string(mod, names[mid]);
        int cmp = s ? strcmp(name, s) : -1;
        if (!cmp) return ordinals[mid];
        if (cmp < 0) hi = mid - 1;
        else lo = mid + 1;
    }
    return -1;
}

static NTSTATUS resolve_export(struct module *mod, const char *name, int ordinal, int hint, int depth, void **addr);

/* "dll.name" or "dll.#ordinal" */
static NTSTATUS resolve_forward(struct module *mod, const char *forward, int depth, void **addr)
{
    const char *dot = strrchr(forward, '.');
    char dll[256];
    struct module *target;
    NTSTATUS status;

    if (!dot || dot == forward || (size_t)(dot - forward) > sizeof(dll) - 5 || depth >= MAX_FORWARD_DEPTH)
    {
        set_error("%s: bad or looping forwarded export '%s'", mod->name, forward);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    memcpy(dll, forward, dot - forward);
    dll[dot - forward] = 0;
    if (!strchr(dll, '.')) strcat(dll, ".dll");
    TRACE(LOADER, "%s: forwarder to %s", mod->name, forward);
    if ((status = load_dependency(dll, mod, &target))) return status;
    if (dot[1] == '#') return resolve_export(target, NULL, atoi(dot + 2), -1, depth + 1, addr);
    return resolve_export(target, dot + 1, -1, -1, depth + 1, addr);
}

static NTSTATUS resolve_export(struct module *mod, const char *name, int ordinal, int hint, int depth, void **addr)
{
    DWORD size;
    const IMAGE_EXPORT_DIRECTORY *exp = export_dir(mod, &size);
    long long index;    /* an ordinal less the file's Base, which may be any 32-bit value */

    if (!exp) return name ? STATUS_ENTRYPOINT_NOT_FOUND : STATUS_ORDINAL_NOT_FOUND;
    if (name) index = export_index_by_name(mod, exp, name, hint);
    else index = (long long)ordinal - exp->Base;
    if (index < 0 || index >= exp->NumberOfFunctions ||
        !range_ok(mod->size, exp->AddressOfFunctions, exp->NumberOfFunctions * 4ull))
        return name ? STATUS_ENTRYPOINT_NOT_FOUND : STATUS_ORDINAL_NOT_FOUND;
    DWORD rva = ((const DWORD *)(mod->base + exp->AddressOfFunctions))[index];
    if (!rva || rva >= mod->size) return name ? STATUS_ENTRYPOINT_NOT_FOUND : STATUS_ORDINAL_NOT_FOUND;
    DWORD dir_rva = mod->nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT].VirtualAddress;
    if (rva >= dir_rva && rva < dir_rva + size)
    {
        const char *forward = image_string(mod, rva);
        if (!forward) return STATUS_INVALID_IMAGE_FORMAT;
        return resolve_forward(mod, forward, depth, addr);
    }
    *addr = mod->base + rva;
    return STATUS_SUCCESS;
}

/* ------------------------------------------------------------------ functions Wring lacks */

/*
 * An import of a function that one of Wring's own DLLs does not implement is
 * bound to a small thunk: the program still starts (Windows programs import
 * many functions they never call), and the first call names the function and
 * ends the process instead of jumping into nothing.
 */
struct missing
{
    char dll[64];
    char function[160];
};

static void WINAPI missing_function_called(const struct missing *m)
{
    wring_unimplemented(m->dll, m->function);
}

void WINAPI wring_unimplemented(const char *dll, const char *function)
{
    wring_error("unimplemented function %s.%s called", dll, function);
    fatal_status(STATUS_ENTRYPOINT_NOT_FOUND);
}

static void *make_missing_thunk(const char *dll, const char *function)
{
    static unsigned char *page;
    static size_t used = 4096;
    struct missing *m = calloc(1, sizeof(*m));
    unsigned char code[32], *p = code;

    snprintf(m->dll, sizeof(m->dll), "%s", dll);
    snprintf(m->function, sizeof(m->function), "%s", function);
    if (used + sizeof(code) > 4096)
    {
        page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (page == MAP_FAILED) abort();
        used = 0;
    }
    /* mov rcx, m ; mov rax, missing_function_called ; jmp rax  (rcx: first ms_abi argument) */
    *p++ = 0x48; *p++ = 0xb9; memcpy(p, &m, 8); p += 8;
    void *target = (void *)missing_function_called;
    *p++ = 0x48; *p++ = 0xb8; memcpy(p, &target, 8); p += 8;
    *p++ = 0xff; *p++ = 0xe0;
    mprotect(page, 4096, PROT_READ | PROT_WRITE);
    memcpy(page + used, code, p - code);
    mprotect(page, 4096, PROT_READ | PROT_EXEC);
    used += sizeof(code);
    return page + used - sizeof(code);
}

/* ------------------------------------------------------------------ imports */

static NTSTATUS bind_imports(struct module *mod)
{
    IMAGE_IMPORT_DESCRIPTOR *desc = image_dir(mod, IMAGE_DIRECTORY_ENTRY_IMPORT, sizeof(*desc), NULL);
    NTSTATUS status;

    if (!desc) return STATUS_SUCCESS;
    for (; range_ok(mod->size, (char *)desc - mod->base, sizeof(*desc)) && desc->Name; desc++)
    {
        const char *dll_name = image_string(mod, desc->Name);
        struct module *dep;
        if (!dll_name)
        {
            set_error("%s: corrupt import table", mod->name);
            return STATUS_INVALID_IMAGE_FORMAT;
        }
        TRACE(LOADER, "%s imports from %s", mod->name, dll_name);
        if ((status = load_dependency(dll_name, mod, &dep))) return status;

        DWORD lookup_rva = desc->OriginalFirstThunk ? desc->OriginalFirstThunk : desc->FirstThunk;
        for (size_t i = 0;; i++)
        {
            if (!range_ok(mod->size, lookup_rva + i * 8, 8) || !range_ok(mod->size, desc->FirstThunk + i * 8, 8))
            {
                set_error("%s: corrupt import table for %s", mod->name, dll_name);
                return STATUS_INVALID_IMAGE_FORMAT;
            }
            ULONGLONG entry = *(ULONGLONG *)(mod->base + lookup_rva + i * 8);
            ULONGLONG *iat = (ULONGLONG *)(mod->base + desc->FirstThunk + i * 8);
            void *addr = NULL;
            char what[160];
            if (!entry) break;
            if (IMAGE_SNAP_BY_ORDINAL64(entry))
            {
                int ordinal = IMAGE_ORDINAL64(entry);
                snprintf(what, sizeof(what), "#%d", ordinal);
                status = resolve_export(dep, NULL, ordinal, -1, 0, &addr);
            }
            else
            {
                const IMAGE_IMPORT_BY_NAME *by_name = (const IMAGE_IMPORT_BY_NAME *)(mod->base + (DWORD)entry);
                const char *fname = image_string(mod, (DWORD)entry + 2);
                /* the hint before the name is read too: an RVA within 2 bytes of 4 GB wraps past the check */
                if ((DWORD)entry >= mod->size || (DWORD)entry + 2 >= mod->size || !fname)
                {
                    set_error("%s: corrupt import name for %s", mod->name, dll_name);
                    return STATUS_INVALID_IMAGE_FORMAT;
                }
                snprintf(what, sizeof(what), "%s", fname);
                status = resolve_export(dep, fname, -1, by_name->Hint, 0, &addr);
            }
            if (status == STATUS_ENTRYPOINT_NOT_FOUND || status == STATUS_ORDINAL_NOT_FOUND)
            {
                if (!dep->system)
                {
                    set_error("%s: function %s not found in %s", mod->name, what, dep->name);
                    return status;
                }
                TRACE(STUB, "%s imports %s.%s, which Wring does not implement", mod->name, dep->name, what);
                addr = make_missing_thunk(dep->name, what);
                status = STATUS_SUCCESS;
            }
            if (status) return status;
            *iat = (ULONGLONG)addr;
        }
    }
    return STATUS_SUCCESS;
}

/* ------------------------------------------------------------------ TLS */

static void *alloc_tls_block(const struct module *mod)
{
    const IMAGE_TLS_DIRECTORY64 *tls = mod->tls;
    size_t data = tls->EndAddressOfRawData - tls->StartAddressOfRawData;
    /* zeroed by the heap, which need not touch pages fresh from the kernel: a large zero fill
       costs nothing until the thread uses it */
    char *block = RtlAllocateHeap(heap_process_heap(), HEAP_ZERO_MEMORY, data + tls->SizeOfZeroFill + 16);
    if (!block) return NULL;
    if (data) memcpy(block, (void *)tls->StartAddressOfRawData, data);   /* an empty template is 0..0 */
    return block;
}

static void **thread_tls_vector(TEB *teb)
{
    if (!teb->ThreadLocalStoragePointer)
        teb->ThreadLocalStoragePointer = RtlAllocateHeap(heap_process_heap(), HEAP_ZERO_MEMORY,
                                                         TLS_SLOTS_MAX * sizeof(void *));
    return teb->ThreadLocalStoragePointer;
}

static void give_tls_block(TEB *teb, void *ctx)
{
    struct module *mod = ctx;
    thread_tls_vector(teb)[mod->tls_index] = alloc_tls_block(mod);
}

static void take_tls_block(TEB *teb, void *ctx)
{
    struct module *mod = ctx;
    void **vector = teb->ThreadLocalStoragePointer;
    if (!vector) return;
    RtlFreeHeap(heap_process_heap(), 0, vector[mod->tls_index]);
    vector[mod->tls_index] = NULL;
}

/* Whether the program may read [start, end) once the image is protected: a new thread's TLS
   block is copied from there by the Unix side.  protect_image leaves everything outside the
   sections readable, so only a section without read access (PAGE_NOACCESS, or PAGE_EXECUTE,
   which protection keys can make execute-only) can stand in the way. */
static bool image_range_readable(const struct module *mod, ULONG_PTR start, ULONG_PTR end)
{
    const IMAGE_SECTION_HEADER *sec = IMAGE_FIRST_SECTION(mod->nt);
    unsigned count = mod->nt->FileHeader.NumberOfSections;

    if (mod->nt->OptionalHeader.SectionAlignment < 0x1000) return true;   /* mapped all read-write */
    for (unsigned i = 0; i < count; i++)
    {
        size_t vsize = sec[i].Misc.VirtualSize ? sec[i].Misc.VirtualSize : sec[i].SizeOfRawData;
        ULONG_PTR lo = (ULONG_PTR)mod->base + sec[i].VirtualAddress;
        ULONG_PTR hi = lo + ((vsize + 0xfff) & ~(size_t)0xfff);
        ULONG prot = section_protect(sec[i].Characteristics);
        if ((prot == PAGE_NOACCESS || prot == PAGE_EXECUTE) && start < hi && end > lo) return false;
    }
    return true;
}

static NTSTATUS setup_tls(struct module *mod)
{
    IMAGE_TLS_DIRECTORY64 *tls = image_dir(mod, IMAGE_DIRECTORY_ENTRY_TLS, sizeof(*tls), NULL);
    if (!tls) return STATUS_SUCCESS;
    ULONG_PTR lo = (ULONG_PTR)mod->base, hi = lo + mod->size;
    /* the template is copied for every thread, so both ends must be in the image (an
       empty one is 0..0); the index is written, so it must be too, without wrapping;
       and a zero fill larger than the image is no data the image could describe */
    if (tls->EndAddressOfRawData < tls->StartAddressOfRawData ||
        ((tls->StartAddressOfRawData || tls->EndAddressOfRawData) &&
         (tls->StartAddressOfRawData < lo || tls->EndAddressOfRawData > hi)) ||
        (tls->AddressOfIndex && (tls->AddressOfIndex < lo || tls->AddressOfIndex > hi - 4)) ||
        tls->SizeOfZeroFill > mod->size ||
        !image_range_readable(mod, tls->StartAddressOfRawData, tls->EndAddressOfRawData))
    {
        set_error("%s: corrupt TLS directory", mod->name);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    if (tls_count >= TLS_SLOTS_MAX)
    {
        set_error("%s: too many modules with TLS", mod->name);
        return STATUS_NO_MEMORY;
    }
    mod->tls_dir = *tls;
    mod->tls = &mod->tls_dir;
    mod->tls_index = tls_count++;
    mod->ldr.TlsIndex = mod->tls_index;
    tls_modules = realloc(tls_modules, tls_count * sizeof(*tls_modules));
    tls_modules[mod->tls_index] = mod;
    if (mod->tls->AddressOfIndex) *(DWORD *)mod->tls->AddressOfIndex = mod->tls_index;
    /* every thread that exists gets its copy now, as Windows does for a DLL loaded later */
    threads_for_each_teb(give_tls_block, mod);
    TRACE(LOADER, "%s: TLS index %d", mod->name, mod->tls_index);
    return STATUS_SUCCESS;
}

static void call_tls_callbacks(struct module *mod, DWORD reason)
{
    if (!mod->tls || !mod->tls->AddressOfCallBacks) return;
    ULONG_PTR lo = (ULONG_PTR)mod->base, hi = lo + mod->size;
    for (ULONG_PTR *cb = (ULONG_PTR *)mod->tls->AddressOfCallBacks;
         (ULONG_PTR)cb >= lo && (ULONG_PTR)(cb + 1) <= hi && *cb; cb++)
    {
        TRACE(LOADER, "%s: TLS callback %#lx reason %u", mod->name, (unsigned long)*cb, (unsigned)reason);
        pe_call_tls_callback((void *)*cb, (HMODULE)mod->base, reason);
    }
}

/* ------------------------------------------------------------------ loading */

static void hand_over_unix_funcs(struct module *ntdll)
{
    void *addr;
    if (resolve_export(ntdll, WRING_UNIX_FUNCS_EXPORT, -1, -1, 0, &addr))
    {
        wring_error("%s does not export %s: the DLLs do not match this wring", ntdll->unix_path, WRING_UNIX_FUNCS_EXPORT);
        fatal_status(STATUS_INVALID_IMAGE_FORMAT);
    }
    *(const struct wring_unix_funcs **)addr = &unix_funcs;
    /* where a fault in the program's code goes on: ntdll's exception dispatcher */
    if (resolve_export(ntdll, "wring_exception_entry", -1, -1, 0, &addr))
    {
        wring_error("%s does not export wring_exception_entry: the DLLs do not match this wring", ntdll->unix_path);
        fatal_status(STATUS_INVALID_IMAGE_FORMAT);
    }
    signal_set_exception_entry(addr);
}

static void unload_module(struct module *mod);

static NTSTATUS load_path(const char *unix_path, bool system, bool is_exe, struct module **ret)
{
    struct module *mod;
    NTSTATUS status;
    const char *slash = strrchr(unix_path, '/');

    if ((status = map_image(unix_path, slash && !system && !is_exe ? slash + 1 : unix_path, &mod))) return status;
    if (!is_exe && !(mod->nt->FileHeader.Characteristics & IMAGE_FILE_DLL))
    {
        set_error("%s: is a program, not a DLL", unix_path);
        munmap(mod->base, mod->size);
        free(mod);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    mod->system = system;
    mod->is_exe = is_exe;
    add_module(mod);
    if (system && !strcmp(mod->name, "ntdll.dll")) hand_over_unix_funcs(mod);
    if ((status = bind_imports(mod)) || (status = setup_tls(mod)))
    {
        unload_module(mod);
        return status;
    }
    protect_image(mod);
    *ret = mod;
    return STATUS_SUCCESS;
}

static NTSTATUS load_dll(const char *name, struct module *importer, struct module **ret)
{
    char *lower = lower_dup(name), *path = NULL;
    struct module *mod;
    NTSTATUS status;
    bool system = false;
    const char *base_name;

    if (!strchr(lower, '.')) { char *t; if (asprintf(&t, "%s.dll", lower) < 0) abort(); free(lower); lower = t; }
    base_name = redirect_dll(lower);
    if ((mod = find_module_by_name(base_name)))
    {
        mod->refcount++;
        mod->ldr.LoadCount = mod->refcount;
        if (importer) add_dependency(importer, mod);
        *ret = mod;
        free(lower);
        return STATUS_SUCCESS;
    }
    /* Wring's own DLLs come first, as Windows' KnownDLLs do */
    if ((path = system_dll_path(base_name))) system = true;
    else if (exe_dir && (path = find_in_dir(exe_dir, base_name))) {}
    else
    {
        char cwd[PATH_MAX];
        if (getcwd(cwd, sizeof(cwd))) path = find_in_dir(cwd, base_name);
    }
    if (!path)
    {
        if (importer) set_error("%s: cannot find %s, which it imports", importer->name, name);
        else set_error("cannot find %s", name);
        free(lower);
        return STATUS_DLL_NOT_FOUND;
    }
    status = load_path(path, system, false, &mod);
    free(path);
    free(lower);
    if (status) return status;
    if (importer) add_dependency(importer, mod);
    *ret = mod;
    return STATUS_SUCCESS;
}

static void detach_module(struct module *mod, bool process_exit);

static void unload_module(struct module *mod)
{
    if (--mod->refcount > 0)
    {
        mod->ldr.LoadCount = mod->refcount;
        return;
    }
    TRACE(LOADER, "unloading %s", mod->name);
    if (mod->attached) detach_module(mod, false);
    remove_module(mod);
    for (size_t i = 0; i < mod->dep_count; i++) unload_module(mod->deps[i]);
    virtual_remove_view(mod->base);
    munmap(mod->base, mod->size);
    if (mod->tls_index >= 0)
    {
        threads_for_each_teb(take_tls_block, mod);
        tls_modules[mod->tls_index] = NULL;
    }
    free(mod->ldr.FullDllName.Buffer);
    free(mod->deps);
    free(mod->unix_path);
    free(mod->name);
    free(mod);
}

/* ------------------------------------------------------------------ initialisation */

static NTSTATUS attach_module(struct module *mod, void *reserved)
{
    NTSTATUS status;
    if (mod->attached || mod->attaching) return STATUS_SUCCESS;
    mod->attaching = true;
    for (size_t i = 0; i < mod->dep_count; i++)
        if ((status = attach_module(mod->deps[i], reserved))) return status;
    call_tls_callbacks(mod, DLL_PROCESS_ATTACH);
    if (!mod->is_exe && mod->ldr.EntryPoint)
    {
        TRACE(LOADER, "%s: DllMain(PROCESS_ATTACH)", mod->name);
        if (!pe_call_dll_entry(mod->ldr.EntryPoint, (HMODULE)mod->base, DLL_PROCESS_ATTACH, reserved))
        {
            set_error("%s: initialisation failed (DllMain returned FALSE)", mod->name);
            mod->attaching = false;
            return STATUS_DLL_INIT_FAILED;
        }
    }
    mod->attaching = false;
    mod->attached = true;
    InsertTailList(&process_peb()->LdrData->InInitializationOrderModuleList, &mod->ldr.InInitializationOrderLinks);
    if (init_count == init_capacity)
    {
        init_capacity = init_capacity ? init_capacity * 2 : 16;
        init_order = realloc(init_order, init_capacity * sizeof(*init_order));
    }
    init_order[init_count++] = mod;
    return STATUS_SUCCESS;
}

static void detach_module(struct module *mod, bool process_exit)
{
    mod->attached = false;
    for (size_t i = 0; i < init_count; i++)
        if (init_order[i] == mod)
        {
            memmove(&init_order[i], &init_order[i + 1], (init_count - i - 1) * sizeof(*init_order));
            init_count--;
            break;
        }
    if (!mod->is_exe && mod->ldr.EntryPoint)
    {
        TRACE(LOADER, "%s: DllMain(PROCESS_DETACH)", mod->name);
        pe_call_dll_entry(mod->ldr.EntryPoint, (HMODULE)mod->base, DLL_PROCESS_DETACH, process_exit ? (void *)1 : NULL);
    }
    call_tls_callbacks(mod, DLL_PROCESS_DETACH);
}

NTSTATUS loader_start(const char *exe_path, void **entry)
{
    struct module *ntdll, *kernel32;
    NTSTATUS status;
    char *slash;

    exe_dir = strdup(exe_path);
    if ((slash = strrchr(exe_dir, '/'))) *slash = 0;
    lock_loader();
    /* ntdll and kernel32 are in every Windows process, imported or not */
    if (!(status = load_dll("ntdll.dll", NULL, &ntdll)) && !(status = load_dll("kernel32.dll", NULL, &kernel32)))
        status = load_path(exe_path, false, true, &exe_module);
    if (!status && !(exe_module->nt->FileHeader.Characteristics & IMAGE_FILE_EXECUTABLE_IMAGE))
    {
        set_error("%s: not an executable", exe_path);
        status = STATUS_INVALID_IMAGE_FORMAT;
    }
    else if (!status && exe_module->nt->FileHeader.Characteristics & IMAGE_FILE_DLL)
    {
        set_error("%s: is a DLL, not a program", exe_path);
        status = STATUS_INVALID_IMAGE_FORMAT;
    }
    if (!status)
    {
        add_dependency(exe_module, ntdll);
        add_dependency(exe_module, kernel32);
        process_peb()->ImageBaseAddress = (HMODULE)(void *)exe_module->base;
        *entry = exe_module->base + exe_module->nt->OptionalHeader.AddressOfEntryPoint;
    }
    unlock_loader();
    if (status) wring_error("%s", load_error[0] ? load_error : "cannot load the program");
    return status;
}

void loader_attach_process(void)
{
    NTSTATUS status;
    lock_loader();
    status = attach_module(exe_module, (void *)1);
    process_attached = true;
    unlock_loader();
    if (status)
    {
        wring_error("%s", load_error);
        fatal_status(status);
    }
}

void loader_detach_process(void)
{
    lock_loader();
    if (process_attached)
    {
        process_attached = false;
        /* reverse initialisation order, as Windows does at exit */
        while (init_count) detach_module(init_order[init_count - 1], true);
    }
    unlock_loader();
}

/* A new thread: its TLS blocks, then the TLS callbacks and DllMain of each module, in load order. */
void loader_thread_attach(TEB *teb)
{
    lock_loader();
    thread_tls_vector(teb);
    for (int i = 0; i < tls_count; i++)
        if (tls_modules[i]) give_tls_block(teb, tls_modules[i]);
    for (size_t i = 0; i < init_count; i++)
    {
        struct module *mod = init_order[i];
        if (mod->no_thread_calls) continue;
        call_tls_callbacks(mod, DLL_THREAD_ATTACH);
        if (!mod->is_exe && mod->ldr.EntryPoint)
            pe_call_dll_entry(mod->ldr.EntryPoint, (HMODULE)mod->base, DLL_THREAD_ATTACH, NULL);
    }
    unlock_loader();
}

/* The mirror image, in reverse order, and the TLS blocks freed. */
void loader_thread_detach(TEB *teb)
{
    lock_loader();
    if (process_attached)
    {
        for (size_t i = init_count; i-- > 0;)
        {
            struct module *mod = init_order[i];
            if (mod->no_thread_calls) continue;
            if (!mod->is_exe && mod->ldr.EntryPoint)
                pe_call_dll_entry(mod->ldr.EntryPoint, (HMODULE)mod->base, DLL_THREAD_DETACH, NULL);
            call_tls_callbacks(mod, DLL_THREAD_DETACH);
        }
    }
    void **vector = teb->ThreadLocalStoragePointer;
    if (vector)
    {
        for (int i = 0; i < tls_count; i++) RtlFreeHeap(heap_process_heap(), 0, vector[i]);
        teb->ThreadLocalStoragePointer = NULL;
        RtlFreeHeap(heap_process_heap(), 0, vector);
    }
    unlock_loader();
}

NTSTATUS WINAPI LdrDisableThreadCalloutsForDll(HMODULE module)
{
    struct module *mod;
    NTSTATUS status = STATUS_SUCCESS;
    lock_loader();
    /* a module with TLS still needs its callbacks, so Windows refuses */
    if (!(mod = find_module_by_base(module))) status = STATUS_DLL_NOT_FOUND;
    else if (mod->tls) status = STATUS_INVALID_PARAMETER;
    else mod->no_thread_calls = true;
    unlock_loader();
    return status;
}

const char *loader_describe_address(const void *addr, char *buf, size_t size)
{
    struct module *mod = find_module_by_address(addr);
    if (mod) snprintf(buf, size, "%p (%s+%#lx)", addr, mod->name, (unsigned long)((const char *)addr - mod->base));
    else snprintf(buf, size, "%p", addr);
    return buf;
}

/* ------------------------------------------------------------------ Ldr* */

static char *module_name_from_unicode(const UNICODE_STRING *name)
{
    return wide_to_utf8(name->Buffer, name->Length / sizeof(WCHAR));
}

/* A DOS path (C:\x\y.dll) or a bare name. */
static NTSTATUS resolve_load_name(const char *name, char **unix_path)
{
    if (!strchr(name, '\\') && !strchr(name, '/')) return STATUS_NOT_FOUND;
    WCHAR *w = utf8_to_wide(name, strlen(name), NULL);
    for (WCHAR *p = w; *p; p++) if (*p == '/') *p = '\\';
    UNICODE_STRING us;
    set_unicode(&us, w);
    NTSTATUS status = nt_to_unix_path(&us, unix_path, false);
    free(w);
    return status ? STATUS_DLL_NOT_FOUND : STATUS_SUCCESS;
}

/* The file name in a DOS path to C:\windows\system32, where Windows keeps its own DLLs:
 * Wring's DLLs stand in for them there, whether or not a file of that name exists. */
static const char *system32_file_name(const char *name)
{
    const char *slash = strrchr(name, '\\');
    char *dir, *unix_dir = NULL, *system32;
    bool match = false;
    if (!slash || !slash[1]) return NULL;
    dir = strndup(name, slash - name);
    if (!dir) abort();
    if (!resolve_load_name(dir, &unix_dir))
    {
        if (asprintf(&system32, "%s/drive_c/windows/system32", prefix_dir()) < 0) abort();
        match = !strcmp(unix_dir, system32);
        free(system32);
    }
    free(unix_dir);
    free(dir);
    return match ? slash + 1 : NULL;
}

NTSTATUS WINAPI LdrLoadDll(LPCWSTR path, DWORD flags, const UNICODE_STRING *name, HMODULE *module)
{
    char *utf8 = module_name_from_unicode(name), *unix_path = NULL;
    const char *system_name;
    struct module *mod = NULL;
    NTSTATUS status;
    (void)path; (void)flags;

    lock_loader();
    load_error[0] = 0;
    if ((system_name = system32_file_name(utf8))) status = load_dll(system_name, NULL, &mod);
    else if (!resolve_load_name(utf8, &unix_path))
    {
        const char *slash = strrchr(unix_path, '/');
        char *lower = lower_dup(slash + 1);
        if ((mod = find_module_by_name(lower)))
        {
            mod->refcount++;
            mod->ldr.LoadCount = mod->refcount;
            status = STATUS_SUCCESS;
        }
        else status = load_path(unix_path, false, false, &mod);
        free(lower);
    }
    else status = load_dll(utf8, NULL, &mod);
    if (!status && process_attached && (status = attach_module(mod, NULL))) unload_module(mod);
    unlock_loader();
    if (status) TRACE(LOADER, "LdrLoadDll(%s) failed: %s", utf8, load_error);
    else *module = (HMODULE)mod->base;
    free(unix_path);
    free(utf8);
    return status;
}

NTSTATUS WINAPI LdrUnloadDll(HMODULE module)
{
    struct module *mod;
    NTSTATUS status = STATUS_SUCCESS;
    lock_loader();
    if (!(mod = find_module_by_base(module)) || mod->is_exe) status = STATUS_DLL_NOT_FOUND;
    else unload_module(mod);
    unlock_loader();
    return status;
}

NTSTATUS WINAPI LdrGetDllHandle(LPCWSTR path, ULONG flags, const UNICODE_STRING *name, HMODULE *module)
{
    char *utf8 = module_name_from_unicode(name), *lower, *base;
    struct module *mod;
    (void)path; (void)flags;

    base = utf8;
    for (char *p = utf8; *p; p++) if (*p == '\\' || *p == '/') base = p + 1;
    lower = lower_dup(base);
    if (!strchr(lower, '.')) { char *t; if (asprintf(&t, "%s.dll", lower) < 0) abort(); free(lower); lower = t; }
    lock_loader();
    mod = find_module_by_name(redirect_dll(lower));
    if (!mod && exe_module && !strcmp(lower, exe_module->name)) mod = exe_module;
    if (mod) *module = (HMODULE)(void *)mod->base;
    unlock_loader();
    free(lower);
    free(utf8);
    return mod ? STATUS_SUCCESS : STATUS_DLL_NOT_FOUND;
}

NTSTATUS WINAPI LdrGetProcedureAddress(HMODULE module, const ANSI_STRING *name, ULONG ordinal, void **address)
{
    struct module *mod;
    NTSTATUS status;
    char fname[512];

    lock_loader();
    if (!(mod = find_module_by_base(module))) status = STATUS_DLL_NOT_FOUND;
    else if (name)
    {
        snprintf(fname, sizeof(fname), "%.*s", name->Length, name->Buffer);
        status = resolve_export(mod, fname, -1, -1, 0, address);
    }
    else status = resolve_export(mod, NULL, ordinal, -1, 0, address);
    if (status == STATUS_ENTRYPOINT_NOT_FOUND && !name) status = STATUS_ORDINAL_NOT_FOUND;
    if (status == STATUS_ENTRYPOINT_NOT_FOUND) status = STATUS_PROCEDURE_NOT_FOUND;
    unlock_loader();
    return status;
}

NTSTATUS WINAPI LdrGetDllFullName(HMODULE module, UNICODE_STRING *name)
{
    struct module *mod;
    NTSTATUS status = STATUS_SUCCESS;
    lock_loader();
    mod = module ? find_module_by_base(module) : exe_module;
    if (!mod) status = STATUS_DLL_NOT_FOUND;
    else if (name->MaximumLength < mod->ldr.FullDllName.Length + sizeof(WCHAR))
    {
        /* the caller learns the size it needs, as with any other truncated string */
        memcpy(name->Buffer, mod->ldr.FullDllName.Buffer, name->MaximumLength & ~1);
        name->Length = mod->ldr.FullDllName.Length;
        status = STATUS_BUFFER_TOO_SMALL;
    }
    else
    {
        memcpy(name->Buffer, mod->ldr.FullDllName.Buffer, mod->ldr.FullDllName.Length + sizeof(WCHAR));
        name->Length = mod->ldr.FullDllName.Length;
    }
    unlock_loader();
    return status;
}

NTSTATUS WINAPI LdrFindEntryForAddress(const void *addr, LDR_DATA_TABLE_ENTRY **entry)
{
    struct module *mod;
    lock_loader();
    mod = find_module_by_address(addr);
    if (mod) *entry = &mod->ldr;
    unlock_loader();
    return mod ? STATUS_SUCCESS : STATUS_NO_MORE_ENTRIES;
}
