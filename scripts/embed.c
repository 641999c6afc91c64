/* SPDX-License-Identifier: Apache-2.0 */
/* Run by make: writes a C file holding the bytes of the files named on its command line (the shipped templates and schema). */
#include <stdio.h>
#include <stdlib.h>

/* Writes one file's bytes as an array named shipped_<i>; returns its length, or -1. */
static long
embed_one(FILE *out, const char *path, int i)
{
	FILE *f = fopen(path, "rb");
	long n = 0;
	int c;

	if (f == NULL)
		return -1;
	fprintf(out, "static const unsigned char shipped_%d[] = {", i);
	while ((c = getc(f)) != EOF) {
		fprintf(out, "%s%d,", n % 16 == 0 ? "\n\t" : " ", c);
		n++;
	}
	/* A NUL after the bytes, as if read into a string, and never an empty array. */
	fprintf(out, "\n\t0\n};\n\n");
	if (ferror(f))
		n = -1;
	fclose(f);
	return n;
}

int
main(int argc, char **argv)
{
	long *len = calloc((size_t)argc, sizeof(*len));
	int i;

	if (len == NULL || argc < 2) {
		fprintf(stderr, "usage: embed FILE... >shipped_data.c\n");
		return 2;
	}
	printf("/* Written by scripts/embed.c from the files below: do not edit. */\n"
	    "#include \"shipped.h\"\n\n");
	for (i = 1; i < argc; i++)
		if ((len[i] = embed_one(stdout, argv[i], i)) < 0) {
			perror(argv[i]);
			return 1;
		}
	printf("const struct shipped_file shipped_files[] = {\n");
	for (i = 1; i < argc; i++)
		printf("\t{ \"%s\", shipped_%d, %ld },\n", argv[i], i, len[i]);
	printf("};\n\nconst size_t shipped_nfiles = %d;\n", argc - 1);
	free(len);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
