#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Compare a vltrace text trace with strace's trace of the same command.

Per thread, the sequences of (syscall name, return value) must match.  Threads are
paired by the best match (the pids differ between runs).  Return values that
differ by nature between runs (pids, addresses) are normalized, and calls that
a signal interrupted for the kernel to restart (? ERESTART...) are left out:
where a signal lands is timing, not tracing.

Usage: compare.py STRACE_OUT VLTRACE_OUT [--min-ratio R] [--lines] [--ignore NAME,...]
       compare.py --calls TRACE   (print each call on one line, as parsed)
       compare.py --calls-pid TRACE   (the same, each line led by its pid)
  --names      compare the syscall names only (threads racing for descriptors)
  --lines      also compare whole lines after normalizing pids, addresses and times,
               and report the share of identical lines
Exit 0 when the (name, ret) match ratio >= R (default 1.0, i.e. identical).
"""
import difflib
import re
import sys

PID_RE = re.compile(r'^(?:\[pid\s+(\d+)\]|(\d+)) +')
CALL_RE = re.compile(r'^([a-z_0-9]+)\(')
RESUMED_RE = re.compile(r'^<\.\.\. ([a-z_0-9]+) resumed>')
RET_RE = re.compile(r'\)\s+=\s+(\?|-?\d+|0x[0-9a-f]+)(?:\s+([A-Z0-9_]+))?')
PID_RETURNING = {'clone', 'clone3', 'fork', 'vfork', 'wait4', 'waitid', 'getpid', 'gettid',
                 'getppid', 'set_tid_address', 'getpgrp', 'getsid', 'getpgid'}


def parse(path):
    """Return {pid: [(name, ret, line)]} in file order, pids in first-seen order."""
    threads = {}
    pending = {}
    lead = None
    with open(path, errors='replace') as f:
        for raw in f:
            line = raw.rstrip('\n')
            m = PID_RE.match(line)
            if m:
                pid = int(m.group(1) or m.group(2))
                line = line[m.end():]
            else:
                pid = lead if lead is not None else 0
            if lead is None:
                lead = pid
            if line.startswith(('+++', '---')) or not line:
                continue
            m = RESUMED_RE.match(line)
            if m:
                name = m.group(1)
                full = pending.pop(pid, '') + line[m.end():]
            else:
                m = CALL_RE.match(line)
                if not m:
                    continue
                name = m.group(1)
                if line.endswith('<unfinished ...>'):
                    head = line[:-len('<unfinished ...>')].rstrip()
                    pending[pid] = head + ' ' if head.endswith(',') else head
                    continue
                full = line
            r = RET_RE.search(full)
            ret = '?'
            if r:
                ret = r.group(1)
                if r.group(2):
                    ret += ' ' + r.group(2)
            if ret.startswith('0x'):
                ret = 'ADDR'
            if name in PID_RETURNING and ret.lstrip('-').isdigit() and int(ret) > 0:
                ret = 'PID'
            if ret.startswith('? ERESTART'):
                # interrupted by a signal and restarted by the kernel: where that
                # happens is a matter of timing (and a slow tracer makes it likelier)
                continue
            threads.setdefault(pid, []).append((name, ret, full))
    return threads


def normalize_line(line):
    line = re.sub(r'\)\s+= ', ') = ', line)
    line = re.sub(r'0x[0-9a-f]+', '0xADDR', line)
    line = re.sub(r'\b\d{3,}\b', 'N', line)
    line = re.sub(r'<\d+\.\d+>', '<T>', line)
    return line


def main(argv):
    if len(argv) == 3 and argv[1] in ('--calls', '--calls-pid'):
        # one line per call, unfinished/resumed joined; the pid first with --calls-pid
        for pid, seq in parse(argv[2]).items():
            for e in seq:
                line = re.sub(r'\)\s+= ', ') = ', e[2])
                print(f'{pid} {line}' if argv[1] == '--calls-pid' else line)
        return 0
    args = [a for a in argv[1:] if not a.startswith('--')]
    min_ratio = 1.0
    ignore = set()
    for i, a in enumerate(argv):
        if a == '--min-ratio':
            min_ratio = float(argv[i + 1])
            args.remove(argv[i + 1])
        if a == '--ignore':
            ignore = set(argv[i + 1].split(','))
            args.remove(argv[i + 1])
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    s, v = parse(args[0]), parse(args[1])
    if '--names' in argv:
        # only the calls: for threads racing for the same descriptors
        for d in (s, v):
            for pid in d:
                d[pid] = [(e[0], '', e[2]) for e in d[pid]]
    for d in (s, v):
        for pid in d:
            d[pid] = [e for e in d[pid] if e[0] not in ignore]

    # pair threads: best similarity first
    pairs, used = [], set()
    for vp, vseq in v.items():
        best, best_r = None, -1.0
        for sp, sseq in s.items():
            if sp in used:
                continue
            r = difflib.SequenceMatcher(None, [e[:2] for e in sseq],
                                        [e[:2] for e in vseq], autojunk=False).ratio()
            if r > best_r:
                best, best_r = sp, r
        if best is not None:
            used.add(best)
        pairs.append((best, vp))
    total = matched = lines_same = 0
    for sp in s:
        if sp not in used:
            total += len(s[sp])
            print(f'strace thread {sp}: {len(s[sp])} calls, no vltrace thread')
    for sp, vp in pairs:
        sseq = s.get(sp, [])
        vseq = v[vp]
        a = [e[:2] for e in sseq]
        b = [e[:2] for e in vseq]
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        m = sum(bl.size for bl in sm.get_matching_blocks())
        total += max(len(a), len(b))
        matched += m
        for bl_tag, i1, i2, j1, j2 in sm.get_opcodes():
            if bl_tag == 'equal':
                for i, j in zip(range(i1, i2), range(j1, j2)):
                    if normalize_line(sseq[i][2]) == normalize_line(vseq[j][2]):
                        lines_same += 1
                    elif '--lines' in argv:
                        print(f'  line differs: strace:  {sseq[i][2]}')
                        print(f'                vltrace: {vseq[j][2]}')
                continue
            print(f'thread strace {sp} / vltrace {vp}: {bl_tag}')
            for i in range(i1, i2):
                print(f'  - {sseq[i][2]}')
            for j in range(j1, j2):
                print(f'  + {vseq[j][2]}')
    if not total or not v:
        print('no calls parsed: nothing to compare')
        return 1
    ratio = matched / total
    print(f'(name, ret) matched: {matched}/{total} = {ratio:.4f}')
    if '--lines' in argv:
        share = lines_same / total if total else 1.0
        print(f'identical lines after normalizing: {lines_same}/{total} = {share:.4f}')
    return 0 if ratio >= min_ratio else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
