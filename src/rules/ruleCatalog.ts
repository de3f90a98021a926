/**
 * Every check paiban runs, by name, in one list: the typography check of the laid-out pages, the GB/T text checks
 * of the sources, and the print shop's preflight. periodical.yaml's `checks.off` names rules from this list; the
 * check.json, --strict, the proof report and the preflight table then leave those rules out.
 */
import { preflightRules } from './preflightRules.js';
import { textRules } from './textRules.js';
import { typographyRules } from './typographyRules.js';

export const ruleCatalog = {
  typography: Object.keys(typographyRules),
  text: Object.keys(textRules),
  preflight: Object.keys(preflightRules),
};

/** Every rule name, for the settings schema. */
export const ruleNames = [...ruleCatalog.typography, ...ruleCatalog.text, ...ruleCatalog.preflight] as [string, ...string[]];
