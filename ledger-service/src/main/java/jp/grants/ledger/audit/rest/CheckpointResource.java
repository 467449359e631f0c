package jp.grants.ledger.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.grants.platform.audit.CheckpointEndpoints;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The ledger-service's signed checkpoint log for auditors (platform's CheckpointEndpoints). */
@Path("/api/v1/audit/ledger/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Tag(
    name = "Audit checkpoints",
    description =
        "Signed Merkle checkpoints over every journal chain head, each grant's and each budget pool's (RFC 9162), forming an append-only log with consistency proofs, signed with the ledger-service's own key")
public class CheckpointResource extends CheckpointEndpoints {}
