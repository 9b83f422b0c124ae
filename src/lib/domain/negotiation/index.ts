/**
 * Public surface of the negotiation table's pure parts: offers and their validation, offer diffs,
 * concession series, term states, the agreement with its hash and its printed text. Rules N1–N18 in ../SPEC.md.
 */
export {
	clauseTextsSchema,
	MAX_CLAUSE_CHARS,
	nextOfferKind,
	nextOfferSeq,
	offerKindSchema,
	offerProblemsMessage,
	offerSchema,
	resolveOfferClauses,
	resolveOfferTerms,
	sideSchema,
	validateOffer,
	validateOfferClauses,
	validateOfferTerms
} from './offer.ts';
export type {
	ClauseTexts,
	Offer,
	OfferKind,
	OfferProblem,
	OfferProblemCode,
	Side
} from './offer.ts';
export { diffOffers } from './diff.ts';
export type {
	CellChange,
	ClauseChange,
	ClauseDiff,
	Direction,
	OfferDiff,
	TermDiff
} from './diff.ts';
export { concessionSeries } from './concession.ts';
export type { ConcessionPoint, ConcessionSeries, ConcessionTrend, GapPoint } from './concession.ts';
export {
	agreementContent,
	completesAgreement,
	draftValue,
	effectiveState,
	effectiveStates,
	sameDraftValue,
	validateDraft,
	withSigners
} from './draft.ts';
export type { Draft, Signature, StoredTermState } from './draft.ts';
export { allAgreed, chiefSide, CHIEF_ROLES, pendingTerms, transition } from './term-state.ts';
export type {
	Actor,
	TermEvent,
	TermState,
	TermStates,
	TransitionRefusal,
	TransitionResult
} from './term-state.ts';
export {
	agreementContentHash,
	agreementHash,
	agreementSchema,
	canonicalJson,
	isFullySigned,
	sha256Hex,
	signerSchema
} from './agreement.ts';
export type { Agreement, Signer } from './agreement.ts';
export {
	AGREEMENT_LABELS,
	agreementText,
	BLANK_DATE,
	BLANK_NAME,
	DRAFT_NOTICE,
	SIDE_LABEL
} from './agreement-text.ts';
export type {
	AgreementArticle,
	AgreementText,
	AgreementTextInput,
	ClauseText,
	SignatureLine
} from './agreement-text.ts';
export { beijingDateTime, chineseDate } from './dates.ts';
export {
	chineseNumeral,
	formatTermNumber,
	formatTermValue,
	formatTermValuePlain,
	isShareUnit,
	plainNumber
} from './format.ts';
export {
	allowanceOf,
	applyClock,
	stopClock,
	clockFromFormat,
	defaultFormat,
	matchFormatSchema,
	newClock,
	remainingMs,
	settle,
	DEFAULT_PHASES,
	CAUCUS_ALLOWANCE
} from './clock.ts';
export type {
	CaucusAllowance,
	ClockAction,
	ClockResult,
	ClockState,
	MatchFormat,
	Phase
} from './clock.ts';
