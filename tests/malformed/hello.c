/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A valid exe whose headers tools/check-malformed corrupts. */
int main(void) { return 0; }
