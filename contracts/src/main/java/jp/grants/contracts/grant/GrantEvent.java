package jp.grants.contracts.grant;

import jp.grants.contracts.DomainEvent;

/**
 * Everything that can happen to a grant, from proposal to closeout. These records are both what the
 * grant-service stores in its event store and what it publishes on {@code grant-events}: the topic
 * carries each grant's events exactly as stored, in order.
 */
public sealed interface GrantEvent extends DomainEvent
    permits ProposalSubmitted,
        ProposalScreened,
        ProposalRejected,
        GrantAwarded,
        ProposalDeclined,
        AnnualFollowUpReported,
        StageGateScheduled,
        StageGatePassed,
        StageGateFailed,
        InterimEvaluationScheduled,
        InterimEvaluationCompleted,
        FinalEvaluationScheduled,
        FinalEvaluationCompleted,
        GrantExtended,
        GrantTerminated,
        GrantSuspended,
        GrantResumed,
        PrincipalInvestigatorChanged,
        HostInstitutionsChanged,
        NoCostExtensionGranted,
        GrantClosed,
        DisbursementRequested,
        FundsDisbursed,
        DisbursementRejected,
        FundsCarriedOver,
        FundsRefunded,
        AnnualReportAccepted,
        GrantSettled,
        CommitteeDecisionRefused,
        GrantCatalogMigrated,
        WorldPremierStatusGranted,
        AcademyReportSubmitted,
        WorldPremierStatusWithdrawn {}
