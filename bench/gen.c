/* SPDX-License-Identifier: Apache-2.0 */
/* Writes a realistic benchmark result file (current layout) of any size, deterministic for a seed. */
#include <stdio.h>
#include <stdlib.h>

/* The gadgets a real run measures, and the rates each one steps through. */
static const char *const gen_gadgets[] = {
	"trace_dns", "trace_exec", "trace_open", "trace_tcp", "top_process",
	"top_tcp", "trace_bind", "trace_signal", "snapshot_socket", "trace_mount",
};
static const long gen_rates[] = { 256, 512, 1024, 2048, 4096, 8192, 16384 };

#define GEN_NGADGETS (sizeof(gen_gadgets) / sizeof(gen_gadgets[0]))
#define GEN_NRATES (sizeof(gen_rates) / sizeof(gen_rates[0]))

/* splitmix64: integer only, so the output is the same on every machine. */
static unsigned long long
gen_next(unsigned long long *s)
{
	unsigned long long z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Noise in [-spread, spread], roughly bell-shaped (sum of four uniforms). */
static long
gen_noise(unsigned long long *s, long spread)
{
	long sum = 0;
	int i;

	if (spread <= 0)
		return 0;
	for (i = 0; i < 4; i++)
		sum += (long)(gen_next(s) % (unsigned long long)(2 * spread + 1)) - spread;
	return sum / 4;
}

/* Prints hundredths as a two-decimal number, as the benchmark does. */
static void
gen_centi(long v)
{
	if (v < 0)
		v = 0;
	printf(",%ld.%02ld", v / 100, v % 100);
}

static void
gen_row(unsigned long long *s, const char *gadget, int ig, long run, long rate,
    long gi)
{
	long cpu = rate * (40 + gi * 7) / 1000 + 90;   /* hundredths of a percent */
	long mem = 139000 + gi * 1500;                  /* hundredths of a MiB */

	if (ig)
		cpu = cpu * 16 / 10, mem += 11000;
	printf("%s,%s,%ld,%ld", gadget, ig ? "ig" : "baseline", run, rate);
	gen_centi(cpu + gen_noise(s, cpu / 10 + 3));
	gen_centi(mem + gen_noise(s, 900));
	gen_centi(ig ? cpu * 4 / 10 + gen_noise(s, 3) : 0);
	gen_centi(ig ? 9500 + gen_noise(s, 300) : 0);
	printf(",%ld\n", ig && rate >= 8192 ? labs(gen_noise(s, rate / 2048)) : 0L);
}

int
main(int argc, char **argv)
{
	unsigned long long seed, s;
	long rows, ngadgets, g, r, nrates[GEN_NGADGETS], groups = 0, runs, extra;
	long written = 0;

	if (argc != 4 || (rows = atol(argv[1])) < 1 ||
	    (ngadgets = atol(argv[2])) < 1 || ngadgets > (long)GEN_NGADGETS) {
		fprintf(stderr, "usage: gen ROWS GADGETS(1-%zu) SEED\n", GEN_NGADGETS);
		return 1;
	}
	seed = strtoull(argv[3], NULL, 10);
	s = seed;
	/* 4 or 5 rates per gadget: 6 gadgets make 27 rates, 270 rows at 5 runs. */
	for (g = 0; g < ngadgets; g++) {
		nrates[g] = g % 2 ? 4 : 5;
		groups += 2 * nrates[g];
	}
	runs = rows / groups;
	extra = rows % groups;
	printf("# Processor: AMD EPYC 7763 64-Core Processor\n"
	    "# Memory: 31.3 GB\n# Benchmark Date: generated, seed %llu\n"
	    "TestName,TestCase,Run,EventsPerSecond,Cpu,Mem,IgCpu,IgMem,Lost\n",
	    seed);
	for (g = 0; g < ngadgets; g++)
		for (r = 0; r < nrates[g]; r++) {
			int ig;

			for (ig = 0; ig < 2; ig++) {
				long n = runs + (extra-- > 0), k;

				for (k = 1; k <= n; k++, written++)
					gen_row(&s, gen_gadgets[g], ig, k,
					    gen_rates[r + (g % 3)], g);
			}
		}
	return written == rows && fflush(stdout) == 0 ? 0 : 1;
}
