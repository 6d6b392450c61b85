/**
 * Words that join or lead into more, shared by the classifier (classify.ts) and the trailing-word rule
 * (trailing-word.ts). Their own file because classify.ts imports trailing-word.ts.
 */

/** Words that join what follows to what was said ("yes, and then what"): a backchannel ending on one leads on. */
export const JOINING = new Set(['and', 'then', 'or']);

/**
 * Words that lead into a noun or a clause and never end a backchannel: heard last, after one ("perfect, and the",
 * "right, the"), they are no evidence of it. The parse counts them as short words that add nothing, which is right
 * once the person has stopped; while the voice may go on they only hold the veto (set E, realistic lag: the paused
 * agent went on at "and the" of "perfect, and the return trip" and at "the" of "right, the blue form", 320 ms before the cut).
 */
export const LEADS_INTO_MORE = new Set(['the', 'a', 'an', 'and', 'or', 'but', 'your', 'our', 'these', 'those']);

/**
 * One word after a whole backchannel that leads into more, or joins what follows to what was said ("sure, so", "right,
 * then"): the two sets above, and words that open a clause or point at a noun still to come.
 */
export const JOINS_OR_LEADS = new Set([...JOINING, ...LEADS_INTO_MORE, 'so', 'my', 'this', 'if', 'because', 'cos']);
