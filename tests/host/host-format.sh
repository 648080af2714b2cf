#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Host unit tests of msvcrt's printf/scanf/strtod cores (run by make check; the runner argument is unused).
exec make -s -C "$(dirname "$0")/../../dlls/msvcrt/tests/host"
