CREATE TABLE `signature_images` (
	`owner_kind` text NOT NULL,
	`owner_id` text NOT NULL,
	`png` blob NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`size_mm` integer,
	`uploaded_by` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`owner_kind`, `owner_id`),
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
