// Run one batch of eligibility-engine calls inside real Pyodide, in Node, as the browser worker does.
//
//   node tests/parity/run_in_pyodide.mjs request.json out.json
//
// request.json: {"indexURL": ".../node_modules/pyodide/",
//                "packages": "the engine's folder: the site's pyodide-lock.json and the wheels it lists",
//                "stdlib": "path to the standard library zip (the site's reduced one, or the npm package's)",
//                "driver": "Python source of parity_driver.py", "jobs": "JSON text of the jobs"}
// out.json:     {"node": {facts about this run}, "python": <the driver's output, byte for byte>}
//
// Pyodide loads only its core from node_modules (indexURL), the standard library given here (stdLibURL) and
// the packages of the site's lock file (the engine, openpyxl, et_xmlfile: loadPackage, as the worker does); every network attempt (fetch, sockets, DNS) is refused
// and recorded in node.network. node.stdlib_modules: every module Python loaded from the standard library's
// zip, after the jobs and after a Python error went through Pyodide's own error reporting (as a failure in
// the browser worker would), so that a reduced standard library can be checked against what a run needs.
// Exit status 0 when out.json was written, 1 otherwise (with a short message on stderr).

import dns from "node:dns";
import { readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { pathToFileURL } from "node:url";

const network = [];
function refuse(kind, what) {
  network.push(`${kind} ${what}`);
  throw new Error(`parity run: network access refused (${kind} ${what})`);
}
globalThis.fetch = async (resource) => refuse("fetch", String(resource?.url ?? resource));
net.Socket.prototype.connect = function (...args) {
  return refuse("socket", JSON.stringify(args[0] ?? null));
};
dns.lookup = (host) => refuse("dns", host);

async function main(requestPath, outPath) {
  const request = JSON.parse(readFileSync(requestPath, "utf8"));
  const indexURL = request.indexURL.endsWith("/") ? request.indexURL : `${request.indexURL}/`;
  const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
  const printed = [];
  const started = Date.now();
  const packages = request.packages.endsWith("/") ? request.packages : `${request.packages}/`;
  const pyodide = await loadPyodide({
    indexURL,
    stdLibURL: request.stdlib,
    lockFileContents: readFileSync(`${packages}pyodide-lock.json`, "utf8"),
    packageBaseUrl: packages,
    stdout: (line) => printed.push(line),
    stderr: (line) => printed.push(line),
  });
  const loadMs = Date.now() - started;

  // As wizard/frontend/worker.js: the engine by name from the lock file (its sha256 checked), and openpyxl (with
  // et_xmlfile) as the worker loads it for a workbook.
  for (const name of ["eligibility", "openpyxl"]) {
    const problems = [];
    await pyodide.loadPackage(name, { messageCallback: () => {}, errorCallback: (m) => problems.push(m) });
    if (!pyodide.loadedPackages[name]) throw new Error(`${name} did not load: ${problems.join(" ")}`);
  }
  const namespace = pyodide.globals.get("dict")();
  pyodide.runPython(request.driver, { globals: namespace });
  const run = namespace.get("run");
  const python = run(request.jobs);
  if (typeof python !== "string") throw new Error(`driver returned ${typeof python}, not a string`);
  // A Python exception reaching JavaScript: Pyodide formats it (the worker reports such a failure this way).
  let reported = "";
  try {
    pyodide.runPython("raise ValueError('parity: an error reported to JavaScript')");
  } catch (error) {
    reported = String(error.message ?? error);
  }
  if (!reported.includes("ValueError: parity: an error reported to JavaScript")) {
    throw new Error(`a Python error was not reported as expected: ${reported.slice(0, 300)}`);
  }
  const stdlibModules = pyodide.runPython(`
import sys
zip_path = "/lib/python%d%d.zip/" % sys.version_info[:2]  # where Pyodide puts stdLibURL's file
sorted(name for name, module in list(sys.modules.items())
       if (getattr(getattr(module, "__spec__", None), "origin", None) or "").startswith(zip_path))
`).toJs();

  const node = {
    node_version: process.version,
    pyodide_version: pyodide.version,
    loaded_packages: { ...pyodide.loadedPackages },
    stdlib_modules: stdlibModules,
    network,
    printed,
    load_ms: loadMs,
    run_ms: Date.now() - started - loadMs,
  };
  // The driver's text is put in unchanged: no JSON round trip through JavaScript.
  writeFileSync(outPath, `{"node": ${JSON.stringify(node)}, "python": ${python}}\n`, "utf8");
}

const [requestPath, outPath] = process.argv.slice(2);
if (!requestPath || !outPath) {
  process.stderr.write("usage: node run_in_pyodide.mjs request.json out.json\n");
  process.exit(2);
}
main(requestPath, outPath).then(
  () => process.exit(0),
  (error) => {
    // Only the message and the first frames: Node would otherwise print Pyodide's minified source.
    const stack = String(error?.stack ?? error).split("\n").slice(0, 12).map((l) => l.slice(0, 300));
    process.stderr.write(`parity run failed: ${stack.join("\n")}\n`);
    if (network.length) process.stderr.write(`network attempts: ${network.join(", ")}\n`);
    process.exit(1);
  },
);
