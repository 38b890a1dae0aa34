# A pseudo-terminal for `npm run bench` (no native Node dependency): runs a command on the
# slave side at COLS x ROWS, copies what the app writes (the master side) to stdout byte for
# byte, and what arrives on stdin to the app as keys. Reports on stderr:
#   "START <CLOCK_MONOTONIC ns> <pid>" just before the app starts, "EXIT <code>" at the end.
# Usage: python3 bench/ptyrun.py COLS ROWS -- command args...
import fcntl, os, pty, select, signal, struct, subprocess, sys, termios, time

cols, rows = int(sys.argv[1]), int(sys.argv[2])
command = sys.argv[sys.argv.index('--') + 1:]
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))

def controlling_tty():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)

start = time.monotonic_ns()
child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, preexec_fn=controlling_tty, close_fds=True)
sys.stderr.write(f'START {start} {child.pid}\n')
sys.stderr.flush()
os.close(slave)
signal.signal(signal.SIGTERM, lambda *_: child.send_signal(signal.SIGTERM))
out = sys.stdout.buffer
stdin_open = True
while True:
    readers = [master] + ([0] if stdin_open else [])
    try:
        ready, _, _ = select.select(readers, [], [], 0.5)
    except InterruptedError:
        continue
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b''
        if not data:
            break
        out.write(data)
        out.flush()
    if 0 in ready:
        data = os.read(0, 4096)
        if data:
            os.write(master, data)
        else:
            stdin_open = False
    if child.poll() is not None and master not in ready:
        break
code = child.wait()
sys.stderr.write(f'EXIT {code}\n')
sys.stderr.flush()
