/** A section of a site policy: a heading, paragraphs and an optional list. */
export type PolicySection = { heading: string; paragraphs: string[]; items?: string[] };

/**
 * A versioned text the user agrees to or can cite (利用規約, プライバシーポリシー). `id` changes with every
 * change of wording, so an agreement recorded with an id always points to the exact text.
 */
export type PolicyDocument = {
  id: string;
  /** YYYY-MM-DD, Japan time */
  effectiveOn: string;
  title: string;
  intro: string[];
  sections: PolicySection[];
};
