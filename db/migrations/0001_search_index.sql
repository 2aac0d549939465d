-- Full-text search over documents (issue #3): one row per page of a document version's text, plus page 0 for the
-- document's metadata (type, số ký hiệu, trích yếu, file name). `content` is the text folded by
-- app/models/search-text.ts (lower case, no diacritics, đ → d) so that "nghi quyet" finds "Nghị quyết"; the query is
-- folded the same way. `text` is the original (NFC) text, character for character aligned with `content`, for snippets.
CREATE VIRTUAL TABLE `document_search` USING fts5(
	`content`,
	`text` UNINDEXED,
	`version_id` UNINDEXED,
	`page` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2'
);
