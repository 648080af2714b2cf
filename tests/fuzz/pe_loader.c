/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Fuzz target for the PE loader: each input is treated as a .exe/.dll file and
 * goes through the loader's own code, not a copy of it.  loader.c is compiled
 * into this file so that its static functions are reachable: the header and
 * section checks, mapping, base relocations, import binding (every imported
 * DLL is the image itself, through the WRING_FUZZ_LOADER hook), the export
 * table by name and by ordinal with its forwarders, and the TLS directory.
 *
 * Built with libFuzzer for `make fuzz`, and with replay_main.c as a plain
 * program that `make check` runs over the seeds and the regressions.
 */
#include <stdint.h>
#include "../../dlls/ntdll/unix/loader.c"
#include "pe_loader.h"

/* a longer export table adds nothing but time per input */
#define MAX_EXPORTS_TRIED 64

static struct module *fuzz_image;

NTSTATUS fuzz_load_dependency(const char *name, struct module *importer, struct module **ret)
{
    *ret = fuzz_image;
    return STATUS_SUCCESS;
}

/* Every export the table names and every ordinal it holds, as a program importing them would ask. */
static void resolve_exports(struct module *mod)
{
    DWORD size;
    const IMAGE_EXPORT_DIRECTORY *exp = export_dir(mod, &size);
    void *addr;

    if (!exp) return;
    if (range_ok(mod->size, exp->AddressOfNames, exp->NumberOfNames * 4ull))
    {
        const DWORD *names = (const DWORD *)(mod->base + exp->AddressOfNames);
        for (DWORD i = 0; i < exp->NumberOfNames && i < MAX_EXPORTS_TRIED; i++)
        {
            const char *name = image_string(mod, names[i]);
            if (name) resolve_export(mod, name, -1, (int)i, 0, &addr);
        }
    }
    for (DWORD i = 0; i < exp->NumberOfFunctions && i < MAX_EXPORTS_TRIED; i++)
        resolve_export(mod, NULL, (int)((exp->Base + i) & 0xffff), -1, 0, &addr);
}

/* Gives back what load_path would have registered, without the module list this target never enters. */
static void release_image(struct module *mod)
{
    if (mod->tls_index >= 0)
    {
        tls_modules[mod->tls_index] = NULL;
        tls_count = mod->tls_index;
    }
    munmap(mod->base, mod->size);
    free(mod->unix_path);
    free(mod->name);
    free(mod->deps);
    free(mod);
}

NTSTATUS fuzz_pe_image(const uint8_t *data, size_t size, const char **error)
{
    struct image_file file = { (unsigned char *)data, size };
    struct module *mod;
    NTSTATUS status;

    load_error[0] = 0;
    *error = load_error;
    if ((status = map_image_buffer(&file, "fuzz.dll", "fuzz.dll", &mod))) return status;
    fuzz_image = mod;
    if (!(status = bind_imports(mod)) && !(status = setup_tls(mod)))
    {
        /* what a thread started later does: its own copy of the TLS template */
        if (mod->tls) RtlFreeHeap(heap_process_heap(), 0, alloc_tls_block(mod));
        resolve_exports(mod);
    }
    release_image(mod);
    fuzz_image = NULL;
    return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *error;
    fuzz_pe_image(data, size, &error);
    return 0;
}
