/**
 * JSON that is safe inside an HTML `<script>` element: characters that could end the element
 * or start markup (`<`, `>`, `&`) and the JavaScript line separators are written as `\uXXXX`
 * escapes, which JSON.parse reads back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
