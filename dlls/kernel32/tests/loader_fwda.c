/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* loader_fwda.dll: its exports Fwd and Fwd2 are forwarders to loader_fwdb.dll. */
int fwda_own(void) { return 0xa; }
