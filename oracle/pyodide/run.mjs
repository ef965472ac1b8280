#!/usr/bin/env node
// Run the simloop oracle inside Pyodide (CPython 3.12 / 3.13 / 3.14).
//
//   node oracle/pyodide/run.mjs --python 3.14 -- run FILE... --jsonl OUT [...]
//
// Loads the Pyodide build for that version (npm aliases in package.json),
// mounts the host folders the oracle needs (the oracle package, each
// scenario's folder, the output and decision-log folders) at the SAME
// absolute paths inside the Pyodide file system (NODEFS), changes to the
// host's working directory, clears Pyodide's running event loop and calls
// simloop_oracle.__main__.main(args).  The exit status is the oracle's
// (0 ran, 2 bad usage).

import path from "node:path";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const VERSIONS = { "3.12": "pyodide-312", "3.13": "pyodide-313", "3.14": "pyodide-314" };
const here = path.dirname(fileURLToPath(import.meta.url));
const oracleRoot = path.dirname(here);            // .../oracle (holds simloop_oracle/)

function usage(msg) {
  process.stderr.write(`run.mjs: error: ${msg}\n` +
    "usage: node oracle/pyodide/run.mjs --python {3.12,3.13,3.14} -- <oracle args>\n");
  process.exit(2);
}

const argv = process.argv.slice(2);
let version = null;
let i = 0;
for (; i < argv.length; i++) {
  if (argv[i] === "--") { i++; break; }
  if (argv[i] === "--python") version = argv[++i];
  else if (argv[i].startsWith("--python=")) version = argv[i].slice(9);
  else usage(`unknown option ${argv[i]}`);
}
const oracleArgs = argv.slice(i);
if (!version || !(version in VERSIONS)) usage(`--python must be one of ${Object.keys(VERSIONS).join(", ")}`);
if (oracleArgs.length === 0) usage("missing oracle arguments after --");

// Folders to mount: everything a path argument points into.
const cwd = process.cwd();
const dirs = new Set([oracleRoot]);
const VALUE_OPTS = new Set(["--jsonl", "--stdout", "--decisions", "--max-steps", "--path", "--setenv", "--arg"]);
const PATH_OPTS = new Set(["--jsonl", "--stdout", "--decisions"]);
if (oracleArgs[0] === "run") {
  for (let k = 1; k < oracleArgs.length; k++) {
    let a = oracleArgs[k], val = null, opt = null;
    if (a.startsWith("--") && a.includes("=")) { opt = a.slice(0, a.indexOf("=")); val = a.slice(a.indexOf("=") + 1); }
    else if (VALUE_OPTS.has(a)) { opt = a; val = oracleArgs[++k]; }
    else if (a.startsWith("-")) continue;
    else { dirs.add(path.dirname(path.resolve(cwd, a))); continue; }
    if (PATH_OPTS.has(opt) && val !== undefined && val !== "-") dirs.add(path.dirname(path.resolve(cwd, val)));
    if (opt === "--path" && val !== undefined) dirs.add(path.resolve(cwd, val));  // the module folder itself
    if (opt === "--jsonl" && !oracleArgs.includes("--stdout") && val !== "-")
      dirs.add(path.dirname(path.resolve(cwd, val + ".stdout")));
  }
}
// Keep only the outermost folders (a NODEFS mount covers its subfolders).
const sorted = [...dirs].filter((d) => fs.existsSync(d)).sort();
const mounts = [];
for (const d of sorted) {
  if (!mounts.some((m) => d === m || d.startsWith(m.endsWith("/") ? m : m + "/"))) mounts.push(d);
}
for (const d of mounts) {
  if (d === "/" || /^\/(lib|dev|proc|home\/pyodide)(\/|$)/.test(d))
    usage(`cannot mount ${d} inside Pyodide (it would hide Pyodide's own files)`);
}

const { loadPyodide } = await import(`${VERSIONS[version]}/pyodide.mjs`);
const t0 = performance.now();
const py = await loadPyodide({
  stdout: undefined, stderr: undefined,
});
py.setStdout({ write: (buf) => { process.stdout.write(buf); return buf.length; } });
py.setStderr({ write: (buf) => { process.stderr.write(buf); return buf.length; } });
for (const d of mounts) {
  py.FS.mkdirTree(d);
  py.FS.mount(py.FS.filesystems.NODEFS, { root: d }, d);
}
try { py.FS.mkdirTree(cwd); py.FS.chdir(cwd); } catch (e) { /* cwd unusable: absolute paths still work */ }
if (process.env.SIMLOOP_ORACLE_TIMING) process.stderr.write(`pyodide ${version} loaded in ${(performance.now() - t0).toFixed(0)} ms\n`);

py.globals.set("_simloop_args", py.toPy(oracleArgs));
py.globals.set("_simloop_root", oracleRoot);
let rc = 1;
try {
  rc = py.runPython(`
import sys
import asyncio.events
asyncio.events._set_running_loop(None)      # Pyodide marks its own loop running
sys.path.insert(0, _simloop_root)
from simloop_oracle.__main__ import main as _simloop_main
_rc = _simloop_main(list(_simloop_args))
sys.stdout.flush(); sys.stderr.flush()
_rc
`);
} catch (e) {
  process.stderr.write(`run.mjs: oracle crashed: ${e}\n`);
  rc = 1;
}
process.exitCode = rc;
