#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/msgbox.sh [RUNNER]
# MessageBox in a console program under Wring: each box is one line on the
# standard error ("caption: text", "Error" without a caption) and its answer
# is the default button (text not on a console is in its code page, 437:
# e-acute is 0x82); a style with no such box fails with
# ERROR_INVALID_MSGBOX_STYLE (1438) and shows nothing.  Wring's own console
# behaviour: Wine shows windows, so check-reference leaves this out.
set -u
runner=${1:-./wring}
exe=${MSGBOX_EXE:-dlls/user32/tests/msgbox.exe}
read -r -a runner_cmd <<< "$runner"

err=$(mktemp) || exit 2
trap 'rm -f "$err"' EXIT
out=$(timeout 60 "${runner_cmd[@]}" "$exe" < /dev/null 2> "$err" | tr -d '\r')
rc=${PIPESTATUS[0]}
expect_out=$'1\n7\n5\n1\n0 1438'
expect_err=$'Caption: plain text\nQuestion: second button\nError: wide \x82\nEx: ex'
got_err=$(tr -d '\r' < "$err")
status=0
if [ "$rc" -ne 0 ]; then echo "not ok exit status $rc"; status=1; else echo "ok exit status"; fi
if [ "$out" = "$expect_out" ]; then echo "ok answers"; else echo "not ok answers: $(echo $out)"; status=1; fi
if [ "$got_err" = "$expect_err" ]; then echo "ok standard error"; else echo "not ok standard error: $got_err"; status=1; fi
exit $status
