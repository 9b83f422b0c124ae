import type { Migration } from './index.ts';

/**
 * Version 7: surveys (征求意见). Version 8: the procedure tracker (dates, minutes, ratification
 * votes). Answers are anonymous (survey/SPEC.md V2): a response row carries no code, device or
 * time, an invitation code only whether it was used, a device only a hash of its cookie.
 */
export const voiceMigrations: Migration[] = [
	{
		version: 7,
		name: 'surveys',
		sql: `
			CREATE TABLE surveys (
				id TEXT PRIMARY KEY,
				owner_user_id TEXT NOT NULL REFERENCES users (id),
				scenario_id TEXT NOT NULL,
				title TEXT NOT NULL,
				intro TEXT NOT NULL DEFAULT '',
				-- JSON: the questions (domain survey questionsSchema).
				questions TEXT NOT NULL,
				-- One answer per invitation code, or per device (a cookie).
				mode TEXT NOT NULL CHECK (mode IN ('code', 'device')),
				-- The link printed for per-device surveys: /s/<public_code>.
				public_code TEXT NOT NULL UNIQUE,
				status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
				-- JSON: the last labour-priorities draft made from the results, with its response count.
				priorities TEXT,
				priorities_at INTEGER,
				created_at INTEGER NOT NULL,
				updated_at INTEGER NOT NULL
			);
			CREATE INDEX surveys_owner ON surveys (owner_user_id);
			CREATE TABLE survey_invites (
				code TEXT PRIMARY KEY,
				survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
				used INTEGER NOT NULL DEFAULT 0
			);
			CREATE INDEX survey_invites_survey ON survey_invites (survey_id);
			CREATE TABLE survey_devices (
				survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
				device_hash TEXT NOT NULL,
				PRIMARY KEY (survey_id, device_hash)
			);
			CREATE TABLE survey_responses (
				id INTEGER PRIMARY KEY AUTOINCREMENT,
				survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
				answers TEXT NOT NULL
			);
			CREATE INDEX survey_responses_survey ON survey_responses (survey_id);
			CREATE TRIGGER survey_responses_immutable BEFORE UPDATE ON survey_responses
				BEGIN SELECT RAISE(ABORT, 'a survey answer is immutable'); END;
		`
	},
	{
		version: 8,
		name: 'procedure tracker',
		sql: `
			-- The dates a match's procedure counts from (ISO YYYY-MM-DD), entered by hand.
			CREATE TABLE procedure_dates (
				match_id TEXT PRIMARY KEY REFERENCES matches (id) ON DELETE CASCADE,
				offer_date TEXT,
				-- The written reply to the offer (答复要约).
				replied_date TEXT,
				signed_date TEXT,
				filed_date TEXT,
				updated_at INTEGER NOT NULL
			);
			-- Meeting minutes (会议记录), append-only, with the recorder's name.
			CREATE TABLE procedure_minutes (
				id INTEGER PRIMARY KEY AUTOINCREMENT,
				match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
				meeting_date TEXT NOT NULL,
				recorder TEXT NOT NULL,
				body TEXT NOT NULL,
				actor TEXT NOT NULL,
				at INTEGER NOT NULL
			);
			CREATE TRIGGER procedure_minutes_no_update BEFORE UPDATE ON procedure_minutes
				BEGIN SELECT RAISE(ABORT, 'minutes are append-only'); END;
			-- Ratification votes (职代会审议): the tally, the rule and the outcome as decided.
			CREATE TABLE ratifications (
				id INTEGER PRIMARY KEY AUTOINCREMENT,
				match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
				delegates INTEGER NOT NULL,
				present INTEGER NOT NULL,
				yes INTEGER NOT NULL,
				no INTEGER NOT NULL,
				abstain INTEGER NOT NULL,
				rule TEXT NOT NULL,
				quorate INTEGER NOT NULL,
				passed INTEGER NOT NULL,
				reason TEXT NOT NULL,
				actor TEXT NOT NULL,
				at INTEGER NOT NULL
			);
			CREATE TRIGGER ratifications_immutable BEFORE UPDATE ON ratifications
				BEGIN SELECT RAISE(ABORT, 'a recorded vote is immutable'); END;
		`
	}
];
