// The snapshot document's version, apart from its zod schema (schema.ts): what builds the
// document needs the number, not zod.

/**
 * 2: alarm counts are null while the alarms are unknown (never fetched, or the last fetch
 * failed); fields AWS left out are absent, not defaulted: an alarm's state and reason, a
 * certificate's status, a rule's disabled flag. The Logs source's state (following, behind,
 * paused, ...), its poll interval and --since; eventsPerSecond null when unknown; a log event
 * without a time has timestamp null. How each metric was asked for, and its StatusCode.
 */
/**
 * 3: `changes` (CloudTrail's AWS IoT management events), `health` (AWS Health events of the
 * AWS IoT services; `unavailable` says why when the support plan lacks it) and `fleet` (the fleet
 * index's figures, each null with its error when unknown); things carry connectedSince and disconnectReason.
 */
export const SCHEMA_VERSION = 3;
