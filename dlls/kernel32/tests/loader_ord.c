/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Exports that only an ordinal reaches (NONAME in loader_ord.def). */
int ord_five(void) { return 5; }
int ord_six(void) { return 6; }
int named_seven(void) { return 7; }
