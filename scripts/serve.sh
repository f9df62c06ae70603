#!/usr/bin/env bash
# A lecture hall at once: N replicas of the app on loopback ports, HAProxy in front of them on one port.
#
#   bash scripts/serve.sh [--replicas N] [--port P] [--address A]
#
# N defaults to the number of cores (one Streamlit process keeps one core busy: its training holds the
# GIL), P to 8501, A to 0.0.0.0 (every interface: the students' laptops reach it). Each replica is warmed
# (torch imported, one page run) before HAProxy starts, so the first student waits for nothing. HAProxy
# passes websockets through, keeps each browser on its replica with a cookie (a session's downloads must
# reach the replica that made them), checks every replica's /_stcore/health each second, and sends
# the sessions of a replica that failed to a live one: every setting lives in the URL, so their pages come
# back as they were. Runs in the foreground; Ctrl-C or SIGTERM stops HAProxy and every replica.
set -euo pipefail
cd "$(dirname "$0")/.."

REPLICAS="$(nproc)"
PORT=8501
ADDRESS=0.0.0.0
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) REPLICAS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --address) ADDRESS="$2"; shift 2 ;;
    *) echo "serve.sh: unknown option $1 (use --replicas N, --port P, --address A)" >&2; exit 2 ;;
  esac
done
case "$REPLICAS" in ''|*[!0-9]*|0) echo "serve.sh: --replicas must be a whole number from 1 up" >&2; exit 2 ;; esac

PYTHON="${PYTHON:-.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
if ! command -v haproxy > /dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "HAProxy is missing: installing Debian's haproxy package"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy > /dev/null
  else
    echo "serve.sh needs HAProxy: install it (Debian or Ubuntu: sudo apt-get install haproxy) and run again" >&2
    exit 1
  fi
fi

WORK="$(mktemp -d)"
PIDS=()  # each replica leads a process group of its own (setsid): stopping it stops what it started too
stop_all() {
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2> /dev/null || kill -TERM "$pid" 2> /dev/null || true; done
  for _ in $(seq 50); do  # up to 10 s for a clean stop, then SIGKILL
    alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2> /dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$WORK"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The replicas' ports: free loopback ports, asked of the system.
ports="$("$PYTHON" - "$REPLICAS" << 'EOF'
import socket, sys
held = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in held:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in held))
EOF
)" || { echo "serve.sh: no free ports found with $PYTHON" >&2; exit 1; }
read -r -a PORTS <<< "$ports"
[ "${#PORTS[@]}" -eq "$REPLICAS" ] || { echo "serve.sh: asked for $REPLICAS ports, got ${#PORTS[@]}" >&2; exit 1; }

SERVERS=""
for i in $(seq 1 "$REPLICAS"); do
  port="${PORTS[$((i - 1))]}"
  setsid "$PYTHON" -m streamlit run app.py --server.port "$port" --server.address 127.0.0.1 \
    --server.headless true > "$WORK/replica-$i.log" 2>&1 &
  PIDS+=($!)
  echo "replica r$i: pid $! on 127.0.0.1:$port"
  SERVERS+="    server r$i 127.0.0.1:$port check cookie r$i"$'\n'
done

for i in $(seq 1 "$REPLICAS"); do
  port="${PORTS[$((i - 1))]}"
  # In the background, waited for: a child in the foreground would hold Ctrl-C's trap back until it ended.
  "$PYTHON" - "$port" << 'EOF' &
import sys, time, urllib.request
deadline = time.time() + 120
while True:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/_stcore/health", timeout=5) as reply:
            if reply.status == 200:
                break
    except OSError:
        if time.time() > deadline:
            sys.exit(f"replica on port {sys.argv[1]} did not come up in 120 s")
        time.sleep(0.3)
EOF
  wait $!
  "$PYTHON" -m scripts.streamlit_session "http://127.0.0.1:$port" > "$WORK/warm-$i.txt" &
  wait $! || { echo "serve.sh: replica r$i failed its first page (log: replica-$i.log):" >&2
               tail -5 "$WORK/replica-$i.log" >&2; exit 1; }
  echo "replica r$i: $(cat "$WORK/warm-$i.txt")"
done

cat > "$WORK/haproxy.cfg" << EOF
global
    maxconn 4096

defaults
    mode http
    option redispatch
    retries 3
    timeout connect 5s
    timeout http-request 30s
    timeout client 1h
    timeout server 1h
    # A page's websocket stays open for the whole lecture.
    timeout tunnel 8h

frontend playground
    bind $ADDRESS:$PORT
    default_backend replicas

backend replicas
    balance leastconn
    cookie PLAYGROUND_REPLICA insert indirect nocache httponly
    option httpchk GET /_stcore/health
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
$SERVERS
EOF

haproxy -f "$WORK/haproxy.cfg" -db &
PIDS+=($!)
# "serving" only once HAProxy accepts connections: said at its launch, a first visitor was once refused.
for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/$ADDRESS/$PORT") 2>/dev/null; then break; fi
  kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "HAProxy stopped before it served" >&2; exit 1; }
  sleep 0.1
done
echo "serving $REPLICAS replicas on http://$ADDRESS:$PORT (Ctrl-C stops them)"
wait "${PIDS[-1]}"
