import { z } from "zod";

// The one rule for new passwords, shared by every form that sets one. NIST SP 800-63B: length over composition.
export const passwordSchema = z
  .string({ error: "validation.passwordRequired" })
  .min(10, "validation.passwordLength")
  .max(128, "validation.passwordLength");
