ALTER TABLE `sittings` ADD `screen_token` text;--> statement-breakpoint
CREATE UNIQUE INDEX `sittings_screen_token_unique` ON `sittings` (`screen_token`);