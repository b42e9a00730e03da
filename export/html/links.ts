/**
 * Every file name, anchor and href of the HTML site is built here, from ids only (theorem ids,
 * axiom ids, step numbers, indices), never from names or other free text.
 */

/** Ids that are safe as file names and fragments as they are: `T12`, `A3`, `eq-subst`. */
const PLAIN_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * A file-name- and fragment-safe form of an id: plain ids stay as they are; anything else
 * becomes `_` and the hex of its UTF-8 bytes (plain ids start with a letter, so the two
 * forms never meet).
 */
export function slug(id: string): string {
  if (PLAIN_ID.test(id)) return id;
  return `_${Buffer.from(id, "utf8").toString("hex")}`;
}

/** Site-relative paths of the fixed pages and assets. */
export const SITE_FILES = {
  index: "index.html",
  definitions: "definitions.html",
  rules: "rules.html",
  discovery: "discovery.html",
  style: "style.css",
  script: "site.js",
  searchLibrary: "minisearch.js",
  searchData: "search-data.js",
} as const;

/** The folder holding the sites of a graph's earlier batches, relative to the last batch's site. */
export const BATCH_DIR = "batches";

/** The site-relative folder of an earlier batch's site: `batches/Peano/`. */
export function batchDir(name: string): string {
  return `${BATCH_DIR}/${slug(name)}/`;
}

/** The folder of theorem pages, relative to the site root. */
export const THEOREM_DIR = "t";

/** The site-relative path of a theorem's page: `t/T12.html`. */
export function theoremPath(id: string): string {
  return `${THEOREM_DIR}/${slug(id)}.html`;
}

/** The folder of the pages of refuted candidates, relative to the site root. */
export const REFUTED_DIR = "discovery";

/** The site-relative path of the refuted candidates' page `page` (from 0): `discovery/refuted-1.html`. */
export function refutedPagePath(page: number): string {
  return `${REFUTED_DIR}/refuted-${Math.trunc(page) + 1}.html`;
}

/** The fragment of a discovery report's candidate (by its position in the report): `c12`. */
export function candidateAnchor(index: number): string {
  return `c${Math.trunc(index) + 1}`;
}

/** The fragment of a ground-model value (by its position in the model) on the discovery page: `m7`. */
export function modelCellAnchor(index: number): string {
  return `m${Math.trunc(index) + 1}`;
}

/** The fragment of a step row: `s7`. */
export function stepAnchor(n: number): string {
  return `s${Math.trunc(n)}`;
}

/** The fragment of an axiom on the definitions page: `A3`. */
export function axiomAnchor(id: string): string {
  return slug(id);
}

/** The fragment of a definition (by its position in the graph) on the definitions page. */
export function definitionAnchor(index: number): string {
  return `def-${index + 1}`;
}

/** The fragment of a step kind on the rules page. */
export function kindAnchor(kind: string): string {
  return slug(kind);
}

/**
 * Builds hrefs for a page at a given depth: `root` is the way back to the site root ("" for
 * top-level pages, "../" for theorem pages).
 */
export class Hrefs {
  constructor(readonly root: string) {}
  index(): string {
    return this.root + SITE_FILES.index;
  }
  definitions(): string {
    return this.root + SITE_FILES.definitions;
  }
  rules(): string {
    return this.root + SITE_FILES.rules;
  }
  style(): string {
    return this.root + SITE_FILES.style;
  }
  discovery(): string {
    return this.root + SITE_FILES.discovery;
  }
  /** A value of the ground model, in its table on the discovery page. */
  modelCell(index: number): string {
    return `${this.root}${SITE_FILES.discovery}#${modelCellAnchor(index)}`;
  }
  refutedPage(page: number): string {
    return this.root + refutedPagePath(page);
  }
  /** The classic scripts every page loads, in order: the search library, its data, the site's own. */
  scripts(): string[] {
    return [SITE_FILES.searchLibrary, SITE_FILES.searchData, SITE_FILES.script].map((f) => this.root + f);
  }
  theorem(id: string): string {
    return this.root + theoremPath(id);
  }
  axiom(id: string): string {
    return `${this.root}${SITE_FILES.definitions}#${axiomAnchor(id)}`;
  }
  definition(index: number): string {
    return `${this.root}${SITE_FILES.definitions}#${definitionAnchor(index)}`;
  }
  kind(kind: string): string {
    return `${this.root}${SITE_FILES.rules}#${kindAnchor(kind)}`;
  }
  step(n: number): string {
    return `#${stepAnchor(n)}`;
  }
}
