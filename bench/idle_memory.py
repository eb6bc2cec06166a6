#!/usr/bin/env python3
"""Memory per idle logged-in user of a running chat server, as its operator sees it (resident set size).

idle_memory.py PORT PID [USERS]   (default 10,000 users)

Logs USERS clients in (HELLO-FROM m<i>, one after another, from source addresses 127.0.0.2... so that one
address's ephemeral ports do not run out), waits for every HELLO, lets the server settle for 3 s, and prints
the growth of PID's VmRSS divided by USERS; then closes them all. Any server of the protocol works (the
lab's reference too). Traffic only to 127.0.0.1; raise the open-file limit (ulimit -n) above USERS first.
"""
import socket
import sys
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise SystemExit(f"no process {pid}")


def login(port, name, source):
    client = socket.socket()
    client.bind((source, 0))
    client.connect(("127.0.0.1", port))
    client.sendall(f"HELLO-FROM {name}\n".encode())
    reply = b""
    while not reply.endswith(b"\n"):
        chunk = client.recv(64)
        if not chunk:
            raise SystemExit(f"{name}: connection closed after {reply!r}")
        reply += chunk
    if not reply.startswith(b"HELLO"):
        raise SystemExit(f"{name}: {reply!r} (raise the server's max-clients?)")
    return client


def main():
    port, pid = int(sys.argv[1]), int(sys.argv[2])
    users = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
    time.sleep(1)
    before = rss_kib(pid)
    clients = [login(port, f"m{i}", f"127.0.0.{2 + i % 8}") for i in range(users)]
    time.sleep(3)
    after = rss_kib(pid)
    print(f"RSS before {before / 1024:.1f} MiB, with {users:,} idle users {after / 1024:.1f} MiB: "
          f"{(after - before) / users:.1f} KiB per user")
    for client in clients:
        client.close()


if __name__ == "__main__":
    main()
