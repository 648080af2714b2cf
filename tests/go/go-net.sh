#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# usage: tests/go/go-net.sh [RUNNER]
# Go's net package over loopback: a TCP echo with many goroutines
# (netecho) and a net/http server fetched by its own client (nethttp), on
# both of Wring's engines and the seccomp launcher (or once under Wine); the
# whole output must match the program's expected.txt.  Both need sockets
# from ws2_32 (WSASocketW, AcceptEx, ConnectEx, WSARecv/WSASend on a
# completion port).
set -u
runner=${1:-./wring}
source "$(dirname "$0")/common.sh"

have_exe tests/go/netecho.exe && have_exe tests/go/nethttp.exe || exit 0

for engine in $engines; do
    for name in netecho nethttp; do
        run_go "$engine" tests/go/$name.exe; judge "$name ($engine)" 0 "$gosrc/$name/expected.txt" $?
    done
done
summary
