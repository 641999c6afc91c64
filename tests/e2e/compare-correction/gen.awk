# Writes a benchmark file: 6 gadgets x 27 rates x (baseline, ig) x 5 runs with
# 5% multiplicative noise from a seeded generator, as a real-size run of the
# same system. usage: awk -v seed=N [-v gadgets=G] -f gen.awk (G gadgets
# instead of 6)
function noise() { return 1 + 0.05 * (rand() + rand() + rand() - 1.5) * 2 }
BEGIN {
	srand(seed)
	print "# Processor: synthetic"
	print "TestName,TestCase,Run,EventsPerSecond,Cpu,Mem,IgCpu,IgMem,Lost"
	if (gadgets == 0)
		gadgets = 6
	for (g = 0; g < gadgets; g++)
		for (k = 1; k <= 27; k++)
			for (c = 0; c < 2; c++)
				for (run = 1; run <= 5; run++) {
					rate = 128 * k
					cpu = (1 + rate / 1000) * (c ? 1.5 : 1) * noise()
					mem = (1400 + (c ? 110 : 0)) * noise()
					igc = c ? rate / 2000 * noise() : 0
					igm = c ? 100 * noise() : 0
					printf "g%d,%s,%d,%d,%.2f,%.2f,%.2f,%.2f,%d\n", g,
					    c ? "ig" : "baseline", run, rate, cpu, mem, igc, igm, 0
				}
}
