/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* loader_fwdb.dll: the targets of loader_fwda.dll's forwarders. */
int Target(void) { return 0x7a9e7; }
int Other(void) { return 2; }
