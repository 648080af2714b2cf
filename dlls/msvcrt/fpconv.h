/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Exact conversions between binary doubles and decimal digit strings. */
#ifndef WRING_MSVCRT_FPCONV_H
#define WRING_MSVCRT_FPCONV_H

/* A double's exact decimal expansion has at most 767 significant digits. */
#define FP_MAX_DIGITS 800

/* Writes the exact decimal expansion of |v| (v finite) as ASCII digits without
 * leading or trailing zeros; returns their count (0 for zero).  The value is
 * 0.DIGITS x 10^*point. */
int fp_exact_digits(double v, char *digits, int *point);

/* Rounds a digit string in place to its first `keep` digits, halfway cases
 * away from zero as msvcrt does (the expansion is exact, so a '5' at the cut
 * means "at least half"), or to the even neighbour with ties_even (the UCRT's
 * standard rounding: a '5' that is the last digit is exactly half).  Updates
 * *ndigits and, on a carry out, *point. */
void fp_round_digits(char *digits, int *ndigits, int *point, int keep, int ties_even);

#endif
