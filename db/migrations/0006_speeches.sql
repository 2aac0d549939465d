CREATE TABLE `speeches` (
	`id` text PRIMARY KEY NOT NULL,
	`sitting_id` text NOT NULL,
	`agenda_item_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`position` real NOT NULL,
	`limit_seconds` integer NOT NULL,
	`registered_at` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	FOREIGN KEY (`sitting_id`) REFERENCES `sittings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `speeches_item_idx` ON `speeches` (`agenda_item_id`,`status`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `speeches_one_waiting` ON `speeches` (`agenda_item_id`,`user_id`) WHERE status = 'waiting';