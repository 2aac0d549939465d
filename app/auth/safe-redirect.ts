const base = "http://phonghop.invalid";

/**
 * A redirect target from user input, kept on this site: "/admin?x=1" passes; "//evil.example", "/\\evil",
 * "/\t/evil" (browsers drop tabs and newlines) and "https://…" fall back.
 */
export function safeRedirect(to: unknown, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  const url = new URL(to, base);
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
