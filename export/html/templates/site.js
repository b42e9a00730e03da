/*
 * Behaviour shared by every page of the proof-graph site. A classic script (the site opens
 * from file://, where module scripts and fetch are refused); every feature checks that its
 * elements exist, so one file serves all pages.
 *
 * - index: the search box filters theorems as you type (case-insensitive substring of id,
 *   name, readable form and MPL, prepared as lower-case text in #gl-search-data).
 * - theorem pages: hovering a step highlights the steps it depends on, transitively; following
 *   a link to a step opens the <details> around it, scrolls to it and marks it.
 */
(() => {
  function initSearch() {
    const input = document.getElementById("search");
    const data = document.getElementById("gl-search-data");
    if (input === null || data === null) return;
    const texts = JSON.parse(data.textContent || "[]");
    const items = document.querySelectorAll("[data-search-item]");
    const groups = document.querySelectorAll("[data-search-group]");
    const status = document.getElementById("search-status");

    function filter(query) {
      const q = query.trim().toLowerCase();
      let shown = 0;
      for (let i = 0; i < items.length; i++) {
        const match = q === "" || (texts[i] || "").indexOf(q) !== -1;
        // Touch the DOM only where visibility changes: typing one more letter stays cheap.
        if (items[i].hidden === match) items[i].hidden = !match;
        if (match) shown++;
      }
      for (const group of groups) {
        const any = q === "" || group.querySelector("[data-search-item]:not([hidden])") !== null;
        if (group.hidden === any) group.hidden = !any;
      }
      if (status !== null) status.textContent = q === "" ? "" : `${shown} of ${items.length} shown`;
      return shown;
    }

    window.glFilter = filter;
    input.addEventListener("input", () => {
      const start = performance.now();
      filter(input.value);
      window.glLastFilterMs = performance.now() - start;
    });
    if (input.value !== "") filter(input.value);
  }

  function initStepHover() {
    const rows = document.querySelectorAll("tr[data-step]");
    if (rows.length === 0) return;
    const byStep = new Map();
    for (const row of rows) byStep.set(row.getAttribute("data-step"), row);
    let lit = [];
    let current = null;

    function clear() {
      for (const row of lit) row.classList.remove("dep-hl", "hover-self");
      lit = [];
    }

    function dependencies(row) {
      const seen = new Set();
      const stack = [row];
      while (stack.length > 0) {
        const deps = (stack.pop().getAttribute("data-deps") || "").split(" ");
        for (const d of deps) {
          const target = byStep.get(d);
          if (d === "" || target === undefined || seen.has(d)) continue;
          seen.add(d);
          stack.push(target);
        }
      }
      return [...seen].map((d) => byStep.get(d));
    }

    document.addEventListener("mouseover", (event) => {
      const row = event.target instanceof Element ? event.target.closest("tr[data-step]") : null;
      if (row === current) return;
      current = row;
      clear();
      if (row === null) return;
      row.classList.add("hover-self");
      lit.push(row);
      for (const dep of dependencies(row)) {
        dep.classList.add("dep-hl");
        lit.push(dep);
      }
    });
  }

  function showTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id === "") return;
    const target = document.getElementById(id);
    if (target === null) return;
    for (let el = target.parentElement; el !== null; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
    for (const old of document.querySelectorAll(".is-target")) old.classList.remove("is-target");
    target.classList.add("is-target");
    target.scrollIntoView({ block: "center" });
  }

  function initTargets() {
    window.addEventListener("hashchange", showTarget);
    // Following a link to the current fragment fires no hashchange; mark the target anyway.
    document.addEventListener("click", (event) => {
      const link = event.target instanceof Element ? event.target.closest("a[href^='#']") : null;
      if (link !== null && link.getAttribute("href") === location.hash) showTarget();
    });
    showTarget();
  }

  initSearch();
  initStepHover();
  initTargets();
})();
