package jp.grants.grant.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jp.grants.platform.problem.Problem;
import jp.grants.platform.problem.StaleVersionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** What Axon says about a command, as RFC 9457 problems. */
public class AxonProblemMappers {

  /** If-Match named a version the grant has moved past: as platform answers every stale one. */
  @ServerExceptionMapper(priority = 1)
  public Response staleVersion(ConflictingAggregateVersionException e, UriInfo uri) {
    return new StaleVersionException("the grant", e.getActualVersion())
        .toProblem()
        .at(uri.getPath())
        .toResponse();
  }

  /** Two writers raced on the same grant; the other one won. Retrying is safe. */
  @ServerExceptionMapper(priority = 2)
  public Response concurrentWrite(ConcurrencyException e, UriInfo uri) {
    return Problem.ofRule(
            409,
            "Concurrent modification",
            "CONCURRENT-MODIFICATION",
            "another command changed this grant at the same moment; retry the request")
        .at(uri.getPath())
        .toResponse();
  }

  @ServerExceptionMapper
  public Response unknownGrant(AggregateNotFoundException e, UriInfo uri) {
    return Problem.of(
            Response.Status.NOT_FOUND, "not-found", "no grant " + e.getAggregateIdentifier())
        .at(uri.getPath())
        .toResponse();
  }

  @ServerExceptionMapper
  public Response commandFailed(CommandExecutionException e, UriInfo uri) {
    if (e.getCause() instanceof jp.grants.contracts.rule.RuleViolation violation) {
      return Problem.of(violation).at(uri.getPath()).toResponse();
    }
    throw e;
  }
}
