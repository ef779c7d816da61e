// stallwatch: tells when one CPU could run nothing at all, for the fleet view benchmark
// (docs/benchmarks.md, "Ninth round").
//
// It wakes every millisecond at real-time priority (SCHED_FIFO 99, above every thread of the
// guest) pinned to one CPU, and prints each wake-up that came later than a threshold, with its
// CLOCK_MONOTONIC time (the clock of System.nanoTime and of `perf record -k monotonic`). A
// wake-up that late means the CPU ran nothing for that long: the virtual CPU was not running
// (the host stalled it) or the guest kernel held it with interrupts off. It puts itself back on
// its CPU every second, since the benchmark moves every other process to core 0 at its start.
//
// Build: gcc -O2 -Wall -o /tmp/stallwatch src/test/bench-tools/stallwatch.c
// Run (as root, for SCHED_FIFO): /tmp/stallwatch CPU THRESHOLD_MS > FILE, stop it with SIGINT;
// its last line sums up the run.
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile sig_atomic_t stop;

static void on_signal(int signal) {
    (void) signal;
    stop = 1;
}

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    int cpu = argc > 1 ? atoi(argv[1]) : 1;
    long long threshold = (argc > 2 ? atoll(argv[2]) : 10) * 1000000LL;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set)) {
        perror("stallwatch: sched_setaffinity");
        return 1;
    }
    struct sched_param priority = {.sched_priority = 99};
    if (sched_setscheduler(0, SCHED_FIFO, &priority)) {
        perror("stallwatch: sched_setscheduler (needs root)");
        return 1;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct timespec period = {0, 1000000};
    long long wakeups = 0, late = 0, worst = 0, start = now_ns();
    while (!stop) {
        long long before = now_ns();
        clock_nanosleep(CLOCK_MONOTONIC, 0, &period, NULL);
        long long after = now_ns();
        long long lateness = after - before - period.tv_nsec;
        wakeups++;
        if (wakeups % 1000 == 0) {
            sched_setaffinity(0, sizeof set, &set);
        }
        if (lateness > worst) {
            worst = lateness;
        }
        if (lateness > threshold) {
            late++;
            printf("late %lld ns at monotonic %lld\n", lateness, after);
        }
    }
    printf("cpu %d: %lld wake-ups in %.1f s, %lld late by over %lld ms, worst %.2f ms\n", cpu, wakeups,
           (now_ns() - start) / 1e9, late, threshold / 1000000, worst / 1e6);
    return 0;
}
