CREATE TABLE `presentations` (
	`sitting_id` text PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`page` integer NOT NULL,
	`presenter_id` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`sitting_id`) REFERENCES `sittings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`version_id`) REFERENCES `document_versions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`presenter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
