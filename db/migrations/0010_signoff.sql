CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`user_id` text,
	`body_id` text,
	`cert_pem` text NOT NULL,
	`chain_pem` text NOT NULL,
	`key_sealed` text,
	`subject` text NOT NULL,
	`issuer` text NOT NULL,
	`serial_hex` text NOT NULL,
	`fingerprint256` text NOT NULL,
	`valid_from` integer NOT NULL,
	`valid_to` integer NOT NULL,
	`source` text NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_fingerprint256_unique` ON `certificates` (`fingerprint256`);--> statement-breakpoint
CREATE INDEX `certificates_user_idx` ON `certificates` (`user_id`);--> statement-breakpoint
CREATE INDEX `certificates_body_idx` ON `certificates` (`body_id`);--> statement-breakpoint
CREATE INDEX `certificates_serial_idx` ON `certificates` (`serial_hex`);--> statement-breakpoint
CREATE TABLE `document_numbers` (
	`body_id` text NOT NULL,
	`year` integer NOT NULL,
	`number` integer NOT NULL,
	`signoff_id` text,
	`reference` text NOT NULL,
	`issued_at` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`body_id`, `year`, `number`),
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signoff_id`) REFERENCES `signoffs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_numbers_signoff` ON `document_numbers` (`signoff_id`);--> statement-breakpoint
CREATE TABLE `signoff_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`signoff_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`version_id` text,
	`comment` text,
	FOREIGN KEY (`signoff_id`) REFERENCES `signoffs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `document_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `signoff_events_signoff_idx` ON `signoff_events` (`signoff_id`,`at`);--> statement-breakpoint
CREATE TABLE `signoff_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`signoff_id` text NOT NULL,
	`position` integer NOT NULL,
	`user_id` text NOT NULL,
	`action` text NOT NULL,
	`mark` text,
	`status` text DEFAULT 'waiting' NOT NULL,
	`acted_at` integer,
	FOREIGN KEY (`signoff_id`) REFERENCES `signoffs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signoff_steps_position` ON `signoff_steps` (`signoff_id`,`position`);--> statement-breakpoint
CREATE INDEX `signoff_steps_user_idx` ON `signoff_steps` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `signoffs` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`version_id` text NOT NULL,
	`body_id` text NOT NULL,
	`message` text,
	`deadline` integer,
	`normative` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'in_review' NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`signing_since` integer,
	`issued_version_id` text,
	`reference` text,
	`issued_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `document_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`body_id`) REFERENCES `bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_version_id`) REFERENCES `document_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `signoffs_document_idx` ON `signoffs` (`document_id`);--> statement-breakpoint
CREATE INDEX `signoffs_status_idx` ON `signoffs` (`status`);--> statement-breakpoint
ALTER TABLE `bodies` ADD `document_code` text;