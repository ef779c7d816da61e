#!/usr/bin/env python3
"""For each long frame of the fleet view benchmark, what each thread of Pitwall was running within it.

Inputs: the frames the benchmark wrote (-Dbench.longFrames=FILE: view, end in epoch ms, length in
ms, end in CLOCK_MONOTONIC ns, then the CPU ms of the JavaFX thread and of the process), and the
text of an async-profiler CPU recording of the same run (agent option
`start,event=cpu,interval=1ms,threads,jfr,file=F.jfr`, then
`TZ=UTC jfr print --events jdk.ExecutionSample --stack-depth 64 F.jfr`: `jfr print` writes
times in the local zone, and this script reads them as UTC). With 1 ms samples, a thread's
count in a frame is about the milliseconds of CPU it used there. Prints, per frame, the threads
with the most samples and, for each, the methods its samples were in: the innermost of Pitwall's
own frames, or the innermost frame where there is none (the JVM's compilers and collectors).
See docs/benchmarks.md, "Tenth round".

Usage: frame-samples.py FRAMES SAMPLES_TEXT [MIN_FRAME_MS]
"""
import bisect
import collections
import datetime
import re
import sys

# `jfr print` leaves the date out of a time on the day it runs: the day is then the frames' own
START = re.compile(r'startTime = (\d+):(\d+):([\d.]+)(?: \((\d+)-(\d+)-(\d+)\))?')
THREAD = re.compile(r'sampledThread = "([^"]*)"')
FRAME = re.compile(r'^\s+(\S.*?)\s+line:', re.M)


def samples(text_file, day):
    """(epoch ms, thread, frames innermost first) of each sample, by time; day: (year, month, day) for times without one."""
    found = []
    with open(text_file) as text:
        for event in text.read().split('jdk.ExecutionSample {')[1:]:
            start = START.search(event)
            if not start:
                continue
            hour, minute, second, *date = start.groups()
            year, month, date_day = date if date[0] else day
            minute_start = datetime.datetime(int(year), int(month), int(date_day), int(hour), int(minute),
                                             tzinfo=datetime.timezone.utc)
            epoch_ms = minute_start.timestamp() * 1000 + float(second) * 1000
            thread = THREAD.search(event)
            found.append((epoch_ms, thread.group(1) if thread else '?', FRAME.findall(event)))
    found.sort(key=lambda sample: sample[0])
    return found


def telling(frames):
    """The innermost of Pitwall's own frames, or the innermost frame."""
    return next((frame for frame in frames if frame.startswith('dev.pitwall')), frames[0] if frames else '?')


def main(frames_file, text_file, min_ms=45.0):
    with open(frames_file) as frames:
        first = frames.readline().split()
    when = datetime.datetime.fromtimestamp(float(first[1]) / 1000, datetime.timezone.utc) if first else None
    recorded = samples(text_file, (when.year, when.month, when.day) if when else (1970, 1, 1))
    times = [sample[0] for sample in recorded]
    with open(frames_file) as frames:
        for line in frames:
            view, end, length, _, fx_cpu, process_cpu = line.split()
            end, length = float(end), float(length)
            if length < min_ms:
                continue
            # the frame's ends are whole milliseconds: widen by one each side
            inside = recorded[bisect.bisect_left(times, end - length - 1):bisect.bisect_right(times, end + 1)]
            per_thread = collections.Counter(thread for _, thread, _ in inside)
            methods = collections.defaultdict(collections.Counter)
            for _, thread, stack in inside:
                methods[thread][telling(stack)[:100]] += 1
            print(f'{view} {length:.0f} ms (CPU ms: JavaFX thread {fx_cpu}, process {process_cpu}): {len(inside)} samples')
            for thread, count in per_thread.most_common(8):
                top = '; '.join(f'{n} {method}' for method, n in methods[thread].most_common(3))
                print(f'  {count:4d} {thread[:28]:<28} {top}')


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 45.0)
