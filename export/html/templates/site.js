/*
 * Behaviour shared by every page of the proof-graph site. A classic script (the site opens
 * from file://, where module scripts and fetch are refused); every feature checks that its
 * elements exist, so one file serves all pages.
 *
 * - search (every page): MiniSearch over names, statements and operations, plus statements
 *   compared with spacing and variable names normalised (`b+a=a+b` finds `a + b = b + a`).
 *   On the index it filters the list (group counts follow); elsewhere it lists matches. The
 *   query lives in the URL (`?q=`); `/` focuses the box.
 * - drawn graphs: pan and zoom by mouse (drag, wheel) and keyboard (arrows, +, −, 0).
 * - theorem references: their statement shows on hover and on keyboard focus.
 * - theorem pages: hovering a step highlights the steps it depends on, transitively; following
 *   a link to a step opens the <details> around it, scrolls to it and marks it.
 */
(() => {
  /** Statement text compared as a reader means it: no spaces, `*` as `·`, variables renamed in order. */
  function normalise(text, constants) {
    const compact = text.replace(/\s+/g, "").replace(/[*×]/g, "·").replace(/!=/g, "≠");
    const names = new Map();
    return compact.replace(/[A-Za-z_][A-Za-z0-9_']*/g, (word, at) => {
      if (constants.has(word) || compact[at + word.length] === "(") return word;
      if (!names.has(word)) names.set(word, `v${names.size + 1}`);
      return names.get(word);
    });
  }

  /** Both orientations of an equation, each normalised on its own. */
  function statementForms(statement, constants) {
    const forms = [normalise(statement, constants)];
    const sides = statement.split(/=(?![^(]*\))/);
    if (sides.length === 2) forms.push(normalise(`${sides[1]}=${sides[0]}`, constants));
    return forms;
  }

  const STATEMENT_QUERY = /[=+·*×≠()]/;

  function initSearch() {
    const input = document.getElementById("search");
    const data = window.glSearchData;
    if (input === null || data === undefined || typeof MiniSearch !== "function") return;
    const root = document.body.getAttribute("data-root") || "";
    const constants = new Set(data.constants);
    // The index is built on first use (or once the page has loaded), not while it loads.
    let docs = null;
    let index = null;
    function ready() {
      if (index !== null) return;
      docs = data.items.map((item, i) => ({
        i,
        id: item.id,
        name: item.name.replace(/_/g, " "),
        statement: item.statement,
        ops: item.ops,
        forms: statementForms(item.statement, constants),
        text: `${item.name}\n${item.statement}\n${item.mpl}`.toLowerCase(),
      }));
      index = new MiniSearch({
        idField: "i",
        fields: ["name", "id", "statement", "ops"],
        searchOptions: {
          boost: { name: 3, id: 2, ops: 2 },
          prefix: true,
          fuzzy: (term) => (term.length >= 5 ? 0.15 : false),
          combineWith: "AND",
        },
      });
      index.addAll(docs);
    }
    window.addEventListener("load", () => setTimeout(ready, 300));
    const status = document.getElementById("search-status");
    const panel = document.getElementById("search-results");
    const items = document.querySelectorAll("[data-search-item]");
    const groups = [...document.querySelectorAll("[data-search-group]")];
    const onIndex = items.length > 0;
    // Each list item once: its id, the item it is folded under, its fold and its groups.
    const entries = [...items].map((el) => {
      const inGroups = [];
      for (let g = el.parentElement; g !== null; g = g.parentElement) {
        if (g.hasAttribute("data-search-group")) inGroups.push(groups.indexOf(g));
      }
      return {
        el,
        id: el.getAttribute("data-id"),
        parent: el.parentElement === null ? null : el.parentElement.closest("[data-search-item]"),
        fold: el.closest("details.variants"),
        groups: inGroups,
      };
    });
    const counts = groups.map((g) => g.querySelector(":scope > h2 > .count, :scope > h3 > .count"));

    /** Matching item positions, best first. */
    function search(query) {
      const q = query.trim();
      if (q === "") return null;
      ready();
      const hits = [];
      const seen = new Set();
      const add = (i) => {
        if (!seen.has(i)) {
          seen.add(i);
          hits.push(i);
        }
      };
      const lower = q.toLowerCase();
      if (STATEMENT_QUERY.test(q)) {
        // A statement: equal up to spacing and variable names first, then containing it.
        const want = normalise(q, constants);
        for (const d of docs) if (d.forms.includes(want)) add(d.i);
        for (const d of docs) if (d.forms.some((f) => f.includes(want))) add(d.i);
      } else {
        for (const r of index.search(q.replace(/_/g, " "))) add(r.id);
      }
      // Then the text as typed, in a name, statement or MPL.
      for (const d of docs) if (d.text.includes(lower)) add(d.i);
      return hits;
    }

    function showPanel(hits, query) {
      if (panel === null) return;
      panel.textContent = "";
      if (hits === null) {
        panel.hidden = true;
        return;
      }
      const list = document.createElement("ol");
      for (const i of hits.slice(0, 30)) {
        const item = data.items[i];
        const li = document.createElement("li");
        const link = document.createElement(item.href === "" ? "span" : "a");
        if (item.href !== "") link.href = root + item.href;
        link.className = "result-name";
        link.textContent = item.name;
        const id = document.createElement("span");
        id.className = "thm-id";
        id.textContent = ` ${item.id} `;
        const st = document.createElement("span");
        st.className = "readable";
        st.textContent = item.statement;
        li.append(link, id, st);
        list.append(li);
      }
      const head = document.createElement("p");
      head.textContent =
        hits.length === 0
          ? `No theorem matches “${query}”.`
          : `${hits.length} ${hits.length === 1 ? "match" : "matches"}`;
      panel.append(head);
      if (hits.length > 0) panel.append(list);
      panel.hidden = false;
    }

    function filterList(hits) {
      const wanted = hits === null ? null : new Set(hits.map((i) => data.items[i].id));
      const matched = entries.map((e) => wanted === null || wanted.has(e.id));
      // An item folded under another shows that one too.
      const holders = new Set();
      entries.forEach((e, k) => {
        if (matched[k] && e.parent !== null) holders.add(e.parent);
      });
      const perGroup = groups.map(() => 0);
      let shown = 0;
      entries.forEach((e, k) => {
        const visible = matched[k] || holders.has(e.el);
        // Touch the DOM only where visibility changes: typing one more letter stays cheap.
        if (e.el.hidden === visible) e.el.hidden = !visible;
        if (!matched[k]) return;
        shown++;
        for (const g of e.groups) perGroup[g]++;
        if (wanted !== null && e.fold !== null && !e.fold.open) e.fold.open = true;
      });
      groups.forEach((group, g) => {
        const any = wanted === null || perGroup[g] > 0;
        if (group.hidden === any) group.hidden = !any;
        const count = counts[g];
        if (count !== null) {
          const total = count.getAttribute("data-count");
          count.textContent = wanted === null ? total : `${perGroup[g]} of ${total}`;
        }
      });
      return shown;
    }

    function run(query) {
      const hits = search(query);
      let shown;
      if (onIndex) shown = filterList(hits);
      // While a query is active, the list matters: the drawn graph steps aside.
      const drawn = document.getElementById("graph");
      if (onIndex && drawn !== null) drawn.hidden = hits !== null;
      else showPanel(hits, query);
      const total = onIndex ? items.length : data.items.length;
      if (status !== null) {
        status.textContent =
          hits === null ? "" : onIndex ? `${shown} of ${total} shown` : `${hits.length} of ${total} match`;
      }
      try {
        const url = new URL(location.href);
        if (query.trim() === "") url.searchParams.delete("q");
        else url.searchParams.set("q", query);
        history.replaceState(null, "", url.href);
      } catch {
        // Some browsers refuse to change a file:// URL; the search still works.
      }
      return hits === null ? total : onIndex ? shown : hits.length;
    }

    window.glFilter = run;
    input.addEventListener("input", () => {
      const start = performance.now();
      run(input.value);
      window.glLastFilterMs = performance.now() - start;
    });
    input.form?.addEventListener("submit", (event) => {
      // On the index, Enter keeps the filtered list; elsewhere it opens the best match.
      event.preventDefault();
      const hits = search(input.value);
      const best = hits === null ? undefined : data.items[hits[0]];
      if (!onIndex && best !== undefined && best.href !== "") location.href = root + best.href;
    });
    document.addEventListener("keydown", (event) => {
      const t = event.target;
      const typing =
        t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
        input.select();
      } else if (event.key === "Escape" && t === input) {
        input.value = "";
        run("");
      }
    });
    const initial = new URLSearchParams(location.search).get("q");
    if (initial !== null && initial !== "") {
      input.value = initial;
      run(initial);
    }
  }

  /** Pan and zoom for the drawn graphs: the SVG's viewBox moves; keyboard works like the mouse. */
  function initGraphs() {
    for (const figure of document.querySelectorAll(".graph-view")) {
      const canvas = figure.querySelector(".graph-canvas");
      const svg = figure.querySelector("svg");
      if (canvas === null || svg === null) continue;
      // Graphviz's own tooltips become the page's, which also show on keyboard focus.
      for (const a of svg.querySelectorAll("a")) {
        const title = a.getAttribute("xlink:title") || a.getAttribute("title");
        if (title !== null) a.setAttribute("data-tip", title);
        a.removeAttribute("xlink:title");
        a.removeAttribute("title");
      }
      for (const t of svg.querySelectorAll("title")) t.remove();
      const base = svg.viewBox.baseVal;
      const home = { x: base.x, y: base.y, w: base.width, h: base.height };
      let view = { ...home };
      // As tall as the drawing needs at full width, within bounds.
      const ideal = (canvas.clientWidth * home.h) / home.w;
      canvas.style.height = `${Math.round(Math.max(200, Math.min(window.innerHeight * 0.7, ideal + 8)))}px`;
      const apply = () => svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
      const zoom = (factor, cx, cy) => {
        const w = Math.min(home.w * 4, Math.max(home.w / 20, view.w * factor));
        const h = (w / view.w) * view.h;
        const fx = cx === undefined ? 0.5 : cx;
        const fy = cy === undefined ? 0.5 : cy;
        view = { x: view.x + (view.w - w) * fx, y: view.y + (view.h - h) * fy, w, h };
        apply();
      };
      // The SVG keeps its aspect ratio: one screen pixel is this many viewBox units.
      const unitsPerPixel = () => {
        const r = svg.getBoundingClientRect();
        return Math.max(view.w / r.width, view.h / r.height);
      };
      const pan = (dx, dy) => {
        view = { ...view, x: view.x + dx * view.w, y: view.y + dy * view.h };
        apply();
      };
      const reset = () => {
        view = { ...home };
        apply();
      };
      figure.addEventListener("click", (event) => {
        const button = event.target instanceof Element ? event.target.closest("[data-zoom]") : null;
        if (button === null) return;
        const how = button.getAttribute("data-zoom");
        if (how === "in") zoom(0.8);
        else if (how === "out") zoom(1.25);
        else reset();
      });
      canvas.addEventListener(
        "wheel",
        (event) => {
          event.preventDefault();
          const r = svg.getBoundingClientRect();
          zoom(
            event.deltaY < 0 ? 0.85 : 1 / 0.85,
            (event.clientX - r.left) / r.width,
            (event.clientY - r.top) / r.height,
          );
        },
        { passive: false },
      );
      let drag = null;
      canvas.addEventListener("pointerdown", (event) => {
        if (event.button !== 0 || (event.target instanceof Element && event.target.closest("a"))) return;
        drag = { x: event.clientX, y: event.clientY };
        canvas.setPointerCapture(event.pointerId);
        canvas.classList.add("dragging");
      });
      canvas.addEventListener("pointermove", (event) => {
        if (drag === null) return;
        const k = unitsPerPixel();
        pan((-(event.clientX - drag.x) * k) / view.w, (-(event.clientY - drag.y) * k) / view.h);
        drag = { x: event.clientX, y: event.clientY };
      });
      const stop = () => {
        drag = null;
        canvas.classList.remove("dragging");
      };
      canvas.addEventListener("pointerup", stop);
      canvas.addEventListener("pointercancel", stop);
      canvas.addEventListener("keydown", (event) => {
        if (event.target !== canvas) return;
        const keys = {
          ArrowLeft: () => pan(-0.1, 0),
          ArrowRight: () => pan(0.1, 0),
          ArrowUp: () => pan(0, -0.1),
          ArrowDown: () => pan(0, 0.1),
          "+": () => zoom(0.8),
          "=": () => zoom(0.8),
          "-": () => zoom(1.25),
          0: reset,
        };
        const act = keys[event.key];
        if (act !== undefined) {
          event.preventDefault();
          act();
        }
      });
      // A node reached with Tab and out of sight is brought into view (one in sight stays put,
      // so a click is never moved away from under the pointer).
      canvas.addEventListener("focusin", (event) => {
        const node = event.target instanceof Element ? event.target.closest("g.node") : null;
        if (node === null) return;
        const r = node.getBoundingClientRect();
        const c = canvas.getBoundingClientRect();
        if (r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom) return;
        const k = unitsPerPixel();
        view = {
          ...view,
          x: view.x + (r.left + r.width / 2 - (c.left + c.width / 2)) * k,
          y: view.y + (r.top + r.height / 2 - (c.top + c.height / 2)) * k,
        };
        apply();
      });
    }
  }

  /** The statement of a theorem reference, shown on hover and on keyboard focus alike. */
  function initTips() {
    const tip = document.getElementById("tip");
    if (tip === null) return;
    const show = (el) => {
      const text = el.getAttribute("data-tip");
      if (text === null || text === "") return;
      tip.textContent = text;
      tip.hidden = false;
      const r = el.getBoundingClientRect();
      tip.style.left = `${Math.max(4, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8))}px`;
      tip.style.top = `${r.bottom + window.scrollY + 4}px`;
    };
    const hide = () => {
      tip.hidden = true;
    };
    const target = (event) => (event.target instanceof Element ? event.target.closest("[data-tip]") : null);
    document.addEventListener("mouseover", (event) => {
      const el = target(event);
      if (el !== null) show(el);
      else hide();
    });
    document.addEventListener("focusin", (event) => {
      const el = target(event);
      if (el !== null) show(el);
      else hide();
    });
    document.addEventListener("focusout", hide);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") hide();
    });
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

    function light(row) {
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
    }
    const rowOf = (event) => (event.target instanceof Element ? event.target.closest("tr[data-step]") : null);
    // Keyboard focus on a step's links lights its dependencies as hovering does.
    document.addEventListener("mouseover", (event) => light(rowOf(event)));
    document.addEventListener("focusin", (event) => light(rowOf(event)));
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
  initGraphs();
  initTips();
  initStepHover();
  initTargets();
})();
