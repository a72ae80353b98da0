#!/usr/bin/env bash
# End-to-end throughput over NATS JetStream with 1, 2 and 3 worker processes (issue 10).
# Needs nats-server (Debian: apt-get install -y nats-server). N messages of 64 KiB, no stages,
# loopback at full speed and with bodies throttled to 1 MB/s each.
#   benches/nats_workers.sh [N]      (default 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v nats-server >/dev/null || [ -x /usr/sbin/nats-server ] || apt-get install -y nats-server
NATS_BENCH_N="${1:-1000}" cargo bench -p pipes-media-nats --bench nats_workers
