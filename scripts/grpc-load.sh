#!/usr/bin/env bash
# Load benchmark of the device server over loopback (bounded: about a minute at most).
# 50 clients, each with its own token and channel, submit small experiments one after another while a few
# long runs occupy run slots; then one spike-heavy result is streamed and timed. Prints jobs/s, p50/p99
# latency of submit and of result, spike events/s, and checks that no result is lost or duplicated, that
# each has the bits of the local run, and that every client was served.
#
#   scripts/grpc-load.sh                                  # --clients 50 --jobs 10 --long 3
#   scripts/grpc-load.sh --clients 10 --jobs 5 --long 1   # any LoadBenchmark options
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
args="${*:---clients 50 --jobs 10 --long 3}"
# one reactor build, so that hal-grpc runs against this checkout's modules, not whatever ~/.m2 holds
exec ./mvnw -B -q -ntp test-compile exec:exec -pl hal-grpc -am -Dexec.skip=true -Dexec.executable=true -Dload.args="$args"
