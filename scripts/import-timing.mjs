/* global window, document, requestAnimationFrame */
/**
 * Timing an import the way a user does it, shared by the benchmark (scripts/bench.mjs) and the
 * PERF=1 browser test (tests/e2e/import-perf.spec.ts).
 *
 * `watchImport` runs in the page (pass it to page.evaluate with the number of people the file
 * holds) and records in `window.__importTimes`: the file chosen, the confirm dialog's Import
 * button shown and clicked, the map open (the store holds that many people) and drawn (a frame
 * later), and stored (the save status back to "saved" after "saving").
 */
export function watchImport(people) {
  const t = (window.__importTimes = {});
  document.querySelector('input[aria-label="Import file"]').addEventListener('change', () => (t.chosen = performance.now()), { capture: true, once: true });
  const seen = new window.MutationObserver(() => {
    const button = [...document.querySelectorAll('[role="dialog"] button')].find((b) => b.textContent === 'Import');
    if (!button || t.shown !== undefined) return;
    t.shown = performance.now();
    button.addEventListener('click', () => (t.click = performance.now()), { capture: true });
    seen.disconnect();
  });
  seen.observe(document.body, { childList: true, subtree: true });
  window.__influenceMap.store.subscribe((s) => {
    if (t.open === undefined && s.doc && Object.keys(s.doc.stakeholders).length === people) {
      t.open = performance.now();
      requestAnimationFrame(() => setTimeout(() => (t.drawn = performance.now())));
    }
    if (t.open !== undefined && s.save.state === 'saving') t.saving = true;
    if (t.saving && t.saved === undefined && s.save.state === 'saved') t.saved = performance.now();
  });
}

/** True in the page once the imported map is drawn and stored. */
export const importFinished = () => window.__importTimes?.drawn !== undefined && window.__importTimes?.saved !== undefined;

/** The figures, in ms, from what `watchImport` recorded (read with page.evaluate(() => window.__importTimes)). */
export function importFigures(t) {
  const readMs = t.shown - t.chosen;
  const openMs = t.drawn - t.click;
  return { readMs, openMs, totalMs: readMs + openMs, storedMs: t.saved - t.click };
}
