import { z } from 'zod';

export const PAGE_LIMITS = { title: 300, excerpt: 500, text: 20_000 } as const;

/** What a captured page becomes before the manager picks whom it is about. */
export const pageExtractSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  title: z.string().max(PAGE_LIMITS.title),
  excerpt: z.string().max(PAGE_LIMITS.excerpt),
  text: z.string().max(PAGE_LIMITS.text),
});
export type PageExtract = z.infer<typeof pageExtractSchema>;
