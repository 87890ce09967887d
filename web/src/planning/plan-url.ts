/** `#/plan` (choose a community and a draft) and `#/plan/<draftId>` (the workspace of a draft). */

/** The draft a location hash names, or null on `#/plan`. */
export function planDraftId(hash: string): number | null {
  const m = /^#\/plan\/(\d{1,10})\/?$/.exec(hash);
  return m ? Number(m[1]) : null;
}

export const planHref = (draftId?: number) => (draftId === undefined ? '#/plan' : `#/plan/${draftId}`);
