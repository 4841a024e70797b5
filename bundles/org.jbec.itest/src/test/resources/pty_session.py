"""Drives a program through a real pseudo-terminal (40x120), as an operator at a keyboard would.

Usage: pty_session.py STEPS_JSON -- COMMAND...
STEPS_JSON is a list of ["send", text] (text as typed; "\r" ends a line), ["ctrlc"] and
["expect", regex, seconds] and ["ends", seconds] (the program exits by itself in that time).
Prints the whole transcript; exits 1 naming the step that timed out.
"""
import fcntl
import json
import os
import pty
import re
import select
import struct
import sys
import termios
import time

steps = json.loads(sys.argv[1])
command = sys.argv[sys.argv.index("--") + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
transcript = b""
seen = 0


def read_some(timeout):
    global transcript
    ready, _, _ = select.select([fd], [], [], timeout)
    if ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        transcript += data
        return bool(data)
    return True


def text():
    return transcript.decode("utf-8", "replace")


def finish(code, message=""):
    sys.stdout.write(text())
    if message:
        sys.stdout.write("\n--- " + message + "\n")
    try:
        os.kill(pid, 9)
    except OSError:
        pass
    sys.exit(code)


for step in steps:
    if step[0] == "send":
        os.write(fd, step[1].encode())
    elif step[0] == "ctrlc":
        os.write(fd, b"\x03")
    elif step[0] == "ends":
        # the program ends by itself within the time given (and so closes what it started, such as
        # an embedded Redis); a kill at the end would leave its children running
        deadline = time.time() + step[1]
        while read_some(0.1):
            if time.time() > deadline:
                finish(1, "still running %ss after the last step" % step[1])
    elif step[0] == "expect":
        pattern = re.compile(step[1])
        deadline = time.time() + step[2]
        while True:
            match = pattern.search(text(), seen)
            if match:
                seen = match.end()
                break
            if time.time() > deadline:
                finish(1, "timed out after %ss waiting for %r" % (step[2], step[1]))
            if not read_some(0.1):
                finish(1, "the program ended while waiting for %r" % step[1])
finish(0)
