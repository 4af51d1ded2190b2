/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * vltrace --bench: what tracing costs on this machine.  A built-in syscall
 * workload runs untraced, on the floor (hooks attached, nothing recorded) and
 * traced with each sink; variants alternate over rounds and medians are printed.
 * Each run is a separate vltrace process tracing a separate workload process, as
 * a user would run them.
 *
 * Threads: main thread only.
 */
#ifndef VLTRACE_BENCH_H
#define VLTRACE_BENCH_H

#include "cli.h"

/* Environment variable naming the fd where a workload reports its figures. */
#define BENCH_FD_ENV "VLTRACE_BENCH_FD"
/* Environment variable naming the fd where a tracer reports its totals. */
#define STATS_FD_ENV "VLTRACE_STATS_FD"
/* The hidden first argument that makes vltrace run the workload. */
#define BENCH_CHILD_ARG "--bench-child"

int bench_run(const struct cli_opts *o);
/* argv: vltrace --bench-child KIND ITERATIONS; returns the exit status. */
int bench_child(int argc, char **argv);

#endif /* VLTRACE_BENCH_H */
