#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Line identity of two traces of one workload (workloads.sh), and the classes of
the lines that differ.

Usage: workloads-compare.py REF OTHER NOISE
  REF, OTHER  strace -f outputs (or a vltrace one as OTHER)
  NOISE       comma-separated syscall names whose lines may differ between any two
              runs (timing); '-' for none, '*' for any

Threads are paired and calls aligned as compare.py does; a call is identical when
its whole line is, after compare.py's normalizing and the masks below.  A call that
differs, or stands in one trace only, is explained when its syscall is in NOISE;
any other is printed as `unexplained: ...`.  A line found on both sides of a
change (moved past a line of noise) is not counted identical, nor unexplained.  The last line reads
`identity M/N unexplained U`.
"""
import difflib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

MASKS = [
    # bytes random by nature, and names made of them (multiprocessing's semaphores)
    (re.compile(r'/dev/shm/sem\.(mp-)?[A-Za-z0-9_]+'), '/dev/shm/sem.RANDOM'),
    (re.compile(r'^(getrandom\()"[^"]*"(\.\.\.)?'), r'\1"RANDOM"'),
    # times and inode numbers of any width
    (re.compile(r'\b(st_[amc]time(?:_nsec)?|stx_[abcm]time|tv_sec|tv_nsec|st_ino|stx_ino|'
                r'd_ino|d_off|tv_usec)=\{?[^,}]*'), r'\1=X'),
]


def mask(line):
    line = compare.normalize_line(line)
    for rx, rep in MASKS:
        line = rx.sub(rep, line)
    return line


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    s, v = compare.parse(argv[1]), compare.parse(argv[2])
    # rt_sigreturn returns the register it restores: the result of whichever call
    # the signal happened to follow
    noise = {'rt_sigreturn'} | (set() if argv[3] == '-' else set(argv[3].split(',')))
    pairs, used = [], set()
    for vp, vseq in v.items():
        best, best_r = None, -1.0
        for sp, sseq in s.items():
            if sp in used:
                continue
            # whole lines, not names: threads doing the same work on other files
            r = difflib.SequenceMatcher(None, [mask(e[2]) for e in sseq],
                                        [mask(e[2]) for e in vseq], autojunk=False).ratio()
            if r > best_r:
                best, best_r = sp, r
        if best is not None:
            used.add(best)
        pairs.append((s.get(best, []), vseq))
    for sp in s:
        if sp not in used:
            pairs.append((s[sp], []))
    total = same = unexplained = 0

    def odd(name, text):
        nonlocal unexplained
        if name not in noise and '*' not in noise:
            unexplained += 1
            print(f'unexplained: {text}')
        else:
            print(f'noise: {text}')

    for sseq, vseq in pairs:
        a = [mask(e[2]) for e in sseq]
        b = [mask(e[2]) for e in vseq]
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        total += max(len(a), len(b))
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == 'equal':
                same += i2 - i1
                continue
            # the same line on both sides, moved past a line of noise: order, not decoding
            theirs = [b[j] for j in range(j1, j2)]
            for i in range(i1, i2):
                if a[i] in theirs:
                    theirs.remove(a[i])
                    print(f'moved: {sseq[i][2]}')
                else:
                    odd(sseq[i][0], f'- {sseq[i][2]}')
            ours = [a[i] for i in range(i1, i2)]
            for j in range(j1, j2):
                if b[j] in ours:
                    ours.remove(b[j])
                else:
                    odd(vseq[j][0], f'+ {vseq[j][2]}')
    print(f'identity {same}/{total} unexplained {unexplained}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
