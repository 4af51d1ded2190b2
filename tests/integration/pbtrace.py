# SPDX-License-Identifier: LGPL-2.1-or-later
# Reads the text protoc --decode=perfetto.protos.Trace prints for a vltrace
# --format=perfetto file and checks it against the JSON Lines of the same trace
# file: one slice per call, in order, with the call's name, entry time, duration,
# arguments and result, as a Perfetto reader would rebuild them (interned names and
# strings per sequence, the incremental clock, the default track).
# usage: pbtrace.py DECODED.txt CALLS.jsonl  -> prints a summary, exits 1 on a mismatch
import json
import sys


def parse(text):
    """protoc's text format into nested dicts of lists."""
    root, stack = {}, []
    cur = root
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.endswith("{"):
            node = {}
            cur.setdefault(line[:-1].strip(), []).append(node)
            stack.append(cur)
            cur = node
        elif line == "}":
            cur = stack.pop()
        else:
            key, _, val = line.partition(": ")
            if val.startswith('"'):
                val = val[1:-1].encode("latin-1").decode("unicode_escape").encode("latin-1").decode()
            elif val.lstrip("-").isdigit():
                val = int(val)
            cur.setdefault(key, []).append(val)
    return root


def one(d, k, default=None):
    return d[k][0] if k in d else default


def main():
    packets = parse(open(sys.argv[1]).read()).get("packet", [])
    calls = [o for o in map(json.loads, open(sys.argv[2])) if o["type"] == "syscall"]
    bad = []
    seqs = {}      # id -> state
    tracks = {}    # uuid -> descriptor
    slices = []    # in packet order
    open_by_track = {}
    for p in packets:
        sid = one(p, "trusted_packet_sequence_id")
        if sid is None:
            bad.append("a packet without trusted_packet_sequence_id")
            continue
        s = seqs.setdefault(sid, {"names": {}, "ann": {}, "str": {}, "clock": None,
                                  "track": None, "cleared": False})
        if one(p, "sequence_flags", 0) & 1:
            s.update(names={}, ann={}, str={}, cleared=True)
        d = one(p, "trace_packet_defaults")
        if d:
            s["default_clock"] = one(d, "timestamp_clock_id")
            s["track"] = one(one(d, "track_event_defaults", {}), "track_uuid")
        cs = one(p, "clock_snapshot")
        if cs:
            for c in cs["clocks"]:
                if one(c, "clock_id") == 64:
                    s["clock"] = one(c, "timestamp")
        idata = one(p, "interned_data", {})
        for k, tab, field in (("event_names", "names", "name"),
                              ("debug_annotation_names", "ann", "name"),
                              ("debug_annotation_string_values", "str", "str")):
            for e in idata.get(k, []):
                if one(e, "iid") in s[tab] and s[tab][one(e, "iid")] != one(e, field):
                    bad.append("sequence %d: iid %d of %s given twice" % (sid, one(e, "iid"), k))
                s[tab][one(e, "iid")] = one(e, field)
        clock = one(p, "timestamp_clock_id", s.get("default_clock"))
        ts = one(p, "timestamp")
        if ts is not None and clock == 64:
            s["clock"] += ts
            ts = s["clock"]
        td = one(p, "track_descriptor")
        if td:
            tracks[one(td, "uuid")] = td
        ev = one(p, "track_event")
        if not ev:
            continue
        if not s["cleared"]:
            bad.append("sequence %d: an event before its incremental state was cleared" % sid)
        track = one(ev, "track_uuid", s["track"])
        if track not in tracks:
            bad.append("an event on track %s, which no descriptor names" % track)
        args = {}
        for a in ev.get("debug_annotations", []):
            name = s["ann"].get(one(a, "name_iid"), one(a, "name"))
            if "string_value_iid" in a:
                if one(a, "string_value_iid") not in s["str"]:
                    bad.append("sequence %d: string iid %d not interned" %
                               (sid, one(a, "string_value_iid")))
                val = s["str"].get(one(a, "string_value_iid"))
            elif "int_value" in a:
                val = str(one(a, "int_value"))
            else:
                val = one(a, "string_value")
            args[name] = val
        typ = one(ev, "type")
        if typ == "TYPE_SLICE_BEGIN":
            name = s["names"].get(one(ev, "name_iid"))
            if name is None:
                bad.append("sequence %d: event name iid %s not interned" % (sid, one(ev, "name_iid")))
            sl = {"name": name, "ts": ts, "end": None, "args": args, "track": track}
            slices.append(sl)
            if track in open_by_track:
                bad.append("a slice begins on track %d before the last one ended" % track)
            open_by_track[track] = sl
        elif typ == "TYPE_SLICE_END":
            sl = open_by_track.pop(track, None)
            if sl is None:
                bad.append("a slice ends on track %d where none began" % track)
                continue
            sl["end"] = ts
            sl["args"].update(args)

    if len(slices) != len(calls):
        bad.append("%d slices for %d calls" % (len(slices), len(calls)))
    for n, (sl, o) in enumerate(zip(slices, calls)):
        want_args = ", ".join(a["text"] for a in o["args"]) if "args" in o else None
        got_args = sl["args"].get("args")
        tid = one(one(tracks.get(sl["track"], {}), "thread", {}), "tid")
        problems = []
        if sl["name"] != o["name"]:
            problems.append("name %r" % sl["name"])
        if sl["ts"] != o["ts"]:
            problems.append("begins at %s, JSON says %s" % (sl["ts"], o["ts"]))
        if tid != o["tid"]:
            problems.append("on thread %s, JSON says %s" % (tid, o["tid"]))
        if o["ret"] is None:
            if sl["end"] is not None:
                problems.append("ends, but the call never returned")
        else:
            if sl["end"] is None or sl["end"] - sl["ts"] != o.get("dur_ns", 0):
                problems.append("lasts %s, JSON says %s" %
                                (None if sl["end"] is None else sl["end"] - sl["ts"], o.get("dur_ns")))
            if sl["args"].get("ret") != str(o["ret"]):
                problems.append("ret %r" % sl["args"].get("ret"))
            if o["errno"] is not None and sl["args"].get("errno") != str(o["errno"]):
                problems.append("errno %r" % sl["args"].get("errno"))
        if got_args != want_args:
            problems.append("arguments %r, JSON says %r" % (got_args, want_args))
        if problems:
            bad.append("slice %d (%s): %s" % (n, o["name"], "; ".join(problems)))
    names = sorted({one(one(t, "process"), "process_name") for t in tracks.values()
                    if "process" in t and "process_name" in one(t, "process")})
    print("%d packets, %d sequences, %d slices, %d calls; processes named %s" %
          (len(packets), len(seqs), len(slices), len(calls), ",".join(names) or "-"))
    for b in bad[:20]:
        print("mismatch:", b)
    return 1 if bad else 0


sys.exit(main())
