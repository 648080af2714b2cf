/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The fuzz target's entry point, shared by the libFuzzer build and the replay driver. */
#ifndef WRING_FUZZ_PE_LOADER_H
#define WRING_FUZZ_PE_LOADER_H

#include <stddef.h>
#include <stdint.h>

/* Loads data as the loader loads a file; on failure *error is the one line the user would see. */
NTSTATUS fuzz_pe_image(const uint8_t *data, size_t size, const char **error);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
