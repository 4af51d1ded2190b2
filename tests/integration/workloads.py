#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Python programs of the fidelity suite (workloads.sh), one per mode, each the
way an ordinary program uses a family of calls.  Run in an empty directory
(relative paths); print nothing.  Usage: workloads.py MODE"""
import fcntl
import mmap
import multiprocessing
import os
import select
import signal
import socket
import subprocess
import sys
import threading


def threads():
    out = []
    # each thread waits for the one before, so that descriptors go the same way
    turns = [threading.Event() for i in range(4)]
    turns[0].set()

    def work(i):
        turns[i].wait()
        # one name for all: threads paired by their lines cannot be told apart
        with open('t.txt', 'w') as f:
            f.write('x' * 100)
        out.append(os.stat('t.txt').st_size)
        turns[i + 1].set()
    ts = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def subprocesses():
    subprocess.run(['true'], check=True)
    subprocess.run(['sh', '-c', 'exit 3'])
    subprocess.run(['cat'], input=b'through a pipe\n', stdout=subprocess.DEVNULL)


def selects():
    r, w = os.pipe()
    select.select([r], [], [], 0)
    os.write(w, b'ready')
    select.select([r], [w], [], 1.5)
    os.read(r, 5)
    os.close(r)
    os.close(w)


def polls():
    r, w = os.pipe()
    p = select.poll()
    p.register(r, select.POLLIN)
    p.register(w, select.POLLOUT)
    p.poll(0)
    os.write(w, b'x')
    p.poll(100)
    os.read(r, 1)


def epolls():
    r, w = os.pipe()
    ep = select.epoll()
    ep.register(r, select.EPOLLIN)
    ep.register(w, select.EPOLLOUT | select.EPOLLET)
    ep.poll(0)
    os.write(w, b'xy')
    ep.poll(1)
    ep.modify(w, select.EPOLLOUT)
    ep.unregister(r)
    ep.close()


def socketpairs():
    a, b = socket.socketpair()
    a.sendall(b'hello over a pair')
    b.recv(64)
    b.send(b'back')
    a.recv(4)
    a.shutdown(socket.SHUT_WR)
    b.recv(1)
    a.close()
    b.close()


def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(('127.0.0.1', 0))
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    c.sendto(b'datagram', s.getsockname())
    s.recvfrom(64)
    c.close()
    s.close()


def tcp():
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(('127.0.0.1', 0))
    srv.listen(1)
    c = socket.create_connection(srv.getsockname())
    conn, _ = srv.accept()
    c.sendall(b'request')
    conn.recv(64)
    conn.sendall(b'answer')
    c.recv(64)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    conn.close()
    c.close()
    srv.close()


def mmaps():
    with open('m.dat', 'wb') as f:
        f.write(b'\0' * 8192)
    with open('m.dat', 'r+b') as f:
        m = mmap.mmap(f.fileno(), 8192)
        m[0:5] = b'hello'
        m.flush()
        m.close()
    a = mmap.mmap(-1, 16384, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    a.madvise(mmap.MADV_DONTNEED)
    a.close()


def scandirs():
    os.makedirs('d/e', exist_ok=True)
    for n in range(20):
        open(f'd/f{n}', 'w').close()
    names = []
    for root, dirs, files in os.walk('d'):
        names += files
    with os.scandir('d') as it:
        for e in it:
            e.is_dir()


def signals():
    got = []
    signal.signal(signal.SIGUSR1, lambda s, f: got.append(s))
    os.kill(os.getpid(), signal.SIGUSR1)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    signal.signal(signal.SIGALRM, lambda s, f: got.append(s))
    signal.pause()
    signal.getitimer(signal.ITIMER_REAL)
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2])
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR2])


def locks():
    fd = os.open('l.dat', os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.lockf(fd, fcntl.LOCK_EX)
    fcntl.lockf(fd, fcntl.LOCK_UN)
    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    fcntl.flock(fd, fcntl.LOCK_UN)
    fcntl.fcntl(fd, fcntl.F_SETFD, fcntl.FD_CLOEXEC)
    fcntl.fcntl(fd, fcntl.F_GETFL)
    os.close(fd)


def eventfds():
    fd = os.eventfd(0, os.EFD_CLOEXEC | os.EFD_NONBLOCK)
    os.eventfd_write(fd, 3)
    os.eventfd_read(fd)
    try:
        os.eventfd_read(fd)
    except BlockingIOError:
        pass
    os.close(fd)


def multiproc():
    ctx = multiprocessing.get_context('fork')
    q = ctx.Queue()
    p = ctx.Process(target=q.put, args=('from the child',))
    p.start()
    q.get()
    p.join()


MODES = {f.__name__: f for f in (threads, subprocesses, selects, polls, epolls, socketpairs,
                                 udp, tcp, mmaps, scandirs, signals, locks, eventfds,
                                 multiproc)}

if __name__ == '__main__':
    MODES[sys.argv[1]]()
