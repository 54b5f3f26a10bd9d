/* zhi-fuzz.h — shared by the libFuzzer targets in tests/fuzz/ and their replay driver
 *
 * Every target defines LLVMFuzzerTestOneInput().  Built with -Dfuzzing=true (clang) it links
 * libFuzzer; otherwise zhi-fuzz-replay.c gives it a main() that feeds it every file of a
 * corpus, so the unit suite runs the seeds and past crashes as regression inputs.
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Once per process: warnings (expected for bad input) are dropped, criticals and errors
 * (a g_return_if_fail() reached from input, a bug) print and abort so the fuzzer sees a
 * crash.  Also fixes the language so messages do not depend on the environment. */
void zhi_fuzz_init (void);

/* A folder of its own for the process, removed at exit (NULL-safe to call many times). */
const char *zhi_fuzz_tmp_dir (void);

/* Abort with a message: an invariant of the code under test does not hold. */
G_NORETURN void zhi_fuzz_fail (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS

#include "zhi-project.h"

G_BEGIN_DECLS

/* Reads every part of a project through the public getters (so ASan sees every string
 * and list), then checks that its JSON export parses and imports back to an equal
 * project.  Aborts with zhi_fuzz_fail() when that round trip does not hold. */
void zhi_fuzz_exercise_project (ZhiProject *project);

G_END_DECLS
