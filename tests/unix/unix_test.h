/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A minimal check macro for the Unix-side unit tests: each test is a small standalone program. */
#ifndef WRING_UNIX_TEST_H
#define WRING_UNIX_TEST_H

#include <stdio.h>

static int unix_test_failures, unix_test_count;

#define check(cond, ...) do { \
    unix_test_count++; \
    if (!(cond)) { unix_test_failures++; fprintf(stderr, "%s:%d: Test failed: ", __FILE__, __LINE__); \
                   fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } \
} while (0)

static inline int unix_test_done(const char *name)
{
    printf("%s: %d tests executed (0 marked as todo, 0 as flaky, %d failures), 0 skipped.\n",
           name, unix_test_count, unix_test_failures);
    return unix_test_failures ? 1 : 0;
}

#endif
