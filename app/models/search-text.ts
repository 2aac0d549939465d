// Folding for diacritic-insensitive Vietnamese search. Each NFC character folds to exactly one character, so offsets
// in the folded text are offsets in the original: a hit found in folded text can be shown in the original.
const special: Record<string, string> = { đ: "d", Đ: "d" };

export function foldChar(char: string) {
  return special[char] ?? (char.normalize("NFD")[0] ?? char).toLowerCase();
}

export function foldText(text: string) {
  let out = "";
  for (const char of text.normalize("NFC")) out += foldChar(char);
  return out;
}

/** A user's query as an FTS5 expression: each word folded, quoted and prefix-matched, all required. */
export function toFtsQuery(query: string) {
  const words = foldText(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
  return words.map((w) => `"${w}"*`).join(" ");
}
