/* Running the CPython oracle as a child process (see oracle.h). */
#define _POSIX_C_SOURCE 200809L
#include "sim/oracle.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/alloc.h"
#include "sim/progenv.h"

extern char **environ;

/* The oracle folders tried next to this executable, in order: the
 * installed layout (PREFIX/bin/simloop, PREFIX/share/simloop/oracle), then
 * the build tree, where CMake links <build>/oracle to the source tree's
 * oracle/. No path is compiled in: a moved or installed tree still works. */
static const char *const ORACLE_NEXT_TO_EXE[] = {"../share/simloop/oracle", "oracle"};

/* True when `dir` holds the oracle package. */
static bool is_oracle_dir(const char *dir) {
  char path[PATH_MAX + 64];
  struct stat st;
  snprintf(path, sizeof path, "%s/simloop_oracle/__main__.py", dir);
  return stat(path, &st) == 0;
}

/* Finds the oracle relative to /proc/self/exe into `dir`; false if none. */
static bool oracle_next_to_exe(char dir[PATH_MAX]) {
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return false;
  exe[n] = '\0';
  char *slash = strrchr(exe, '/');
  if (!slash) return false;
  *slash = '\0';
  for (size_t i = 0; i < sizeof ORACLE_NEXT_TO_EXE / sizeof *ORACLE_NEXT_TO_EXE; i++) {
    if (snprintf(dir, PATH_MAX, "%s/%s", exe, ORACLE_NEXT_TO_EXE[i]) >= PATH_MAX) continue;
    if (is_oracle_dir(dir)) return true;
  }
  return false;
}

const char *sl_oracle_dir(void) {
  const char *d = getenv("SIMLOOP_ORACLE");
  if (d && *d) return d;
  /* Computed once (simloop forks, it has no threads). */
  static char found[PATH_MAX];
  static int state; /* 0 not looked yet, 1 found, -1 not found */
  if (state == 0) state = oracle_next_to_exe(found) ? 1 : -1;
  return state > 0 ? found : "oracle";
}

/* The Pyodide versions, as oracle/pyodide/package.json pins them. */
static const struct {
  const char *minor, *pkg, *exact;
} PYODIDE[] = {
    {"3.12", "pyodide-312", "3.12.7"},
    {"3.13", "pyodide-313", "3.13.2"},
    {"3.14", "pyodide-314", "3.14.2"},
};

/* The environment for the child: ours, with the oracle first on PYTHONPATH
 * and no bytecode written into the source tree. Owned array of owned
 * strings, NULL-terminated; freed by free_env. */
static char **child_env(void) {
  size_t n = 0;
  while (environ[n]) n++;
  char **env = sl_calloc(n + 3, sizeof *env);
  if (!env) return NULL;
  size_t k = 0;
  const char *pp = getenv("PYTHONPATH");
  sl_strbuf b = SL_STRBUF_INIT;
  sl_strbuf_printf(&b, "PYTHONPATH=%s%s%s", sl_oracle_dir(), pp && *pp ? ":" : "",
                   pp && *pp ? pp : "");
  env[k++] = sl_strbuf_take(&b, NULL);
  env[k++] = sl_strndup("PYTHONDONTWRITEBYTECODE=1", 25);
  for (size_t i = 0; i < n; i++)
    if (strncmp(environ[i], "PYTHONPATH=", 11) &&
        strncmp(environ[i], "PYTHONDONTWRITEBYTECODE=", 24))
      env[k++] = sl_strndup(environ[i], strlen(environ[i]));
  return env;
}

static void free_env(char **env) {
  if (!env) return;
  for (char **p = env; *p; p++) sl_free(*p);
  sl_free(env);
}

/* Runs argv with stdout/stderr sent to files (NULL: /dev/null); returns
 * the exit status, or -1 if it could not start (errno set). */
static int spawn_wait(char **argv, const char *out_path, const char *err_path) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path ? out_path : "/dev/null",
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err_path ? err_path : "/dev/null",
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  char **env = child_env();
  pid_t pid;
  int rc = env ? posix_spawnp(&pid, argv[0], &fa, NULL, argv, env) : ENOMEM;
  posix_spawn_file_actions_destroy(&fa);
  free_env(env);
  if (rc != 0) {
    errno = rc;
    return -1;
  }
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status)
                           : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* The folder after " stdlib=" at the end of the version line, if any. */
static void version_stdlib(const char *line, char stdlib[256]) {
  const char *at = strstr(line, " stdlib=");
  stdlib[0] = '\0';
  if (!at) return;
  at += strlen(" stdlib=");
  size_t n = strcspn(at, "\n");
  if (n < 256) {
    memcpy(stdlib, at, n);
    stdlib[n] = '\0';
  }
}

/* Asks a native interpreter for its exact version ("CPython 3.11.2 ...")
 * and where its standard library is; false when it cannot run the
 * oracle. */
static bool native_version(const char *python, char exact[16], char stdlib[256]) {
  char tmpl[] = "/tmp/simloop-version-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0) return false;
  close(fd);
  char *argv[] = {(char *)python, "-m", "simloop_oracle", "version", NULL};
  int rc = spawn_wait(argv, tmpl, NULL);
  bool ok = false;
  FILE *f = fopen(tmpl, "r");
  char line[256];
  if (rc == 0 && f && fgets(line, sizeof line, f) && !strncmp(line, "CPython ", 8)) {
    size_t n = strcspn(line + 8, " \n");
    if (n > 0 && n < 16) {
      memcpy(exact, line + 8, n);
      exact[n] = '\0';
      version_stdlib(line, stdlib);
      ok = true;
    }
  }
  if (f) fclose(f);
  remove(tmpl);
  return ok;
}

static bool has_node(void) {
  char *argv[] = {"node", "--version", NULL};
  return spawn_wait(argv, NULL, NULL) == 0;
}

static bool pyodide_installed(const char *pkg) {
  char path[1024];
  struct stat st;
  snprintf(path, sizeof path, "%s/pyodide/node_modules/%s/pyodide.mjs", sl_oracle_dir(), pkg);
  return stat(path, &st) == 0;
}

sl_errcode sl_oracle_find(const char *want, sl_oracle *out, bool *missing, sl_strbuf *err) {
  memset(out, 0, sizeof *out);
  *missing = false;
  snprintf(out->want, sizeof out->want, "%s", want);
  for (size_t i = 0; i < sizeof PYODIDE / sizeof *PYODIDE; i++) {
    size_t n = strlen(PYODIDE[i].minor);
    if (strncmp(want, PYODIDE[i].minor, n) || (want[n] && strcmp(want, PYODIDE[i].exact))) continue;
    out->pyodide = true;
    snprintf(out->exact, sizeof out->exact, "%s", PYODIDE[i].exact);
    snprintf(out->want, sizeof out->want, "%s", PYODIDE[i].minor);
    if (pyodide_installed(PYODIDE[i].pkg) && has_node()) return SL_EOK;
    *missing = true;
    sl_strbuf_printf(err,
                     "CPython %s (Pyodide) is not installed: run `cd %s/pyodide && npm ci` (needs "
                     "Node.js >= 18)\n",
                     PYODIDE[i].minor, sl_oracle_dir());
    return SL_EIO;
  }
  if (strcmp(want, "3.11") && strncmp(want, "3.11.", 5)) {
    sl_strbuf_printf(err, "unknown --python '%s' (3.11, 3.11.2, 3.11.7, 3.12, 3.13, 3.14 or all)\n",
                     want);
    return SL_EINVAL;
  }
  /* 3.11: the native interpreter; an exact 3.11.x picks the one that is. */
  const char *env = getenv("SIMLOOP_PYTHON");
  const char *candidates[] = {env && *env ? env : "/usr/bin/python3", "/usr/bin/python3",
                              "python3"};
  for (size_t i = 0; i < 3; i++) {
    char exact[16], stdlib[256];
    if (!native_version(candidates[i], exact, stdlib)) continue;
    if (strncmp(exact, "3.11.", 5) || (want[4] && strcmp(exact, want))) continue;
    snprintf(out->python, sizeof out->python, "%s", candidates[i]);
    snprintf(out->exact, sizeof out->exact, "%s", exact);
    snprintf(out->stdlib, sizeof out->stdlib, "%s", stdlib);
    return SL_EOK;
  }
  *missing = true;
  sl_strbuf_printf(
      err,
      "no CPython %s found that can run the oracle (tried $SIMLOOP_PYTHON, /usr/bin/python3, "
      "python3; set SIMLOOP_PYTHON to one)\n",
      want);
  return SL_EIO;
}

size_t sl_oracle_all(sl_oracle *out, size_t max) {
  static const char *const all[] = {"3.11", "3.12", "3.13", "3.14"};
  size_t n = 0;
  for (size_t i = 0; i < 4 && n < max; i++) {
    bool missing;
    sl_strbuf err = SL_STRBUF_INIT;
    if (sl_oracle_find(all[i], &out[n], &missing, &err) == SL_EOK) n++;
    sl_strbuf_free(&err);
  }
  return n;
}

sl_errcode sl_oracle_run(const sl_oracle *o, char **files, size_t n, const char *jsonl,
                         const char *stdout_path, const char *stderr_path, const char *decisions,
                         sl_strbuf *err) {
  char runmjs[1024];
  snprintf(runmjs, sizeof runmjs, "%s/pyodide/run.mjs", sl_oracle_dir());
  const sl_progenv *pe = sl_progenv_get();
  char **argv = sl_calloc(n + 16 + 2 * (pe->npath + pe->nsetenv + pe->nargs), sizeof *argv);
  if (!argv) return SL_ENOMEM;
  size_t k = 0;
  if (o->pyodide) {
    argv[k++] = "node";
    argv[k++] = runmjs;
    argv[k++] = "--python";
    argv[k++] = (char *)o->want;
    argv[k++] = "--";
  } else {
    argv[k++] = (char *)o->python;
    argv[k++] = "-m";
    argv[k++] = "simloop_oracle";
  }
  argv[k++] = "run";
  for (size_t i = 0; i < n; i++) argv[k++] = files[i];
  argv[k++] = "--jsonl";
  argv[k++] = (char *)jsonl;
  argv[k++] = "--stdout";
  argv[k++] = (char *)stdout_path;
  if (decisions) {
    argv[k++] = "--decisions";
    argv[k++] = (char *)decisions;
  }
  /* The same simulated machine (sim/progenv.h). */
  for (size_t i = 0; i < pe->npath; i++) {
    argv[k++] = "--path";
    argv[k++] = (char *)pe->path[i];
  }
  for (size_t i = 0; i < pe->nsetenv; i++) {
    argv[k++] = "--setenv";
    argv[k++] = (char *)pe->setenv[i];
  }
  /* The program's arguments as --arg=ARG: an argument that starts with
   * '-' ("-c", "--help") would otherwise be read as an option of the
   * oracle's own command line. */
  size_t first_arg = k;
  for (size_t i = 0; i < pe->nargs; i++) {
    size_t len = strlen(pe->args[i]);
    char *a = sl_malloc(len + 7);
    if (!a) {
      for (size_t j = first_arg; j < k; j++) sl_free(argv[j]);
      sl_free(argv);
      return SL_ENOMEM;
    }
    memcpy(a, "--arg=", 6);
    memcpy(a + 6, pe->args[i], len + 1);
    argv[k++] = a;
  }
  argv[k] = NULL;
  int rc = spawn_wait(argv, NULL, stderr_path);
  for (size_t j = first_arg; j < k; j++) sl_free(argv[j]);
  sl_free(argv);
  if (rc == 0) return SL_EOK;
  if (rc < 0)
    sl_strbuf_printf(err, "cannot start the oracle (%s): %s\n", o->pyodide ? "node" : o->python,
                     strerror(errno));
  else
    sl_strbuf_printf(err, "the CPython %s oracle failed (exit %d); its messages are in %s\n",
                     o->want, rc, stderr_path);
  return SL_EIO;
}

sl_errcode sl_oracle_spawn_served(const sl_oracle *o, char **args, bool show_stderr, int *sock,
                                  int *pid_out, sl_strbuf *err) {
  *sock = -1;
  size_t n = 0;
  while (args[n]) n++;
  char **argv = sl_calloc(n + 4, sizeof *argv);
  if (!argv) return SL_ENOMEM;
  argv[0] = (char *)o->python;
  argv[1] = "-m";
  argv[2] = "simloop_oracle";
  for (size_t i = 0; i < n; i++) argv[3 + i] = args[i];
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
    sl_strbuf_printf(err, "cannot start CPython: socketpair: %s\n", strerror(errno));
    sl_free(argv);
    return SL_EIO;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, sv[1], 0);
  posix_spawn_file_actions_adddup2(&fa, sv[1], 1);
  if (!show_stderr) posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  char **env = child_env();
  pid_t pid;
  int rc = env ? posix_spawnp(&pid, argv[0], &fa, NULL, argv, env) : ENOMEM;
  posix_spawn_file_actions_destroy(&fa);
  free_env(env);
  sl_free(argv);
  close(sv[1]);
  if (rc != 0) {
    close(sv[0]);
    sl_strbuf_printf(err, "cannot start CPython (%s): %s\n", o->python, strerror(rc));
    return SL_EIO;
  }
  *sock = sv[0];
  *pid_out = (int)pid;
  return SL_EOK;
}
