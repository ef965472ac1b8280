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

// One interpreter serves a whole batch (a fresh one costs ~2 s, a scenario
// ~30 ms), and the oracle rebases Task-N names on the counter's position
// (README "Task-N names"). A task can show its name before the oracle
// sees it: an eager task (3.12+) in its first step, a Task built directly.
// A file that may do either runs alone in a fresh interpreter, where the
// counter starts where a fresh CPython's does; the outputs are joined in
// the order of the files.
const NEEDS_FRESH = /eager|Task\s*\(/;
function splitRun(args) {
  if (args[0] !== "run") return [{ fresh: false, args }];
  const files = [], rest = [];
  for (let k = 1; k < args.length; k++) {
    const a = args[k];
    if (VALUE_OPTS.has(a)) { rest.push(a, args[++k]); continue; }
    if (a.startsWith("-")) { rest.push(a); continue; }
    files.push(a);
  }
  const groups = [];
  for (const f of files) {
    let fresh = false;
    try { fresh = NEEDS_FRESH.test(fs.readFileSync(path.resolve(cwd, f), "utf8")); } catch (e) { /* the oracle reports it */ }
    if (fresh || groups.length === 0 || groups[groups.length - 1].fresh)
      groups.push({ fresh, files: [f] });
    else groups[groups.length - 1].files.push(f);
  }
  if (groups.length <= 1) return [{ fresh: false, args }];
  return groups.map((g) => ({ fresh: g.fresh, args: ["run", ...g.files, ...rest] }));
}

// The value of option `name` in args (undefined: absent).
function optValue(args, name) {
  for (let k = 0; k < args.length; k++) {
    if (args[k] === name) return args[k + 1];
    if (args[k].startsWith(name + "=")) return args[k].slice(name.length + 1);
  }
  return undefined;
}

// args with option `name`'s value replaced (or appended when absent).
function withOpt(args, name, value) {
  const out = [...args];
  for (let k = 0; k < out.length; k++) {
    if (out[k] === name) { out[k + 1] = value; return out; }
    if (out[k].startsWith(name + "=")) { out[k] = `${name}=${value}`; return out; }
  }
  out.push(name, value);
  return out;
}

async function loadOracle() {
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
  py.globals.set("_simloop_root", oracleRoot);
  py.runPython(`
import sys
import asyncio.events
asyncio.events._set_running_loop(None)      # Pyodide marks its own loop running
sys.path.insert(0, _simloop_root)
`);
  return py;
}

async function runOracle(args, py) {
  py = py ?? await loadOracle();
  py.globals.set("_simloop_args", py.toPy(args));
  try {
    return py.runPython(`
from simloop_oracle.__main__ import main as _simloop_main
_rc = _simloop_main(list(_simloop_args))
sys.stdout.flush(); sys.stderr.flush()
_rc
`);
  } catch (e) {
    process.stderr.write(`run.mjs: oracle crashed: ${e}\n`);
    return 1;
  }
}

// Runs the groups one after another, each writing its own part files,
// then joins the parts into the files the caller asked for.
async function runGroups(groups) {
  const jsonl = optValue(oracleArgs, "--jsonl");
  const stdoutPath = optValue(oracleArgs, "--stdout") ??
    (jsonl !== undefined && jsonl !== "-" ? jsonl + ".stdout" : undefined);
  const parts = [];
  let rc = 0, shared = null;
  for (let g = 0; g < groups.length; g++) {
    let args = groups[g].args;
    // Files that need no fresh interpreter share one; after its first
    // group it has run scenarios, so the oracle reads the counter.
    let py = null;
    if (!groups[g].fresh) {
      if (shared) args = [...args, "--reused"];
      else shared = await loadOracle();
      py = shared;
    }
    const part = {};
    if (jsonl !== undefined && jsonl !== "-") args = withOpt(args, "--jsonl", (part.jsonl = `${jsonl}.part${g}`));
    if (stdoutPath !== undefined) args = withOpt(args, "--stdout", (part.stdout = `${stdoutPath}.part${g}`));
    parts.push(part);
    const r = await runOracle(args, py);
    if (r !== 0) { rc = r; break; }
  }
  for (const [key, target] of [["jsonl", jsonl], ["stdout", stdoutPath]]) {
    if (target === undefined || target === "-") continue;
    const chunks = parts.filter((p) => p[key] && fs.existsSync(p[key])).map((p) => fs.readFileSync(p[key]));
    fs.writeFileSync(target, Buffer.concat(chunks));
    for (const p of parts) if (p[key]) fs.rmSync(p[key], { force: true });
  }
  return rc;
}

const groups = splitRun(oracleArgs);
process.exitCode = groups.length === 1 ? await runOracle(oracleArgs) : await runGroups(groups);
