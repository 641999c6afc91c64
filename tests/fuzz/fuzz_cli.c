/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: the whole program, through cli_main() as main() calls
 * it. An input is an argument line, then up to four files separated by a
 * line "--8<--": a.csv, b.csv, c.csv and t.xml, written into a scratch
 * directory in memory (/dev/shm where there is one) that is the working
 * directory during the run (libFuzzer's own paths are read in the directory
 * it was started in, but a crash's artifact is written in the scratch one
 * unless -artifact_prefix is absolute, as run.sh gives it). For example:
 *
 *     compare -f all -o out --correction bh a.csv b.csv
 *     TestName,TestCase,...
 *     --8<--
 *     TestName,TestCase,...
 *
 * Arguments are split at white space; one with a '/' or ".." in it is
 * dropped, so that every path stays in the scratch directory, and standard
 * input is /dev/null. After each run the promises of the README are
 * checked: a documented exit status; no temporary file left behind; no new
 * file after a failure; no line of /etc/passwd in any output, unless the
 * input itself held it.
 */
#define _GNU_SOURCE /* nftw's FTW_DEPTH and FTW_PHYS */
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fuzz_common.h"
#include "xalloc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CLI_MAX_ARGS 48
#define FUZZ_CLI_SEP "\n--8<--\n"

static const char *const fuzz_cli_files[] = { "a.csv", "b.csv", "c.csv",
	"t.xml" };
#define FUZZ_CLI_NFILES (sizeof(fuzz_cli_files) / sizeof(fuzz_cli_files[0]))

/*
 * The scratch directory, where libFuzzer runs, and what no output may hold
 * (set once, at start), and whether this input holds that itself.
 */
static struct {
	char dir[64];
	int home;
	char secret[256];
	int input_has_secret;
} fuzz_cli;

static int
fuzz_cli_rm(const char *path, const struct stat *st, int type, struct FTW *f)
{
	(void)st;
	(void)type;
	if (f->level > 0)
		remove(path);
	return 0;
}

/* Empties the scratch directory (it stays, as the working directory). */
static void
fuzz_cli_clean(void)
{
	nftw(fuzz_cli.dir, fuzz_cli_rm, 16, FTW_DEPTH | FTW_PHYS);
}

static void
fuzz_cli_remove_dir(void)
{
	fuzz_cli_clean();
	rmdir(fuzz_cli.dir);
}

static void
fuzz_cli_secret(void)
{
	FILE *fp = fopen("/etc/passwd", "r");

	if (fp != NULL && fgets(fuzz_cli.secret, sizeof(fuzz_cli.secret),
	    fp) != NULL)
		fuzz_cli.secret[strcspn(fuzz_cli.secret, "\n")] = '\0';
	if (fp != NULL)
		fclose(fp);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	char *data = fuzz_source_path("");
	int null = open("/dev/null", O_RDONLY);

	(void)argc;
	(void)argv;
	snprintf(fuzz_cli.dir, sizeof(fuzz_cli.dir),
	    "%s/igreport-fuzz-XXXXXX", base);
	if (mkdtemp(fuzz_cli.dir) == NULL ||
	    (fuzz_cli.home = open(".", O_RDONLY | O_DIRECTORY)) < 0 ||
	    null < 0 || dup2(null, 0) < 0)
		abort();
	close(null);
	atexit(fuzz_cli_remove_dir);
	fuzz_cli_secret();
	setenv("IGREPORT_DATADIR", data, 1);
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	free(data);
	return 0;
}

/* Writes the files of the input after its first line. */
static void
fuzz_cli_write_files(const char *p, const char *end)
{
	size_t i;

	for (i = 0; i < FUZZ_CLI_NFILES && p <= end; i++) {
		const char *next = memmem(p, (size_t)(end - p), FUZZ_CLI_SEP,
		    strlen(FUZZ_CLI_SEP));
		const char *stop = next ? next : end;
		FILE *fp = fopen(fuzz_cli_files[i], "wb");

		if (fp == NULL || fwrite(p, 1, (size_t)(stop - p), fp) !=
		    (size_t)(stop - p) || fclose(fp) != 0)
			abort();
		if (next == NULL)
			break;
		p = next + strlen(FUZZ_CLI_SEP);
	}
}

/* Splits line (changed in place) into argv after "igreport"; returns argc. */
static int
fuzz_cli_args(char *line, char **argv)
{
	int argc = 0;
	char *tok, *save = NULL;

	argv[argc++] = (char *)"igreport";
	for (tok = strtok_r(line, " \t\r\n", &save);
	    tok != NULL && argc < FUZZ_CLI_MAX_ARGS;
	    tok = strtok_r(NULL, " \t\r\n", &save))
		if (strchr(tok, '/') == NULL && strstr(tok, "..") == NULL)
			argv[argc++] = tok;
	argv[argc] = NULL;
	return argc;
}

static int
fuzz_cli_is_input(const char *name)
{
	size_t i;

	for (i = 0; i < FUZZ_CLI_NFILES; i++)
		if (strcmp(name, fuzz_cli_files[i]) == 0)
			return 1;
	return 0;
}

/* Whether the file at path holds the first line of /etc/passwd. */
static int
fuzz_cli_leaks(const char *path)
{
	FILE *fp;
	char *buf;
	long n;
	int found = 0;

	if (fuzz_cli.secret[0] == '\0' || fuzz_cli.input_has_secret ||
	    (fp = fopen(path, "rb")) == NULL)
		return 0;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0 &&
	    fseek(fp, 0, SEEK_SET) == 0) {
		buf = xmalloc((size_t)n);
		if (fread(buf, 1, (size_t)n, fp) == (size_t)n)
			found = memmem(buf, (size_t)n, fuzz_cli.secret,
			    strlen(fuzz_cli.secret)) != NULL;
		free(buf);
	}
	fclose(fp);
	return found;
}

/* The exit status of the run being checked, for fuzz_cli_check_one. */
static int fuzz_cli_status;

static void
fuzz_cli_fail(const char *what, const char *path)
{
	fprintf(stderr, "fuzz_cli: exit status %d: %s: %s\n",
	    fuzz_cli_status, what, path);
	abort();
}

/* A temporary file's name: ".NAME.XXXXXX" (outfile.c). */
static int
fuzz_cli_is_temporary(const char *base)
{
	size_t n = strlen(base);

	return base[0] == '.' && n > 8 && base[n - 7] == '.';
}

static int
fuzz_cli_check_one(const char *path, const struct stat *st, int type,
    struct FTW *f)
{
	const char *base = path + f->base;

	if (f->level == 0 || type != FTW_F)
		return 0;
	if (fuzz_cli_is_temporary(base))
		fuzz_cli_fail("a temporary file left behind", path);
	if (fuzz_cli_status != CLI_EXIT_OK &&
	    fuzz_cli_status != CLI_EXIT_REGRESSION &&
	    !(f->level == 1 && fuzz_cli_is_input(base)))
		fuzz_cli_fail("a new file after a failure", path);
	if (S_ISREG(st->st_mode) && fuzz_cli_leaks(path))
		fuzz_cli_fail("/etc/passwd in an output", path);
	return 0;
}

static void
fuzz_cli_check(int status)
{
	fuzz_cli_status = status;
	if (status < CLI_EXIT_OK || status > CLI_EXIT_REGRESSION)
		fuzz_cli_fail("not a documented exit status", "");
	nftw(fuzz_cli.dir, fuzz_cli_check_one, 16, FTW_PHYS);
}

/*
 * cli_parse sets optind to 1, which is enough once per process (main calls
 * cli_main once), but glibc then still holds the rest of a cluster of short
 * options an error stopped in ("-qcX"), pointing into the last input's
 * argv. Setting optind to 0 and reading an empty argv makes getopt forget it.
 */
static void
fuzz_cli_reset_getopt(void)
{
	char *argv[] = { (char *)"igreport", NULL };

	optind = 0;
	while (getopt(1, argv, "") != -1)
		;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nl = memchr(text, '\n', size);
	size_t linelen = nl ? (size_t)(nl - text) : size;
	char *line = xmalloc(linelen + 1);
	char *argv[FUZZ_CLI_MAX_ARGS + 1];
	int argc;

	memcpy(line, text, linelen);
	line[linelen] = '\0';
	fuzz_cli.input_has_secret = fuzz_cli.secret[0] != '\0' &&
	    memmem(text, size, fuzz_cli.secret, strlen(fuzz_cli.secret)) != NULL;
	fuzz_cli_clean();
	if (chdir(fuzz_cli.dir) != 0)
		abort();
	if (nl != NULL)
		fuzz_cli_write_files(nl + 1, text + size);
	argc = fuzz_cli_args(line, argv);
	clearerr(stdin);
	fuzz_cli_reset_getopt();
	fuzz_cli_check(cli_main(argc, argv));
	fflush(stdout);
	if (fchdir(fuzz_cli.home) != 0)
		abort();
	free(line);
	return 0;
}
