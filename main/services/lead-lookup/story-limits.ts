/** A lead called (or changed, or called back) more often than this shows its newest ones. */
export const STORY_MAX_ROWS = 500;
