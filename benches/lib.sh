# Shared by the bench scripts (sourced, not run): tools, release binaries, a local simulator.
# Expects ROOT (the project root) and WORK (a scratch directory) to be set by the caller.

TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
# The simulator's documented public key (crates/sim), never a real one.
KEY=pk_sim_0123456789abcdefghijklmnopqr
SIM_PID=""

now() { date +%s.%N; }

# need COMMAND DEBIAN_PACKAGE: installs the package with apt-get when the command is missing.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  local sudo=""; [ "$(id -u)" != 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null
}

# Builds the release example pipeline and simulator; sets PIPELINE and SIM.
build_release() {
  (cd "$ROOT" && CARGO_TARGET_DIR="$TARGET" cargo build -q --release --example pipeline -p pipes-media \
    && CARGO_TARGET_DIR="$TARGET" cargo build -q --release -p pipes-media-sim --bin pipes-sim)
  PIPELINE="$TARGET/release/examples/pipeline"
  SIM="$TARGET/release/pipes-sim"
}

# A TCP port on 127.0.0.1 that was free a moment ago.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_sim DIR [SIM FLAGS...]: a simulator sending every file of DIR as a message, on a fresh
# port, once it answers HTTP and has queued the files; sets SIM_PID and BASE. Logs to
# $WORK/sim.log.
start_sim() {
  local dir=$1; shift
  local port; port=$(free_port)
  "$SIM" --dir "$dir" --port "$port" --drain-ms 1 "$@" >"$WORK/sim.log" 2>&1 &
  SIM_PID=$!
  BASE="http://127.0.0.1:$port"
  local i
  for i in $(seq 600); do
    if grep -q "queued" "$WORK/sim.log" 2>/dev/null && curl -s -o /dev/null "$BASE/"; then return 0; fi
    kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/sim.log" >&2; echo "pipes-sim exited" >&2; return 1; }
    sleep 0.1
  done
  echo "pipes-sim did not start within 60 s" >&2; return 1
}

stop_sim() {
  [ -n "$SIM_PID" ] || return 0
  kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true
  SIM_PID=""
}
