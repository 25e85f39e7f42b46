#!/usr/bin/env python3
"""The prediction server under combined abuse (the hardening report's scenario), measured.

Runs `digitpad-cli serve` with a descriptor limit, then at once: a 1 GB POST, 500 idle
connections (more than the descriptors left, so accept runs out of them), and 4 clients posting
batches of 20 blank 5000x5000 PNGs in a loop. Meanwhile one more client sends plain POST /predict
requests of a small drawing, one after another. Prints that client's latency (median, p95, max,
and how many failed), the server's peak resident memory and its CPU time.

    benchmarks/bench_serve_abuse.py [--seconds 20] [--nofile 512]   (after ./run.sh or setup)
Standard library only.
"""
import argparse, os, socket, struct, subprocess, threading, time, zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, "build/release/bin/digitpad-cli")


def png(width, height, draw=None):
    """A greyscale PNG, white, with optional black rectangles (x0, y0, x1, y1)."""
    rows = bytearray()
    for y in range(height):
        row = bytearray(b"\xff" * width)
        for x0, y0, x1, y1 in draw or []:
            if y0 <= y < y1:
                row[x0:x1] = b"\x00" * (x1 - x0)
        rows += b"\x00" + row
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def request(port, method, path, body=b"", content_type=b"image/png", timeout=30):
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        head = b"%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" % (method, path)
        if body:
            head += b"Content-Type: %s\r\nContent-Length: %d\r\n" % (content_type, len(body))
        s.sendall(head + b"\r\n" + body)
        answer = b""
        while True:
            data = s.recv(65536)
            if not data:
                break
            answer += data
        return int(answer[9:12]) if answer.startswith(b"HTTP/1.1 ") else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--nofile", type=int, default=512)
    args = parser.parse_args()
    port = 18600 + os.getpid() % 1000
    server = subprocess.Popen(["prlimit", f"--nofile={args.nofile}:{args.nofile}", CLI, "serve",
                               "--port", str(port)], stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if request(port, b"GET", b"/health") == 200:
                break
        except OSError:
            time.sleep(0.1)
    stop = threading.Event()
    peak_rss = [0]

    def watch_memory():
        while not stop.is_set():
            with open(f"/proc/{server.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS"):
                        peak_rss[0] = max(peak_rss[0], int(line.split()[1]))
            time.sleep(0.05)

    def huge_post():  # 1 GB announced and sent until the server cuts it off
        while not stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                    s.sendall(b"POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                              b"Content-Length: 1073741824\r\n\r\n")
                    chunk = b"\0" * 65536
                    for _ in range(16384):
                        s.sendall(chunk)
            except OSError:
                time.sleep(0.2)

    idle = []
    def idle_connections():
        while not stop.is_set():
            idle[:] = [c for c in idle if c.fileno() >= 0]
            while len(idle) < 500 and not stop.is_set():
                c = socket.socket()
                c.setblocking(False)
                try:
                    c.connect(("127.0.0.1", port))
                except BlockingIOError:
                    pass
                idle.append(c)
            time.sleep(1)
            for c in idle[:100]:  # some give up and come back, as real clients do
                c.close()
            del idle[:100]

    blank = png(5000, 5000)
    boundary = b"abuse"
    form = b"".join(b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"f\"; filename=\"%d.png\"\r\n"
                    b"Content-Type: image/png\r\n\r\n" % i + blank + b"\r\n" for i in range(20))
    form += b"--" + boundary + b"--\r\n"
    batch_answers = []
    def batches():
        while not stop.is_set():
            try:
                batch_answers.append(request(port, b"POST", b"/predict/batch", form,
                                             b"multipart/form-data; boundary=" + boundary, timeout=60))
            except OSError:
                batch_answers.append(0)

    seven = png(280, 280, [(60, 40, 220, 60), (180, 40, 200, 240)])
    latencies, failures = [], [0]
    def plain_client():
        while not stop.is_set():
            start = time.perf_counter()
            try:
                status = request(port, b"POST", b"/predict", seven)
            except OSError:
                status = 0
            if status == 200:
                latencies.append(time.perf_counter() - start)
            else:
                failures[0] += 1
            time.sleep(0.02)

    threads = [threading.Thread(target=f, daemon=True) for f in
               [watch_memory, huge_post, idle_connections] + [batches] * 4]
    for t in threads:
        t.start()
    time.sleep(2)  # the abuse is under way before the measured client starts
    measured = threading.Thread(target=plain_client, daemon=True)
    measured.start()
    time.sleep(args.seconds)
    stop.set()
    measured.join(timeout=30)
    with open(f"/proc/{server.pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    alive = server.poll() is None
    server.terminate()
    server.wait(timeout=30)
    latencies.sort()
    def pct(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")
    print(f"server alive after the abuse: {alive}, exit code on SIGTERM: {server.returncode}")
    print(f"plain /predict during abuse: {len(latencies)} answered, {failures[0]} failed; "
          f"median {pct(0.5):.1f} ms, p95 {pct(0.95):.1f} ms, max {pct(1.0):.1f} ms")
    print(f"batches of 20 blank 5000x5000 PNGs: {len(batch_answers)} answered, statuses "
          f"{sorted(set(batch_answers))}")
    print(f"server peak resident memory: {peak_rss[0] / 1024:.0f} MB; CPU time {cpu:.1f} s "
          f"over {args.seconds + 2:.0f} s")


if __name__ == "__main__":
    main()
