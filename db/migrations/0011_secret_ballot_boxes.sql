-- Secret ballots as sealed boxes (decision 0011). WITHOUT ROWID added by hand to the generated SQL: rows sit in key
-- order (a random box id), so not even the physical order of rows records the order ballots came in. The per-choice
-- counters go: a counter bumped in the same commit as the voter's row is what tied a member to a choice in the
-- write-ahead log. A closed poll's counts are in `polls.result`.
CREATE TABLE `secret_ballots` (
	`poll_id` text NOT NULL,
	`box_id` blob NOT NULL,
	`box` blob NOT NULL,
	PRIMARY KEY(`poll_id`, `box_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
DROP TABLE `secret_tallies`;--> statement-breakpoint
ALTER TABLE `polls` ADD `ballot_key` text;
