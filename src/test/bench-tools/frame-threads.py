#!/usr/bin/env python3
"""For each long frame of the fleet view benchmark, which threads ran on Pitwall's core within it.

Inputs: the frames the benchmark wrote (-Dbench.longFrames=FILE: view, end in epoch ms, length in
ms, end in CLOCK_MONOTONIC ns, then the CPU ms of the JavaFX thread and of the process), the text
of a scheduler trace of core 1 (`perf record -e sched:sched_switch -C 1 -k monotonic`, then
`perf script`), and optionally stallwatch's output for the same core. Prints, per frame, the
milliseconds each thread ran within it, most first ("swapper/1" is the core idle), and the
longest stall stallwatch saw within it. See docs/benchmarks.md, "Ninth round".

Usage: frame-threads.py FRAMES PERF_SCRIPT_TEXT [STALLWATCH_OUTPUT] [MIN_FRAME_MS]
"""
import bisect
import collections
import re
import sys

SWITCH = re.compile(r'\s(\d+\.\d+):\s+sched:sched_switch:\s+prev_comm=(.*?) prev_pid=(\d+) .*? next_comm=(.*?) next_pid=(\d+)')


def main(frames_file, trace_file, stalls_file=None, min_ms=0):
    switches = []
    with open(trace_file) as trace:
        for line in trace:
            match = SWITCH.search(line)
            if match:
                switches.append((float(match.group(1)), match.group(4) + ':' + match.group(5)))
    switches.sort()
    times = [time for time, _ in switches]
    stalls = []
    if stalls_file:
        with open(stalls_file) as lines:
            stalls = [(int(words[5]), int(words[1])) for words in (line.split() for line in lines) if words and words[0] == 'late']
    with open(frames_file) as lines:
        frames = [line.split() for line in lines if line.strip()]
    for frame in frames:
        length_ms = int(frame[2])
        if length_ms < min_ms:
            continue
        end = int(frame[3]) / 1e9
        start = end - length_ms / 1e3
        at = bisect.bisect_left(times, start)
        running = switches[at - 1][1] if at > 0 else '?'
        ran = collections.Counter()
        since = start
        while at < len(switches) and switches[at][0] < end:
            ran[running] += switches[at][0] - since
            since, running = switches[at]
            at += 1
        ran[running] += end - since
        stall = max((late for time, late in stalls if start * 1e9 <= time <= end * 1e9 + 1e6), default=0)
        cpu = f'JavaFX thread CPU {frame[4]} ms, process {frame[5]} ms; ' if len(frame) > 5 else ''
        print(f'{frame[0]} {length_ms} ms ({cpu}longest stall {stall / 1e6:.0f} ms): '
              + ', '.join(f'{thread} {seconds * 1e3:.1f}' for thread, seconds in ran.most_common(8)))


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None, int(sys.argv[4]) if len(sys.argv) > 4 else 0)
