#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# Host unit tests of ntdll's Rtl code: strings, status codes, locks, environment, time.
exec make -s -C "$(dirname "$0")/../../dlls/ntdll/tests/host" check
