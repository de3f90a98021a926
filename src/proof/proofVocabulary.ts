/**
 * Every character the proof's slug and watermark can show (src/proof/printProof.ts). The print and the proof are
 * laid out with the very same font subsets, so these are subset with the issue's own text.
 */
export const proofVocabulary = '校样第版本未知不在仓库中有提交的修改页（）0123456789-:';
