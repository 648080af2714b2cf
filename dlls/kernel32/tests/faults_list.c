/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The tests of faults_test.exe (what a program sees under injected kernel faults, see
 * tests/faultinject.sh); this unit holds the harness and main(). */
#define STANDALONE
#include "wine/test.h"

extern void func_port_io(void);
extern void func_tp_io(void);
extern void func_event_io(void);
extern void func_event_unbound(void);
extern void func_sync_io(void);
extern void func_pipe_burst(void);
extern void func_pipe_write(void);
extern void func_open_files(void);
extern void func_threads(void);

const struct test winetest_testlist[] =
{
    { "port_io", func_port_io },
    { "tp_io", func_tp_io },
    { "event_io", func_event_io },
    { "event_unbound", func_event_unbound },
    { "sync_io", func_sync_io },
    { "pipe_burst", func_pipe_burst },
    { "pipe_write", func_pipe_write },
    { "open_files", func_open_files },
    { "threads", func_threads },
    { 0, 0 }
};
