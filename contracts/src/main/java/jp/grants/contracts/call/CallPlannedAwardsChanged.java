package jp.grants.contracts.call;

import java.util.UUID;
import jp.grants.contracts.SchemaVersion;

/**
 * The explicit decision to award more (or fewer) grants from a call than it planned: the new number
 * and why. Awards beyond the planned number are refused until such a decision raises it.
 *
 * @param awarded how many grants had been awarded from the call when the number changed
 */
@SchemaVersion(1)
public record CallPlannedAwardsChanged(
    UUID callId, int previousPlannedAwards, int plannedAwards, int awarded, String reason)
    implements CallEvent {}
