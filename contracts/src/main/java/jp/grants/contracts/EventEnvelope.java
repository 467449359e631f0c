package jp.grants.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole Kafka record value. Every topic of the
 * system carries this envelope; the record key is the grant id.
 *
 * <p>Extension attributes (lower-case, as CloudEvents requires): {@code schemaversion} of the data,
 * {@code sequence} of the event in its grant's stream (grant events only), {@code correlationid}
 * and {@code causationid} of the request that caused it, {@code actor} and {@code actorrole} of who
 * caused it, and {@code catalogversion}: the program catalog version the event was checked against
 * (grant events recorded since catalog versioning; the grant's pinned version).
 *
 * @param id the event's unique id; consumers drop duplicates by it
 * @param source the producing service, e.g. {@code /grant-service}
 * @param type the stable event type name, e.g. {@code jp.grants.grant.ProposalSubmitted}
 * @param subject the grant id
 * @param dataschema {@code urn:jp-grants:schema:<type>:<schemaversion>}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventEnvelope(
    String specversion,
    String id,
    String source,
    String type,
    String subject,
    OffsetDateTime time,
    String datacontenttype,
    String dataschema,
    int schemaversion,
    @Nullable Long sequence,
    @Nullable String correlationid,
    @Nullable String causationid,
    @Nullable String actor,
    @Nullable String actorrole,
    @Nullable String catalogversion,
    JsonNode data) {

  /** An envelope without a catalog version (events of services that check no catalog rule). */
  public EventEnvelope(
      String specversion,
      String id,
      String source,
      String type,
      String subject,
      OffsetDateTime time,
      String datacontenttype,
      String dataschema,
      int schemaversion,
      Long sequence,
      String correlationid,
      String causationid,
      String actor,
      String actorrole,
      JsonNode data) {
    this(
        specversion,
        id,
        source,
        type,
        subject,
        time,
        datacontenttype,
        dataschema,
        schemaversion,
        sequence,
        correlationid,
        causationid,
        actor,
        actorrole,
        null,
        data);
  }

  public static final String SPEC_VERSION = "1.0";
  public static final String JSON = "application/json";

  /** Kafka record header content-type of a structured-mode CloudEvent. */
  public static final String STRUCTURED_CONTENT_TYPE =
      "application/cloudevents+json; charset=UTF-8";

  public static String dataSchema(String type, int schemaVersion) {
    return "urn:jp-grants:schema:" + type + ":" + schemaVersion;
  }
}
