// The baseline for scripts/bench_wizard.py (bare.html): Pyodide as the npm package ships it, nothing else.
// An external module, as the site's Content-Security-Policy allows no inline script.
const runtime = new URL(document.documentElement.dataset.runtime, location.href).href;
try {
  const { loadPyodide } = await import(`${runtime}pyodide.mjs`);
  await loadPyodide({
    indexURL: runtime,
    lockFileURL: `${runtime}pyodide-lock.json`,
    packageBaseUrl: runtime,
    stdout: () => {},
    stderr: () => {},
  });
  document.documentElement.dataset.wizardEngine = "ready";
} catch (error) {
  console.error(error);
  document.documentElement.dataset.wizardEngine = "failed";
}
