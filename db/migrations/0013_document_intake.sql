ALTER TABLE `document_versions` ADD `intake` text DEFAULT 'clean' NOT NULL;--> statement-breakpoint
ALTER TABLE `document_versions` ADD `intake_notes` text;--> statement-breakpoint
ALTER TABLE `document_versions` ADD `original_kept` integer DEFAULT false NOT NULL;