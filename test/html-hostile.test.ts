import { describe, expect, it } from "vitest";
import { renderSite } from "../export/html/render.js";
import { scriptJson } from "../export/html/script-json.js";
import { HOSTILE_NAMES, hostileGraph, SCRIPT_BREAK } from "./support/hostile-graph.js";

const graph = hostileGraph();
const site = await renderSite(graph);
const html = [...site].filter(([path]) => path.endsWith(".html"));

/** Text as handlebars escapes it. */
function esc(text: string): string {
  const map: Record<string, string> = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#x27;",
    "`": "&#x60;",
    "=": "&#x3D;",
  };
  return text.replace(/[&<>"'`=]/g, (c) => map[c]!);
}

describe("hostile text", () => {
  it("the graph really carries the hostile strings", () => {
    const names = graph.theorems.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(Object.values(HOSTILE_NAMES)));
    expect(graph.theorems[0]!.mpl).toContain(SCRIPT_BREAK);
    expect(graph.theorems.some((t) => t.readable.includes("<b>"))).toBe(true);
  });

  it("never lets a script-closing sequence or a tag through raw", () => {
    for (const [path, text] of site) {
      expect(text.includes("</script><script>"), path).toBe(false);
      expect(text.includes("<b>"), path).toBe(false);
      expect(text.includes("alert(1)</"), path).toBe(false);
    }
  });

  it("shows names, MPL and sources escaped where they appear", () => {
    const index = site.get("index.html")!;
    for (const name of Object.values(HOSTILE_NAMES)) {
      expect(index, name).toContain(esc(name));
      expect(index, name).not.toContain(name);
    }
    expect(index).toContain("a &amp;amp; b");
    expect(index).toContain(esc(graph.theorems[0]!.mpl));
    expect(index).toContain(`<title>${esc(graph.theory.anchor)}: proof graph</title>`);
    const defs = site.get("definitions.html")!;
    expect(defs).toContain(esc(`evil "path" <b>.mpl`));
    expect(defs).toContain(esc(graph.theory.sources.at(-1)!.text));
    expect(defs).toContain(esc(graph.definitions[0]!.mpl));
    const law = graph.theorems.find((t) => t.name === HOSTILE_NAMES.quoted)!;
    const page = site.get(`t/${law.id}.html`)!;
    expect(page).toContain(`<span class="thm-name">${esc(HOSTILE_NAMES.quoted)}</span>`);
    expect(page).toContain(esc(law.readable));
  });

  it("keeps attribute values closed: no quote from the input ends one", () => {
    for (const [path, text] of html) {
      for (const m of text.matchAll(/\s(title|href|id|class|data-[a-z-]+)="([^"]*)"/g)) {
        expect(m[2], `${path} ${m[1]}`).not.toMatch(/[<>']/);
      }
    }
    const t = site.get("t/T4.html")!;
    expect(t).toMatch(/class="ref" href="\.\.\/definitions\.html#A\d+" data-tip="[^"]*&lt;\/script&gt;/);
  });

  it("ships search data as a script that reads back the original text", () => {
    const script = site.get("search-data.js")!;
    const json = /^window\.glSearchData = (.*);$/m.exec(script)?.[1] ?? "";
    expect(json).not.toMatch(/</);
    expect(json).toContain("\\u003c/script\\u003e");
    const data = JSON.parse(json) as { items: { name: string; mpl: string }[] };
    expect(data.items.some((t) => t.mpl.includes(SCRIPT_BREAK))).toBe(true);
    expect(data.items.some((t) => t.name.includes(HOSTILE_NAMES.entity))).toBe(true);
  });
});

describe("scriptJson", () => {
  it("escapes everything that could end a script element, and reads back unchanged", () => {
    const value = { s: `${SCRIPT_BREAK} <!-- & \u2028 \u2029 "q"` };
    const text = scriptJson(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
