package jp.grants.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jp.grants.contracts.rule.RuleViolation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves the service as an RFC 9457 problem. A client's mistake is a 4xx that says what
 * is wrong; only the service's own faults are 5xx, and they never leak internals.
 */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @jakarta.inject.Inject jp.grants.platform.web.AllowedMethods allowed;

  /** Seconds a 503 tells the caller to wait when the exception named none. */
  private static final String DEFAULT_RETRY_AFTER_SECONDS = "2";

  @ServerExceptionMapper
  public Response ruleViolation(RuleViolation violation, UriInfo uri) {
    return Problem.of(violation).at(uri.getPath()).toResponse();
  }

  /** If-Match named a version the resource has moved past. */
  @ServerExceptionMapper
  public Response staleVersion(StaleVersionException stale, UriInfo uri) {
    return stale.toProblem().at(uri.getPath()).toResponse();
  }

  @ServerExceptionMapper(priority = 1)
  public Response invalidInput(ResteasyReactiveViolationException exception, UriInfo uri) {
    return validation(exception, uri);
  }

  @ServerExceptionMapper
  public Response validation(ConstraintViolationException exception, UriInfo uri) {
    if (exception.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue)) {
      return internal(exception, uri); // the service broke its own contract: not the client's fault
    }
    List<Problem.FieldError> errors =
        exception.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(field(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    String detail =
        errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    return Problem.of(Response.Status.BAD_REQUEST, "invalid-request", detail)
        .withErrors(errors)
        .at(uri.getPath())
        .toResponse();
  }

  @ServerExceptionMapper
  public Response unreadableJson(JsonProcessingException exception, UriInfo uri) {
    String detail;
    String message = null;
    if (exception instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
      message =
          "unknown value "
              + invalid.getValue()
              + "; allowed: "
              + Arrays.toString(invalid.getTargetType().getEnumConstants());
      detail =
          "unknown value "
              + invalid.getValue()
              + " at "
              + path(invalid)
              + "; allowed: "
              + Arrays.toString(invalid.getTargetType().getEnumConstants());
    } else if (exception instanceof UnrecognizedPropertyException unknown) {
      message = "unknown property";
      detail = "unknown property " + unknown.getPropertyName() + " at " + path(unknown);
    } else if (exception instanceof InvalidNullException nullValue
        && !nullValue.getPath().isEmpty()) {
      // one rule for every field: send a value, or leave the field out
      message = "must not be null: send a value or leave the field out";
      detail = path(nullValue) + ": " + message;
    } else if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      message = mapping.getOriginalMessage();
      detail = "cannot read " + path(mapping) + ": " + mapping.getOriginalMessage();
    } else {
      detail = "the body is not valid JSON: " + exception.getOriginalMessage();
    }
    Problem problem =
        Problem.of(Response.Status.BAD_REQUEST, "unreadable-body", detail).at(uri.getPath());
    if (message != null
        && exception instanceof JsonMappingException mapping
        && !mapping.getPath().isEmpty()) {
      problem = problem.withErrors(List.of(new Problem.FieldError(path(mapping), message)));
    }
    return problem.toResponse();
  }

  /**
   * Quarkus REST brings a mapper of its own for this subtype (e.g. an unknown enum value), which
   * would win over {@link #unreadableJson} by being more specific and answer without a problem
   * body.
   */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException exception, UriInfo uri) {
    return unreadableJson(exception, uri);
  }

  /**
   * No token (or one Quarkus could not authenticate) on an endpoint that needs a role: 401 with the
   * RFC 6750 challenge. Quarkus' own mapper would answer without a body.
   */
  @ServerExceptionMapper(priority = 1)
  public Response unauthenticated(UnauthorizedException exception, UriInfo uri) {
    return unauthenticated(uri);
  }

  @ServerExceptionMapper(priority = 1)
  public Response authenticationFailed(AuthenticationFailedException exception, UriInfo uri) {
    return unauthenticated(uri);
  }

  /** An authenticated caller whose role the endpoint does not name: 403, with a problem body. */
  @ServerExceptionMapper(priority = 1)
  public Response forbidden(ForbiddenException exception, UriInfo uri) {
    return Problem.of(Response.Status.FORBIDDEN, "forbidden", "the caller's role may not do this")
        .at(uri.getPath())
        .toResponse();
  }

  private static Response unauthenticated(UriInfo uri) {
    return Response.fromResponse(
            Problem.of(
                    Response.Status.UNAUTHORIZED,
                    "unauthenticated",
                    "a bearer token (JWT) signed by the platform's identity provider is required")
                .at(uri.getPath())
                .toResponse())
        .header("WWW-Authenticate", "Bearer")
        .build();
  }

  @ServerExceptionMapper
  public Response webApplication(
      WebApplicationException exception, UriInfo uri, jakarta.ws.rs.core.Request request) {
    if (exception.getCause() instanceof JsonProcessingException json) {
      return unreadableJson(json, uri);
    }
    Response.StatusType status = exception.getResponse().getStatusInfo();
    if (status.getStatusCode() == 503) {
      // a dependency is away (the database schema pending, another service unreachable): say which
      LOG.warnf("%s answered 503: %s", uri.getPath(), exception.getMessage());
      String retryAfter = exception.getResponse().getHeaderString("Retry-After");
      return Response.fromResponse(
              Problem.of(status, "unavailable", exception.getMessage())
                  .at(uri.getPath())
                  .toResponse())
          .header("Retry-After", retryAfter == null ? DEFAULT_RETRY_AFTER_SECONDS : retryAfter)
          .build();
    }
    if (status.getStatusCode() >= 500) {
      return internal(exception, uri);
    }
    String detail =
        exception.getMessage() == null ? status.getReasonPhrase() : exception.getMessage();
    Set<String> methods =
        status.getStatusCode() == 404 || status.getStatusCode() == 405
            ? allowed.of(uri.getPath())
            : Set.of();
    if (status.getStatusCode() == 404
        && !methods.isEmpty()
        && !methods.contains(request.getMethod())) {
      // Quarkus REST answers 404 when the path's resource class has no method for the request's
      // method but another class serves the rest of the path: the path exists, the method does not
      status = Response.Status.METHOD_NOT_ALLOWED;
      detail = request.getMethod() + " is not a method of this path";
    }
    Response problem =
        Problem.of(status, kebab(status.getReasonPhrase()), detail).at(uri.getPath()).toResponse();
    if (status.getStatusCode() == 405 && !methods.isEmpty()) {
      String allow = String.join(", ", methods);
      // RFC 9110 §15.5.6: a 405 names the methods the path does answer
      return Response.fromResponse(problem).header("Allow", allow).build();
    }
    return problem;
  }

  @ServerExceptionMapper
  public Response internal(Throwable throwable, UriInfo uri) {
    var away = Unavailability.answer(throwable, uri.getPath());
    if (away.isPresent()) {
      // a dependency is away (the database stopped, a broken pooled connection, the pool
      // exhausted):
      // the caller's to retry, and the readiness check says the same
      LOG.warnf("%s answered 503: %s", uri.getPath(), String.valueOf(throwable));
      return away.get();
    }
    LOG.errorf(throwable, "unexpected failure on %s", uri.getPath());
    return Problem.of(
            Response.Status.INTERNAL_SERVER_ERROR,
            "internal",
            "the service failed to handle the request; it has been logged")
        .at(uri.getPath())
        .toResponse();
  }

  private static boolean isReturnValue(ConstraintViolation<?> violation) {
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.RETURN_VALUE) {
        return true;
      }
    }
    return false;
  }

  private static String field(ConstraintViolation<?> violation) {
    // "submit.request.title" -> "title": the method and parameter name mean nothing to a client.
    String path = violation.getPropertyPath().toString();
    String[] parts = path.split("\\.", 3);
    return parts.length == 3 ? parts[2] : path;
  }

  private static String path(JsonMappingException exception) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : exception.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(body)" : path.toString();
  }

  private static String kebab(String phrase) {
    return phrase.toLowerCase().replaceAll("[^a-z0-9]+", "-");
  }
}
