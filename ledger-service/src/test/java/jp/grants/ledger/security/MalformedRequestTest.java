package jp.grants.ledger.security;

import static jp.grants.infra.security.Malformed.shape;
import static jp.grants.ledger.support.Awards.award;
import static jp.grants.ledger.support.Awards.fy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import jp.grants.contracts.ExpenseCategory;
import jp.grants.contracts.Topics;
import jp.grants.infra.security.Malformed;
import jp.grants.infra.security.Malformed.Choice;
import jp.grants.infra.security.Malformed.Day;
import jp.grants.infra.security.Malformed.Endpoint;
import jp.grants.infra.security.Malformed.Id;
import jp.grants.infra.security.Malformed.Request;
import jp.grants.infra.security.Malformed.Text;
import jp.grants.infra.security.Malformed.Whole;
import jp.grants.infra.security.Malformed.Yen;
import jp.grants.infra.security.Writes;
import jp.grants.ledger.support.Awards;
import jp.grants.ledger.support.GrantEventsProducer;
import jp.grants.platform.security.Roles;
import org.junit.jupiter.api.Test;

/**
 * At least 1,000 malformed requests, drawn from a fixed seed, against every write endpoint of the
 * ledger, each aimed at a resource where the well-formed request succeeds (checked at the end): not
 * one is answered 5xx or 2xx, every answer is a 4xx RFC 9457 problem that says what is wrong, and
 * not one row is written anywhere in the ledger's database, its inbox or its outbox.
 */
@QuarkusTest
class MalformedRequestTest {
  private static final long SEED = 20_261_123L;
  private static final int REQUESTS = 1_000;
  private static final List<String> TABLES =
      List.of(
          "grant_account",
          "grant_year",
          "program_year",
          "disbursement",
          "idempotency_record",
          "journal_entry",
          "journal_line",
          "inbox",
          "inbox_dead_letter",
          "outbox");
  private static final String BUDGET =
      "/api/v1/ledger/programs/JSPS-INTERNATIONAL-FELLOWSHIP/fiscal-years/2096/budget";

  @Test
  void shouldRefuseEveryMalformedRequestWithAProblemAndWriteNothing() {
    UUID grant;
    try (GrantEventsProducer producer = new GrantEventsProducer()) {
      grant =
          Awards.publish(
                  producer,
                  award(
                      "JSPS-OVERSEAS-FELLOWSHIP",
                      12_000_000L,
                      fy(2023, 6_000_000L),
                      fy(2024, 6_000_000L)))
              .grantId();
    }
    List<Endpoint> endpoints = List.of(disbursements(grant), budget());
    Random random = new Random(SEED);
    Writes.awaitConsumed("ledger-service.grant-events", Topics.GRANT_EVENTS);
    Malformed.assertRefusedWithoutWrites("ledger", endpoints, TABLES, REQUESTS, random);
  }

  @Test
  void shouldRefuseAChunkedBodyWith411AndWriteNothing() throws Exception {
    Writes.awaitConsumed("ledger-service.grant-events", Topics.GRANT_EVENTS);
    Malformed.assertChunkedRefused(budget().valid(), TABLES);
  }

  private static Endpoint disbursements(UUID grant) {
    var template =
        Malformed.object(
            Map.of(
                "grantId",
                grant.toString(),
                "fiscalYear",
                2023,
                "amountYen",
                10_000L,
                "expenseCategory",
                "TRAVEL",
                "purpose",
                "malformed-request check"));
    var shape =
        shape(
            "grantId",
            new Id(true),
            "fiscalYear",
            new Whole(2000, 2100, false),
            "valueDate",
            new Day(false),
            "amountYen",
            new Yen(1, 1_000_000_000_000L, true),
            "expenseCategory",
            new Choice(Arrays.stream(ExpenseCategory.values()).map(Enum::name).toList(), true),
            "purpose",
            new Text(500, false, false));
    String path = "/api/v1/ledger/disbursements";
    Supplier<Map<String, String>> key =
        () -> Map.of("Idempotency-Key", UUID.randomUUID().toString());
    List<Supplier<Request>> extra = new ArrayList<>();
    Endpoint[] self = new Endpoint[1];
    for (String bad : List.of("", "has space", "k".repeat(201), "cl\u00e9", "tab\tkey")) {
      extra.add(
          () ->
              self[0].request(
                  "Idempotency-Key '" + Malformed.abbreviate(bad) + "'",
                  path,
                  Map.of("Idempotency-Key", bad),
                  "application/json",
                  Malformed.bytes(template)));
    }
    extra.add(
        () ->
            self[0].request(
                "no Idempotency-Key",
                path,
                Map.of(),
                "application/json",
                Malformed.bytes(template)));
    extra.add(
        () ->
            self[0].withBody(
                "valueDate outside fiscalYear",
                Malformed.replaced(
                    template,
                    "/valueDate",
                    Malformed.JSON.getNodeFactory().textNode("2030-06-01"))));
    extra.add(
        () ->
            self[0].withBody(
                "grant the ledger does not know",
                Malformed.replaced(
                    template,
                    "/grantId",
                    Malformed.JSON.getNodeFactory().textNode(UUID.randomUUID().toString()))));
    extra.add(
        () ->
            self[0].request(
                "a path under the collection",
                path + "/" + UUID.randomUUID(),
                key.get(),
                "application/json",
                Malformed.bytes(template)));
    self[0] =
        new Endpoint(
            "POST disbursements",
            "POST",
            path,
            "malformed-finance",
            Roles.FINANCE,
            template,
            shape,
            key,
            extra);
    return self[0];
  }

  private static Endpoint budget() {
    var template =
        Malformed.object(Map.of("budgetYen", 800_000_000L, "reason", "malformed-request check"));
    var shape =
        shape(
            "budgetYen",
            new Yen(0, 100_000_000_000_000L, true),
            "reason",
            new Text(500, true, true));
    List<Supplier<Request>> extra = new ArrayList<>();
    Endpoint[] self = new Endpoint[1];
    for (String badPath :
        List.of(
            "/api/v1/ledger/programs/NO-SUCH-PROGRAM/fiscal-years/2096/budget",
            "/api/v1/ledger/programs/jsps-international-fellowship/fiscal-years/2096/budget",
            "/api/v1/ledger/programs/JSPS-INTERNATIONAL-FELLOWSHIP/fiscal-years/1999/budget",
            "/api/v1/ledger/programs/JSPS-INTERNATIONAL-FELLOWSHIP/fiscal-years/2101/budget",
            "/api/v1/ledger/programs/JSPS-INTERNATIONAL-FELLOWSHIP/fiscal-years/-1/budget",
            "/api/v1/ledger/programs/JSPS-INTERNATIONAL-FELLOWSHIP/fiscal-years/abc/budget",
            "/api/v1/ledger/programs/JSPS-INTERNATIONAL-FELLOWSHIP/fiscal-years/99999999999/budget",
            "/api/v1/ledger/programs/%2e%2e/fiscal-years/2096/budget")) {
      extra.add(
          () ->
              self[0].request(
                  "path " + badPath,
                  badPath,
                  Map.of(),
                  "application/json",
                  Malformed.bytes(template)));
    }
    self[0] =
        new Endpoint(
            "PUT budget",
            "PUT",
            BUDGET,
            "malformed-admin",
            Roles.ADMIN,
            template,
            shape,
            Map::of,
            extra);
    return self[0];
  }

  static JsonNode text(String value) {
    return Malformed.JSON.getNodeFactory().textNode(value);
  }
}
