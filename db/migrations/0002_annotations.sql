CREATE TABLE `annotations` (
	`id` text PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`user_id` text NOT NULL,
	`page` integer NOT NULL,
	`kind` text NOT NULL,
	`color` text NOT NULL,
	`geometry` text NOT NULL,
	`text` text,
	`shared` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `document_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `annotations_version_user_idx` ON `annotations` (`version_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `annotations_user_idx` ON `annotations` (`user_id`);