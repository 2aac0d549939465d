-- Secret polls' tables are WITHOUT ROWID (added by hand to the generated SQL): rows are stored in key order, so the
-- order in which ballots were cast is not kept anywhere (RULES.md 3).
CREATE TABLE `ballots` (
	`poll_id` text NOT NULL,
	`user_id` text NOT NULL,
	`choice` text NOT NULL,
	`cast_at` integer NOT NULL,
	`recorded_by` text,
	PRIMARY KEY(`poll_id`, `user_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `checkins` (
	`sitting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`at` integer NOT NULL,
	`by_user_id` text NOT NULL,
	PRIMARY KEY(`sitting_id`, `user_id`),
	FOREIGN KEY (`sitting_id`) REFERENCES `sittings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `poll_voters` (
	`poll_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`poll_id`, `user_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `polls` (
	`id` text PRIMARY KEY NOT NULL,
	`sitting_id` text NOT NULL,
	`agenda_item_id` text,
	`question` text NOT NULL,
	`rule` text NOT NULL,
	`secret` integer DEFAULT false NOT NULL,
	`allow_change` integer DEFAULT false NOT NULL,
	`duration_seconds` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`n` integer,
	`present` integer,
	`opened_without_quorum` integer DEFAULT false NOT NULL,
	`opened_at` integer,
	`closes_at` integer,
	`closed_at` integer,
	`result` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`sitting_id`) REFERENCES `sittings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `polls_sitting_idx` ON `polls` (`sitting_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `secret_tallies` (
	`poll_id` text NOT NULL,
	`choice` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`poll_id`, `choice`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `secret_voters` (
	`poll_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`poll_id`, `user_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `sitting_live` (
	`sitting_id` text PRIMARY KEY NOT NULL,
	`current_item_id` text,
	`seq` integer DEFAULT 0 NOT NULL,
	`opened_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`sitting_id`) REFERENCES `sittings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`current_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE set null
);
