package jp.grants.review.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jp.grants.platform.audit.CheckpointEndpoints;
import jp.grants.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The review-service's signed checkpoint log for auditors (platform's CheckpointEndpoints). */
@Path("/api/v1/audit/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Tag(
    name = "Audit checkpoints",
    description =
        "Signed Merkle checkpoints over every grant's decision chain head (RFC 9162), forming an append-only log with consistency proofs, signed with the review-service's own key")
public class CheckpointResource extends CheckpointEndpoints {}
