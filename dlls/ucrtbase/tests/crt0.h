/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What crt0.c's start-up saw, for the start-up test. */
#ifndef UCRT_TEST_CRT0_H
#define UCRT_TEST_CRT0_H

struct crt0_steps
{
    int configure_argv;
    int initialize_environment;
    int initterm_e;
    char **envp;
};
extern struct crt0_steps crt0_steps;

#endif
